import { openRouterRequestExtras } from './openrouter';
import type { ProviderConnection, TurnRequest } from './types';

/**
 * The Chat Completions request body for a turn. Differences by provider:
 * - the output limit is `max_completion_tokens` for OpenAI (which rejects `max_tokens` for
 *   reasoning models) and `max_tokens` elsewhere (what OpenRouter documents and what Ollama,
 *   LM Studio, vLLM and Groq all accept);
 * - OpenRouter takes `usage: {include: true}` (exact cost) and `reasoning: {effort}`; the others
 *   take `reasoning_effort`;
 * - `prompt_cache_key` and `verbosity` are OpenAI's, so only OpenAI and OpenRouter get them.
 */
export function buildChatCompletionsRequest(
  conn: Pick<ProviderConnection, 'kind'>,
  req: TurnRequest,
): Record<string, unknown> {
  const messages = [
    ...(req.instructions ? [{ role: 'system', content: req.instructions }] : []),
    ...req.messages.map((m) => ({ role: m.role, content: m.content })),
  ];
  const effort = req.reasoning?.effort;
  const isOpenRouter = conn.kind === 'openrouter';
  return {
    model: req.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxOutputTokens !== undefined
      ? { [conn.kind === 'openai' ? 'max_completion_tokens' : 'max_tokens']: req.maxOutputTokens }
      : {}),
    ...(effort && !isOpenRouter ? { reasoning_effort: effort } : {}),
    ...(req.verbosity && conn.kind !== 'compatible' ? { verbosity: req.verbosity } : {}),
    ...(req.cacheKey && conn.kind === 'openai' ? { prompt_cache_key: req.cacheKey } : {}),
    ...(isOpenRouter ? openRouterRequestExtras(effort) : {}),
  };
}
