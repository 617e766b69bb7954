import { SseDecoder, type SseMessage } from '../sse-decoder';
import type { ClientEvent } from '../types';
import type { TerminalEvent, WireMapper } from '../wire-mapper';

/** Runs SSE text through a mapper the way the event reader does: events, then the terminal one. */
export function mapSse(mapper: WireMapper, sse: string): ClientEvent[] {
  const decoder = new SseDecoder();
  const messages: SseMessage[] = [];
  decoder.push(new TextEncoder().encode(sse), messages);
  decoder.end(messages);
  const events: ClientEvent[] = [];
  let terminal: TerminalEvent | undefined;
  for (const message of messages) {
    terminal = mapper.map(message, events);
    if (terminal) break;
  }
  events.push(terminal ?? mapper.end(events));
  return events;
}

/** `data: <json>` events for Chat Completions chunks. */
export function chatSse(...chunks: (object | string)[]): string {
  return chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('');
}

/** `event: <type>` + `data: <json>` events, as the Responses API frames them. */
export function responsesSse(...events: ({ type: string } & Record<string, unknown>)[]): string {
  return events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}
