// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ChatCompletionsMapper } from './chat-completions';
import { chatSse, mapSse } from './testing/map-sse';

const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});
const run = (sse: string) => mapSse(new ChatCompletionsMapper({ apiKey: 'sk-test-secret' }), sse);

describe('ChatCompletionsMapper', () => {
  it('maps text deltas and the finish reason, ending at [DONE]', () => {
    expect(
      run(
        chatSse(
          delta({ role: 'assistant', content: '' }),
          delta({ content: 'Hi' }),
          delta({ content: ' there' }),
          delta({}, 'stop'),
          '[DONE]',
        ),
      ),
    ).toEqual([
      { type: 'text-delta', delta: 'Hi' },
      { type: 'text-delta', delta: ' there' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('reports usage once, from the last chunk that carried it, before the finish', () => {
    const usage = (completion: number | null, total: number | null) => ({
      prompt_tokens: 10,
      completion_tokens: completion,
      total_tokens: total,
    });
    const events = run(
      chatSse(
        { ...delta({ content: 'a' }), usage: usage(null, null) },
        { ...delta({}, 'stop'), usage: usage(null, null) },
        { choices: [], usage: { ...usage(5, 15), cost: 0.002 } },
        '[DONE]',
      ),
    );
    expect(events.filter((e) => e.type === 'usage')).toEqual([
      {
        type: 'usage',
        usage: { input: 10, cachedInput: 0, output: 5, reasoningOutput: 0, total: 15 },
        cost: 0.002,
      },
    ]);
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(events.at(-2)?.type).toBe('usage');
  });

  it.each([
    ['reasoning_content', { reasoning_content: 'because' }],
    ['reasoning', { reasoning: 'because' }],
    ['reasoning_details', { reasoning_details: [{ type: 'reasoning.text', text: 'because' }] }],
  ])('reads reasoning from %s', (_name, d) => {
    expect(run(chatSse(delta(d), delta({ content: 'so' }, 'stop'), '[DONE]')).slice(0, 2)).toEqual([
      { type: 'reasoning-delta', delta: 'because' },
      { type: 'text-delta', delta: 'so' },
    ]);
  });

  it('counts reasoning sent twice (reasoning + reasoning_details) once', () => {
    const events = run(
      chatSse(
        delta({ reasoning: 'x', reasoning_details: [{ type: 'reasoning.text', text: 'x' }] }),
        delta({}, 'stop'),
        '[DONE]',
      ),
    );
    expect(events.filter((e) => e.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', delta: 'x' },
    ]);
  });

  it('splits a leading <think> block out of the content', () => {
    const events = run(
      chatSse(
        delta({ content: '<think>hm' }),
        delta({ content: 'm</think>\n\nYes' }),
        delta({}, 'stop'),
        '[DONE]',
      ),
    );
    expect(events).toEqual([
      { type: 'reasoning-delta', delta: 'hm' },
      { type: 'reasoning-delta', delta: 'm' },
      { type: 'text-delta', delta: 'Yes' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('emits merged tool calls as finished items, with finish reason tool_calls', () => {
    const events = run(
      chatSse(
        delta({
          tool_calls: [{ index: 0, id: 'call_1', function: { name: 'read', arguments: '{"p":' } }],
        }),
        delta({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
        delta({}, 'tool_calls'),
        '[DONE]',
      ),
    );
    expect(events).toEqual([
      {
        type: 'output-item-done',
        item: { type: 'tool_call', call: { id: 'call_1', name: 'read', arguments: '{"p":1}' } },
      },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
  });

  it('treats a refusal as text the user should see', () => {
    expect(
      run(chatSse(delta({ refusal: 'I cannot help with that.' }), delta({}, 'stop'), '[DONE]'))[0],
    ).toEqual({
      type: 'text-delta',
      delta: 'I cannot help with that.',
    });
  });

  it('finishes without [DONE] when a finish reason came; otherwise the stream closed early', () => {
    expect(run(chatSse(delta({ content: 'a' }), delta({}, 'length'))).at(-1)).toEqual({
      type: 'finish',
      finishReason: 'length',
    });
    expect(run(chatSse(delta({ content: 'a' }))).at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'stream_closed_before_completed', retryable: true },
    });
  });

  it('keeps the text before an in-stream error and classifies the error', () => {
    const events = run(
      chatSse(
        delta({ content: 'The' }),
        { error: { message: 'The server had an error', type: 'server_error' } },
        delta({ content: 'never' }),
      ),
    );
    expect(events).toEqual([
      { type: 'text-delta', delta: 'The' },
      { type: 'error', error: expect.objectContaining({ kind: 'server_error', retryable: true }) },
    ]);
  });

  it("classifies OpenRouter's mid-stream error chunk (finish_reason error)", () => {
    const chunk = {
      error: {
        code: 429,
        message: 'Rate limit exceeded',
        metadata: { error_type: 'rate_limit_exceeded' },
      },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    };
    expect(run(chatSse(chunk)).at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'rate_limit' },
    });
  });

  it('a finish_reason of error without an error object is a stream error', () => {
    expect(run(chatSse(delta({}, 'error'), '[DONE]')).at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'stream_error' },
    });
  });

  it('malformed JSON is a stream error', () => {
    expect(run('data: {"choices": [\n\n').at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'stream_error' },
    });
  });

  it('ignores empty data, empty choices and chunks without a delta', () => {
    expect(
      run(
        chatSse({ choices: [] }, { choices: [{ index: 0 }] }, delta({ content: 'x' }, 'stop')) +
          'data:\n\n' +
          chatSse('[DONE]'),
      ),
    ).toEqual([
      { type: 'text-delta', delta: 'x' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('marks output as started with the first delta, not before', () => {
    const mapper = new ChatCompletionsMapper();
    mapSse(mapper, chatSse({ choices: [] }));
    expect(mapper.outputStarted).toBe(false);
    const second = new ChatCompletionsMapper();
    mapSse(second, chatSse(delta({ content: 'x' })));
    expect(second.outputStarted).toBe(true);
  });
});
