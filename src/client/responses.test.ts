// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ResponsesMapper } from './responses';
import { mapSse, responsesSse } from './testing/map-sse';

const run = (sse: string) => mapSse(new ResponsesMapper(), sse);
const created = { type: 'response.created', response: { id: 'r1' } };
const completed = (usage?: object) => ({
  type: 'response.completed',
  response: { id: 'r1', ...(usage ? { usage } : {}) },
});
const textDelta = (delta: string, item_id = 'msg_1') => ({
  type: 'response.output_text.delta',
  item_id,
  delta,
});

describe('ResponsesMapper', () => {
  it('maps text deltas and usage, finishing with stop', () => {
    const events = run(
      responsesSse(
        created,
        textDelta('Hel'),
        textDelta('lo'),
        {
          type: 'response.output_item.done',
          item: { id: 'msg_1', type: 'message', content: [{ type: 'output_text', text: 'Hello' }] },
        },
        completed({
          input_tokens: 5,
          output_tokens: 2,
          total_tokens: 7,
          output_tokens_details: { reasoning_tokens: 1 },
        }),
      ),
    );
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'output-item-done', item: { type: 'message', id: 'msg_1', text: 'Hello' } },
      {
        type: 'usage',
        usage: { input: 5, cachedInput: 0, output: 2, reasoningOutput: 1, total: 7 },
        cost: null,
      },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('takes the text from the finished item when no deltas came', () => {
    const events = run(
      responsesSse(
        {
          type: 'response.output_item.done',
          item: { type: 'message', content: [{ type: 'output_text', text: 'fixture hello' }] },
        },
        completed(),
      ),
    );
    expect(events[0]).toEqual({ type: 'text-delta', delta: 'fixture hello' });
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it("repeats a finished item's text only for items that sent no deltas, interleaved or not", () => {
    const done = (id: string, text: string) => ({
      type: 'response.output_item.done',
      item: { id, type: 'message', content: [{ type: 'output_text', text }] },
    });
    const events = run(
      responsesSse(
        textDelta('A1', 'msg_a'),
        textDelta('B1', 'msg_b'),
        textDelta('A2', 'msg_a'),
        done('msg_a', 'A1A2'),
        done('msg_c', 'C'),
        done('msg_b', 'B1'),
        completed(),
      ),
    );
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta)).toEqual([
      'A1',
      'B1',
      'A2',
      'C',
    ]);
  });

  it('maps reasoning summaries with their index, and raw reasoning text', () => {
    const events = run(
      responsesSse(
        { type: 'response.reasoning_summary_part.added', item_id: 'rs_1', summary_index: 1 },
        {
          type: 'response.reasoning_summary_text.delta',
          item_id: 'rs_1',
          summary_index: 1,
          delta: 'Plan',
        },
        { type: 'response.reasoning_text.delta', item_id: 'rs_1', delta: 'raw' },
        {
          type: 'response.output_item.done',
          item: {
            id: 'rs_1',
            type: 'reasoning',
            summary: [{ type: 'summary_text', text: 'Plan' }],
          },
        },
        completed(),
      ),
    );
    expect(events.slice(0, 3)).toEqual([
      { type: 'reasoning-summary-delta', delta: 'Plan', summaryIndex: 1 },
      { type: 'reasoning-delta', delta: 'raw' },
      { type: 'output-item-done', item: { type: 'reasoning', id: 'rs_1', summary: ['Plan'] } },
    ]);
  });

  it('takes reasoning summaries from the finished item when no deltas came', () => {
    const events = run(
      responsesSse(
        {
          type: 'response.output_item.done',
          item: { id: 'rs_1', type: 'reasoning', summary: [{ text: 'A' }, { text: 'B' }] },
        },
        completed(),
      ),
    );
    expect(events.slice(0, 2)).toEqual([
      { type: 'reasoning-summary-delta', delta: 'A', summaryIndex: 0 },
      { type: 'reasoning-summary-delta', delta: 'B', summaryIndex: 1 },
    ]);
  });

  it('maps function calls, custom tool calls and web searches; tool calls finish as tool_calls', () => {
    const events = run(
      responsesSse(
        { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '{"a":' },
        {
          type: 'response.output_item.done',
          item: {
            id: 'fc_1',
            type: 'function_call',
            call_id: 'call_1',
            name: 'add',
            arguments: '{"a":3}',
          },
        },
        {
          type: 'response.output_item.done',
          item: {
            id: 'ct_1',
            type: 'custom_tool_call',
            call_id: 'call_2',
            name: 'sql',
            input: 'SELECT 1',
          },
        },
        {
          type: 'response.output_item.done',
          item: {
            id: 'ws_1',
            type: 'web_search_call',
            status: 'completed',
            action: { type: 'search', query: 'news' },
          },
        },
        { type: 'response.output_item.done', item: { id: 'x', type: 'image_generation_call' } },
        completed(),
      ),
    );
    expect(events).toEqual([
      {
        type: 'output-item-done',
        item: { type: 'tool_call', call: { id: 'call_1', name: 'add', arguments: '{"a":3}' } },
      },
      {
        type: 'output-item-done',
        item: { type: 'tool_call', call: { id: 'call_2', name: 'sql', arguments: 'SELECT 1' } },
      },
      {
        type: 'output-item-done',
        item: { type: 'web_search', id: 'ws_1', status: 'completed', query: 'news' },
      },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
  });

  it('reports response.incomplete as an incomplete error with its reason, after the text and usage', () => {
    const events = run(
      responsesSse(textDelta('partial'), {
        type: 'response.incomplete',
        response: {
          incomplete_details: { reason: 'max_output_tokens' },
          usage: { input_tokens: 1, output_tokens: 9, total_tokens: 10 },
        },
      }),
    );
    expect(events.map((e) => e.type)).toEqual(['text-delta', 'usage', 'error']);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'incomplete', reason: 'max_output_tokens', retryable: false },
    });
  });

  it('classifies response.failed like an HTTP error, rate-limit delay included', () => {
    const failed = {
      type: 'response.failed',
      response: {
        error: { code: 'rate_limit_exceeded', message: 'Limit 30000. Please try again in 1.898s.' },
      },
    };
    expect(run(responsesSse(failed)).at(-1)).toMatchObject({
      type: 'error',
      error: {
        kind: 'rate_limit',
        retryAfterMs: 1898,
        retryable: true,
        code: 'rate_limit_exceeded',
      },
    });
    const noError = { type: 'response.failed', response: { error: null } };
    expect(run(responsesSse(noError)).at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'stream_error' },
    });
  });

  it('classifies error events, flat or nested, and stops at the first', () => {
    expect(
      run(responsesSse({ type: 'error', code: 'ERR_X', message: 'boom' })).at(-1),
    ).toMatchObject({
      error: { kind: 'stream_error', code: 'ERR_X' },
    });
    const nested = {
      type: 'error',
      error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota' },
    };
    const events = run(
      responsesSse(nested, {
        type: 'response.failed',
        response: { error: { code: 'server_error' } },
      }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ error: { kind: 'quota_exceeded' } });
  });

  it('uses the SSE event name when the data has no type', () => {
    const events = run(
      'event: response.output_text.delta\ndata: {"delta":"x"}\n\n' + responsesSse(completed()),
    );
    expect(events[0]).toEqual({ type: 'text-delta', delta: 'x' });
  });

  it('ignores events it does not need, and a stream without completion closed early', () => {
    const events = run(
      responsesSse(
        created,
        { type: 'response.in_progress' },
        { type: 'response.output_text.annotation.added', annotation: {} },
        { type: 'response.web_search_call.searching' },
        { type: 'something.new', x: 1 },
        textDelta('Hi'),
      ),
    );
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Hi' },
      { type: 'error', error: expect.objectContaining({ kind: 'stream_closed_before_completed' }) },
    ]);
  });
});
