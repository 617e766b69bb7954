import type { TurnMessage, TurnRequest } from './types';

/** The Responses API request body for a turn (streaming, stateless: `store: false`). */
export function buildResponsesRequest(req: TurnRequest): Record<string, unknown> {
  return {
    model: req.model,
    ...(req.instructions ? { instructions: req.instructions } : {}),
    input: req.messages.map(toInputItem),
    stream: true,
    store: false,
    ...(req.reasoning
      ? {
          reasoning: req.reasoning,
          // With `store: false` the reasoning can only be carried forward encrypted.
          include: ['reasoning.encrypted_content'],
        }
      : {}),
    ...(req.verbosity ? { text: { verbosity: req.verbosity } } : {}),
    ...(req.cacheKey ? { prompt_cache_key: req.cacheKey } : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxOutputTokens !== undefined ? { max_output_tokens: req.maxOutputTokens } : {}),
  };
}

/** Earlier answers go back as the model's own output (`output_text`), the rest as input. */
function toInputItem(message: TurnMessage): Record<string, unknown> {
  const partType = message.role === 'assistant' ? 'output_text' : 'input_text';
  return {
    type: 'message',
    role: message.role,
    content: [{ type: partType, text: message.content }],
  };
}
