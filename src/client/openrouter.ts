// OpenRouter's specifics on top of Chat Completions: attribution headers, the request options
// that make it report usage and cost, the cost itself, and its model list's pricing.

import { isObject, stringAt, type JsonObject } from './json';
import type { ModelInfo, ReasoningEffort } from './types';

/** Sent as `HTTP-Referer` so OpenRouter attributes traffic to the app. */
const OPENROUTER_REFERER = 'https://github.com/parley-extension';
const OPENROUTER_TITLE = 'Parley';

export function openRouterAttributionHeaders(): Record<string, string> {
  return {
    'HTTP-Referer': OPENROUTER_REFERER,
    'X-OpenRouter-Title': OPENROUTER_TITLE,
    // The older name of the same header, still read by OpenRouter.
    'X-Title': OPENROUTER_TITLE,
  };
}

/** Body fields OpenRouter adds to a Chat Completions request. */
export function openRouterRequestExtras(effort: ReasoningEffort | undefined): JsonObject {
  return {
    usage: { include: true },
    ...(effort ? { reasoning: { effort } } : {}),
  };
}

/** The exact cost in USD (credits) OpenRouter reports in the final usage, or null. */
export function openRouterCost(usage: JsonObject): number | null {
  const cost = usage.cost;
  return typeof cost === 'number' && Number.isFinite(cost) ? cost : null;
}

/** Per-token USD price from OpenRouter's decimal string; negative means "varies" (router models). */
function price(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** One `/models` entry; OpenRouter adds `name`, `context_length` and `pricing`, others only `id`. */
export function modelInfoFrom(entry: unknown): ModelInfo | null {
  const id = stringAt(entry, 'id');
  if (!id || !isObject(entry)) return null;
  const info: ModelInfo = { id };
  const name = stringAt(entry, 'name');
  if (name) info.name = name;
  if (typeof entry.context_length === 'number') info.contextLength = entry.context_length;
  if (isObject(entry.pricing)) {
    const prompt = price(entry.pricing.prompt);
    const completion = price(entry.pricing.completion);
    if (prompt !== undefined && completion !== undefined) info.pricing = { prompt, completion };
  }
  return info;
}
