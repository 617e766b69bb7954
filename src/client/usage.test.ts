// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mapChatFinishReason } from './finish-reason';
import { chatUsageToTokenUsage, responsesUsageToTokenUsage } from './usage';

describe('token usage', () => {
  it('maps Chat Completions usage, copying the total as sent', () => {
    expect(
      chatUsageToTokenUsage({
        prompt_tokens: 12,
        completion_tokens: 2,
        total_tokens: 354,
        prompt_tokens_details: { cached_tokens: 11 },
        completion_tokens_details: { reasoning_tokens: 340 },
      }),
    ).toEqual({ input: 12, cachedInput: 11, output: 2, reasoningOutput: 340, total: 354 });
  });

  it('reads missing or null counts as 0', () => {
    expect(
      chatUsageToTokenUsage({
        prompt_tokens: 5,
        completion_tokens: null,
        prompt_tokens_details: null,
      }),
    ).toEqual({
      input: 5,
      cachedInput: 0,
      output: 0,
      reasoningOutput: 0,
      total: 0,
    });
  });

  it('maps Responses usage', () => {
    expect(
      responsesUsageToTokenUsage({
        input_tokens: 16909,
        input_tokens_details: { cached_tokens: 15744 },
        output_tokens: 54,
        output_tokens_details: { reasoning_tokens: 20 },
        total_tokens: 16963,
      }),
    ).toEqual({ input: 16909, cachedInput: 15744, output: 54, reasoningOutput: 20, total: 16963 });
  });
});

describe('mapChatFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['end_turn', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['something_new', null],
  ])('%s → %s', (wire, normalized) => {
    expect(mapChatFinishReason(wire)).toBe(normalized);
  });
});
