import { countAt, objectAt, type JsonObject } from './json';
import type { TokenUsage } from './types';

// Totals are copied as sent, never recomputed: xAI, for one, counts reasoning tokens outside
// `completion_tokens` but inside `total_tokens`. Missing detail counts are 0.

/** Chat Completions `usage` (`prompt_tokens`, `completion_tokens`, details…). */
export function chatUsageToTokenUsage(usage: JsonObject): TokenUsage {
  return {
    input: countAt(usage, 'prompt_tokens'),
    cachedInput: countAt(objectAt(usage, 'prompt_tokens_details'), 'cached_tokens'),
    output: countAt(usage, 'completion_tokens'),
    reasoningOutput: countAt(objectAt(usage, 'completion_tokens_details'), 'reasoning_tokens'),
    total: countAt(usage, 'total_tokens'),
  };
}

/** Responses API `response.usage` (`input_tokens`, `output_tokens`, details…). */
export function responsesUsageToTokenUsage(usage: JsonObject): TokenUsage {
  return {
    input: countAt(usage, 'input_tokens'),
    cachedInput: countAt(objectAt(usage, 'input_tokens_details'), 'cached_tokens'),
    output: countAt(usage, 'output_tokens'),
    reasoningOutput: countAt(objectAt(usage, 'output_tokens_details'), 'reasoning_tokens'),
    total: countAt(usage, 'total_tokens'),
  };
}
