import { messagesFromJsonBody } from './non-streamed';
import { SseDecoder, type SseMessage } from './sse-decoder';
import type { ClientEvent, WireApi } from './types';
import type { TerminalEvent, WireMapper } from './wire-mapper';

const OPEN_BRACE = 0x7b;

export interface ReadActivity {
  /** A read began: the provider has the turn. */
  resume(): void;
  /** A read ended: the consumer has the turn. */
  pause(): void;
}

const NO_ACTIVITY: ReadActivity = { resume: () => {}, pause: () => {} };

/**
 * Reads a streamed body chunk by chunk into normalized events, reporting every read to the idle
 * watchdog (bytes, not events: keep-alive comments count). Each `next()` is one read: the
 * events it produced are in `events`, and `terminal` is set once the mapper decided how the turn
 * ended. Reading stops at the terminal event; whatever the provider sends after it is not waited
 * for. A body that starts with `{` is a whole JSON document from a server that ignored
 * `stream: true` (no SSE stream starts that way): it is collected, then mapped all at once.
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
  /** Until the first non-blank byte tells an event stream from a JSON document. */
  private mode: 'sniff' | 'sse' | 'json' = 'sniff';
  private readonly held: Uint8Array[] = [];
  private jsonText = '';
  private readonly jsonDecoder = new TextDecoder();

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly mapper: WireMapper,
    private readonly signal: AbortSignal,
    private readonly api: WireApi,
    /** Told when a read starts and when it ends: the idle watchdog's view of the connection. */
    private readonly activity: ReadActivity = NO_ACTIVITY,
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
      // Waiting starts now (time the consumer spent on the last events is not the provider's
      // silence), and any chunk, a keep-alive comment included, ends it.
      this.activity.resume();
      chunk = await this.reader.read();
      this.activity.pause();
    } catch (err) {
      this.readError = err;
      return this.stop();
    }
    if (this.signal.aborted) {
      this.readError = this.signal.reason;
      return this.stop();
    }
    if (chunk.done) {
      this.endOfBody();
      this.mapMessages();
      this.terminal ??= this.mapper.end(this.events);
      return this.stop();
    }
    if (this.mode === 'sse') this.decoder.push(chunk.value, this.messages);
    else this.take(chunk.value);
    if (this.messages.length > 0) this.mapMessages();
    return this.terminal ? this.stop() : true;
  }

  private take(bytes: Uint8Array): void {
    if (this.mode === 'json') {
      this.jsonText += this.jsonDecoder.decode(bytes, { stream: true });
      return;
    }
    this.held.push(bytes);
    const first = bytes.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
    if (first === -1) return;
    this.mode = bytes[first] === OPEN_BRACE ? 'json' : 'sse';
    const held = this.held.splice(0);
    for (const part of held) {
      if (this.mode === 'sse') this.decoder.push(part, this.messages);
      else this.jsonText += this.jsonDecoder.decode(part, { stream: true });
    }
  }

  private endOfBody(): void {
    if (this.mode === 'json') {
      this.messages.push(
        ...messagesFromJsonBody(this.api, this.jsonText + this.jsonDecoder.decode()),
      );
    } else {
      for (const part of this.held.splice(0)) this.decoder.push(part, this.messages);
      this.decoder.end(this.messages);
    }
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
