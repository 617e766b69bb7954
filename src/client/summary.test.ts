// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeErrorInfo } from './errors';
import { TurnSummaryBuilder } from './summary';
import type { ClientEvent } from './types';

function summarize(events: ClientEvent[]) {
  const builder = new TurnSummaryBuilder();
  for (const event of events) builder.add(event);
  return builder.summary;
}

describe('TurnSummaryBuilder', () => {
  it('starts empty', () => {
    expect(summarize([])).toEqual({
      text: '',
      reasoning: null,
      usage: null,
      cost: null,
      finishReason: null,
      toolCalls: [],
      error: null,
    });
  });

  it('joins text and both kinds of reasoning, collects tool calls in order, keeps the last usage', () => {
    const usage = { input: 1, cachedInput: 0, output: 2, reasoningOutput: 0, total: 3 };
    const summary = summarize([
      { type: 'rate-limits', snapshot: { observedAt: 1 } },
      { type: 'reasoning-summary-delta', delta: 'Plan. ', summaryIndex: 0 },
      { type: 'reasoning-delta', delta: 'Think.' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'output-item-done', item: { type: 'message', text: 'Hello' } },
      {
        type: 'output-item-done',
        item: { type: 'tool_call', call: { id: 'a', name: 'x', arguments: '{}' } },
      },
      {
        type: 'output-item-done',
        item: { type: 'tool_call', call: { id: 'b', name: 'y', arguments: '' } },
      },
      { type: 'usage', usage: { ...usage, total: 99 }, cost: null },
      { type: 'usage', usage, cost: 0.0015 },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    expect(summary).toEqual({
      text: 'Hello',
      reasoning: 'Plan. Think.',
      usage,
      cost: 0.0015,
      finishReason: 'tool_calls',
      toolCalls: [
        { id: 'a', name: 'x', arguments: '{}' },
        { id: 'b', name: 'y', arguments: '' },
      ],
      error: null,
    });
  });

  it('keeps partial text alongside the error that ended the turn', () => {
    const error = makeErrorInfo('server_error');
    const summary = summarize([
      { type: 'retry-wait', attempt: 1, delayMs: 1000, error: makeErrorInfo('network') },
      { type: 'text-delta', delta: 'The question' },
      { type: 'error', error },
    ]);
    expect(summary.text).toBe('The question');
    expect(summary.error).toBe(error);
    expect(summary.finishReason).toBeNull();
  });

  it('hands out copies: later events do not change an earlier summary', () => {
    const builder = new TurnSummaryBuilder();
    builder.add({
      type: 'output-item-done',
      item: { type: 'tool_call', call: { id: 'a', name: 'x', arguments: '' } },
    });
    const first = builder.summary;
    builder.add({
      type: 'output-item-done',
      item: { type: 'tool_call', call: { id: 'b', name: 'y', arguments: '' } },
    });
    expect(first.toolCalls).toHaveLength(1);
  });
});
