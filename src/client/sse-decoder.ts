// Server-sent events from raw bytes, per the WHATWG event-stream rules: lines end in LF, CRLF or
// CR (a CRLF split across reads counts once); `:` starts a comment; `data:` lines of one event
// join with LF; a blank line dispatches; an event without data is dropped. Bytes are decoded as a
// stream, so a character split across reads comes out whole.
//
// The `openai` SDK has its own decoder, but its iterator costs 3.5–13× a bare parse (it copies
// the buffer for every event and stacks three async generators), and it hides `[DONE]`, comments
// and in-stream error payloads, which the mappers need to see. See BENCHMARKS.md.

export interface SseMessage {
  /** The `event:` field, or null when the event had none. */
  event: string | null;
  data: string;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

export class SseDecoder {
  private readonly text = new TextDecoder();
  /** The unterminated tail of the last read. */
  private partial = '';
  /** The last read ended in CR, so a leading LF of the next one closes no new line. */
  private afterCarriageReturn = false;
  private eventName: string | null = null;
  private data: string | null = null;
  /** Comment lines seen (keep-alives such as `: OPENROUTER PROCESSING`). */
  comments = 0;

  /** Decodes one read's bytes, appending every completed event to `out`. */
  push(bytes: Uint8Array, out: SseMessage[]): void {
    this.feed(this.text.decode(bytes, { stream: true }), out);
  }

  /** Ends the stream: a last event whose lines all ended is dispatched; a cut-off line is not. */
  end(out: SseMessage[]): void {
    this.feed(this.text.decode(), out);
    if (this.partial === '') this.dispatch(out);
    this.partial = '';
    this.eventName = null;
    this.data = null;
  }

  private feed(chunk: string, out: SseMessage[]): void {
    if (chunk === '') return;
    let text = chunk;
    if (this.afterCarriageReturn) {
      this.afterCarriageReturn = false;
      if (text.charCodeAt(0) === LF) text = text.slice(1);
    }
    if (this.partial) text = this.partial + text;
    if (text.indexOf('\r') === -1) this.feedLf(text, out);
    else this.feedAnyEol(text, out);
  }

  /** Fast path: LF line endings only. */
  private feedLf(text: string, out: SseMessage[]): void {
    let start = 0;
    let end: number;
    while ((end = text.indexOf('\n', start)) !== -1) {
      this.line(text, start, end, out);
      start = end + 1;
    }
    this.partial = start === 0 ? text : text.slice(start);
  }

  private feedAnyEol(text: string, out: SseMessage[]): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      this.line(text, start, i, out);
      if (c === CR) {
        if (i + 1 === text.length) this.afterCarriageReturn = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    this.partial = text.slice(start);
  }

  private line(text: string, start: number, end: number, out: SseMessage[]): void {
    if (start === end) {
      this.dispatch(out);
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) {
      this.comments++;
      return;
    }
    const colon = text.indexOf(':', start);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= end) {
      field = text.slice(start, end);
      value = '';
    } else {
      field = text.slice(start, colon);
      const valueStart = text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
      value = valueStart >= end ? '' : text.slice(valueStart, end);
    }
    if (field === 'data') this.data = this.data === null ? value : `${this.data}\n${value}`;
    else if (field === 'event') this.eventName = value;
    // `id` and `retry` serve reconnection, which a one-shot POST stream does not do.
  }

  private dispatch(out: SseMessage[]): void {
    if (this.data !== null) out.push({ event: this.eventName, data: this.data });
    this.eventName = null;
    this.data = null;
  }
}
