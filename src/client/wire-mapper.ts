import type { SseMessage } from './sse-decoder';
import type { ClientEvent } from './types';

/** The event that ends a turn: exactly one per turn. */
export type TerminalEvent = Extract<ClientEvent, { type: 'finish' | 'error' }>;

/** Maps one wire API's SSE messages onto the normalized events. Raw shapes stay inside. */
export interface WireMapper {
  /** Maps one message, appending events to `out`; returns the terminal event once decided. */
  map(message: SseMessage, out: ClientEvent[]): TerminalEvent | undefined;
  /** The body ended before a terminal event: decide how the turn ended. */
  end(out: ClientEvent[]): TerminalEvent;
  /** True once text, reasoning or a tool call has been emitted (a failure then is not retried). */
  readonly outputStarted: boolean;
}
