// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ChatCompletionsMapper } from './chat-completions';
import { messagesFromJsonBody } from './non-streamed';
import { ResponsesMapper } from './responses';
import type { ClientEvent } from './types';
import type { WireMapper } from './wire-mapper';

function mapAll(mapper: WireMapper, api: 'chat' | 'responses', body: unknown): ClientEvent[] {
  const events: ClientEvent[] = [];
  for (const message of messagesFromJsonBody(api, JSON.stringify(body))) {
    const terminal = mapper.map(message, events);
    if (terminal) return [...events, terminal];
  }
  return [...events, mapper.end(events)];
}

describe('a whole JSON answer from a server that ignored stream: true', () => {
  it('maps a chat completion like its stream', () => {
    const completion = {
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello', reasoning_content: 'Why' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    expect(mapAll(new ChatCompletionsMapper(), 'chat', completion)).toEqual([
      { type: 'reasoning-delta', delta: 'Why' },
      { type: 'text-delta', delta: 'Hello' },
      {
        type: 'usage',
        usage: { input: 3, cachedInput: 0, output: 1, reasoningOutput: 0, total: 4 },
        cost: null,
      },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('maps tool calls of a chat completion', () => {
    const completion = {
      choices: [
        {
          message: {
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    expect(mapAll(new ChatCompletionsMapper(), 'chat', completion)).toEqual([
      {
        type: 'output-item-done',
        item: { type: 'tool_call', call: { id: 'c1', name: 'f', arguments: '{}' } },
      },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
  });

  it('maps a Responses response object by its status', () => {
    const response = {
      object: 'response',
      status: 'completed',
      output: [{ id: 'm1', type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }],
      usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
    };
    expect(mapAll(new ResponsesMapper(), 'responses', response).map((e) => e.type)).toEqual([
      'text-delta',
      'output-item-done',
      'usage',
      'finish',
    ]);
    const incomplete = {
      ...response,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    };
    expect(mapAll(new ResponsesMapper(), 'responses', incomplete).at(-1)).toMatchObject({
      error: { kind: 'incomplete', reason: 'max_output_tokens' },
    });
  });

  it('classifies a JSON error document', () => {
    const error = { error: { message: 'model "x" not found', code: 'model_not_found' } };
    expect(mapAll(new ChatCompletionsMapper(), 'chat', error).at(-1)).toMatchObject({
      error: { kind: 'not_found' },
    });
    expect(mapAll(new ResponsesMapper(), 'responses', error).at(-1)).toMatchObject({
      error: { kind: 'not_found' },
    });
  });

  it('gives nothing for what it cannot read (the stream then closed early)', () => {
    expect(messagesFromJsonBody('chat', '{"trunc')).toEqual([]);
    expect(messagesFromJsonBody('chat', '[1]')).toEqual([]);
    expect(mapAll(new ChatCompletionsMapper(), 'chat', { choices: [] }).at(-1)).toMatchObject({
      error: { kind: 'stream_closed_before_completed' },
    });
  });
});
