// Some OpenAI-compatible servers ignore `stream: true` and answer with one JSON document (a whole
// completion, or an error) instead of SSE. Rather than lose the answer, the document is turned
// into the SSE messages a streaming server would have sent, and mapped as usual.

import { isObject } from './json';
import type { SseMessage } from './sse-decoder';
import type { WireApi } from './types';

const data = (value: unknown): SseMessage => ({ event: null, data: JSON.stringify(value) });

export function messagesFromJsonBody(api: WireApi, text: string): SseMessage[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(body)) return [];
  return api === 'chat' ? chatMessages(body) : responsesMessages(body);
}

function chatMessages(body: Record<string, unknown>): SseMessage[] {
  if (body.error !== undefined && body.error !== null) return [data(body)];
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isObject(choice)) return [];
  const chunk = {
    choices: [
      { index: 0, delta: choice.message ?? {}, finish_reason: choice.finish_reason ?? null },
    ],
    usage: body.usage ?? null,
  };
  return [data(chunk), { event: null, data: '[DONE]' }];
}

const TERMINAL_BY_STATUS: Record<string, string> = {
  completed: 'response.completed',
  incomplete: 'response.incomplete',
  failed: 'response.failed',
};

function responsesMessages(body: Record<string, unknown>): SseMessage[] {
  if (body.object !== 'response') {
    return body.error !== undefined ? [data({ type: 'error', error: body.error })] : [];
  }
  const items = Array.isArray(body.output) ? body.output : [];
  const done = items.map((item) => data({ type: 'response.output_item.done', item }));
  const terminal = TERMINAL_BY_STATUS[String(body.status)];
  return terminal ? [...done, data({ type: terminal, response: body })] : done;
}
