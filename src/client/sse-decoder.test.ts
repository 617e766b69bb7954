// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SseDecoder, type SseMessage } from './sse-decoder';

const encoder = new TextEncoder();

/** Decodes `text` delivered in the given byte-sized reads (the rest in one read). */
function decode(
  input: string | Uint8Array,
  sizes: number[] = [],
): { messages: SseMessage[]; comments: number } {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const decoder = new SseDecoder();
  const messages: SseMessage[] = [];
  let at = 0;
  for (const size of sizes) {
    decoder.push(bytes.subarray(at, at + size), messages);
    at += size;
  }
  if (at < bytes.length) decoder.push(bytes.subarray(at), messages);
  decoder.end(messages);
  return { messages, comments: decoder.comments };
}

describe('SseDecoder', () => {
  it('reads data and event fields, dispatching on a blank line', () => {
    expect(decode('event: a\ndata: {"x":1}\n\ndata: two\n\n').messages).toEqual([
      { event: 'a', data: '{"x":1}' },
      { event: null, data: 'two' },
    ]);
  });

  it('joins multi-line data with LF', () => {
    expect(decode('data: {"a":\ndata: 1}\n\n').messages).toEqual([
      { event: null, data: '{"a":\n1}' },
    ]);
  });

  it('counts comments and otherwise ignores them', () => {
    const { messages, comments } = decode(': OPENROUTER PROCESSING\n\n: ping\ndata: x\n\n');
    expect(messages).toEqual([{ event: null, data: 'x' }]);
    expect(comments).toBe(2);
  });

  it('drops events without data, and their event name does not leak into the next', () => {
    expect(decode('event: ping\n\ndata: x\n\n').messages).toEqual([{ event: null, data: 'x' }]);
  });

  it('takes the value without a leading space, or after exactly one', () => {
    expect(decode('data:x\n\ndata:  y\n\ndata\n\n').messages.map((m) => m.data)).toEqual([
      'x',
      ' y',
      '',
    ]);
  });

  it('ignores id, retry and unknown fields', () => {
    expect(decode('id: 7\nretry: 100\nfoo: bar\ndata: x\n\n').messages).toEqual([
      { event: null, data: 'x' },
    ]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('accepts %s line endings', (_name, eol) => {
    const text = `event: a${eol}data: 1${eol}${eol}: c${eol}data: 2${eol}${eol}`;
    expect(decode(text).messages).toEqual([
      { event: 'a', data: '1' },
      { event: null, data: '2' },
    ]);
  });

  it('counts a CRLF split across reads once', () => {
    const text = 'event: a\r\ndata: 1\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(decode(text, [cut]).messages, `cut at ${cut}`).toEqual([{ event: 'a', data: '1' }]);
    }
  });

  it('puts a character split across reads back together, at every split point', () => {
    const text = 'data: {"t":"a😀é日"}\n\n';
    const bytes = encoder.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decode(bytes, [cut]).messages[0]?.data, `cut at ${cut}`).toBe('{"t":"a😀é日"}');
    }
    expect(decode(bytes, Array(bytes.length).fill(1)).messages[0]?.data).toBe('{"t":"a😀é日"}');
  });

  it('dispatches a last event whose lines ended, even without the blank line', () => {
    expect(decode('data: [DONE]\n').messages).toEqual([{ event: null, data: '[DONE]' }]);
  });

  it('drops a last line cut off mid-way (a truncated stream)', () => {
    expect(decode('data: 1\n\ndata: {"cho').messages).toEqual([{ event: null, data: '1' }]);
  });

  it('strips a byte-order mark at the start', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('data: x\n\n')]);
    expect(decode(bytes).messages).toEqual([{ event: null, data: 'x' }]);
  });
});
