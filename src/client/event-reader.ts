import { SseDecoder, type SseMessage } from './sse-decoder';
import type { ClientEvent } from './types';
import type { TerminalEvent, WireMapper } from './wire-mapper';

/**
 * Reads a streamed body chunk by chunk into normalized events. Each `next()` is one read: the
 * events it produced are in `events`, and `terminal` is set once the mapper decided how the turn ended. Reading stops at the terminal
 * event; whatever the provider sends after it is not waited for.
 */
export class EventReader {
  /** The events of the last read (a fresh array each read, so callers may keep it). */
  events: ClientEvent[] = [];
  terminal: TerminalEvent | undefined;
  /** Set when the read itself failed (connection lost, aborted): the caller classifies it. */
  readError: unknown;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new SseDecoder();
  private readonly messages: SseMessage[] = [];
  private finished = false;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly mapper: WireMapper,
    private readonly signal: AbortSignal,
  ) {
    this.reader = body.getReader();
    // A pending read must end promptly on abort even if the fetch ignores its signal.
    signal.addEventListener('abort', this.cancel, { once: true });
  }

  get outputStarted(): boolean {
    return this.mapper.outputStarted;
  }

  /** Reads once; returns false when nothing more will come (terminal event or read error). */
  async next(): Promise<boolean> {
    if (this.events.length > 0) this.events = [];
    if (this.finished) return false;
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await this.reader.read();
    } catch (err) {
      this.readError = err;
      return this.stop();
    }
    if (this.signal.aborted) {
      this.readError = this.signal.reason;
      return this.stop();
    }
    if (chunk.done) {
      this.decoder.end(this.messages);
      this.mapMessages();
      this.terminal ??= this.mapper.end(this.events);
      return this.stop();
    }
    this.decoder.push(chunk.value, this.messages);
    if (this.messages.length > 0) this.mapMessages();
    return this.terminal ? this.stop() : true;
  }

  /** Keep-alive comments seen so far. */
  get comments(): number {
    return this.decoder.comments;
  }

  private mapMessages(): void {
    const messages = this.messages;
    for (let i = 0; i < messages.length && !this.terminal; i++) {
      this.terminal = this.mapper.map(messages[i] as SseMessage, this.events);
    }
    messages.length = 0;
  }

  private stop(): false {
    this.finished = true;
    this.signal.removeEventListener('abort', this.cancel);
    this.cancel(); // stop the transfer: after the terminal event nothing is waited for
    return false;
  }

  private readonly cancel = (): void => {
    this.reader.cancel().catch(() => {});
  };
}
