import type { FinishReason } from './types';

/** Chat Completions `finish_reason`, including the names other servers use for the same thing. */
const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  eos: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
  safety: 'content_filter',
};

/** The normalized reason, or null for one we do not know (the turn still finished). */
export function mapChatFinishReason(reason: string): FinishReason | null {
  return FINISH_REASONS[reason] ?? null;
}
