// @vitest-environment node
// Transport edge cases, made by re-chunking and rewriting the recorded corpus bytes: every
// rewrite below must leave what the client makes of each stream unchanged.

import { describe, expect, it } from 'vitest';
import { chunkBytes, replaySse } from '../../src/client/replay';
import { expectMatchesFixture, loadCorpus, type Fixture } from './corpus';

const corpus = loadCorpus();
const byName = (name: string): Fixture => {
  const fixture = corpus.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return fixture;
};
const cases = corpus.map((fixture) => [fixture.name, fixture] as const);

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The fixture with its text rewritten (the fixtures' JSON has no raw newlines, so lines are safe to edit). */
function rewritten(fixture: Fixture, rewrite: (sse: string) => string): Uint8Array {
  return encoder.encode(rewrite(decoder.decode(fixture.bytes)));
}

/** Cuts after the 1st, 2nd, then 3rd byte of successive multi-byte characters. */
function cutInsideEveryCharacter(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  let offset = 1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte < 0xc0) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    const cut = i + 1 + ((offset - 1) % (length - 1));
    offset++;
    chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

describe('unicode split across reads', () => {
  const multibyte = corpus.filter((f) => f.bytes.some((b) => b >= 0xc0));

  it('the corpus has streams with 2-, 3- and 4-byte characters', () => {
    expect(multibyte.length).toBeGreaterThan(5);
    expect(corpus.some((f) => f.bytes.some((b) => b >= 0xf0))).toBe(true);
  });

  it.each(multibyte.map((f) => [f.name, f] as const))(
    '%s, cut inside every character',
    async (_n, fixture) => {
      const { summary } = await replaySse(fixture.bytes, {
        api: fixture.api,
        chunker: cutInsideEveryCharacter,
      });
      expectMatchesFixture(summary, fixture);
    },
  );

  it.each([1, 2, 3, 4, 5])('the 4-byte stream, re-chunked with seed %i', async (seed) => {
    const fixture = byName('vercel-ai-azure-chat-deepseek-reasoning-4byte-utf8');
    const { summary } = await replaySse(fixture.bytes, { api: fixture.api, seed });
    expectMatchesFixture(summary, fixture);
  });

  it('a stream read one byte at a time', async () => {
    const fixture = byName('vercel-ai-openaicompat-xai-chat-tool-call');
    const oneByte = (bytes: Uint8Array) =>
      Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const { summary } = await replaySse(fixture.bytes, { api: fixture.api, chunker: oneByte });
    expectMatchesFixture(summary, fixture);
  });
});

describe('line endings', () => {
  it.each(cases)('%s with CRLF', async (_n, fixture) => {
    const { summary } = await replaySse(
      rewritten(fixture, (s) => s.replaceAll('\n', '\r\n')),
      { api: fixture.api },
    );
    expectMatchesFixture(summary, fixture);
  });

  it.each(cases)('%s with bare CR', async (_n, fixture) => {
    const { summary } = await replaySse(
      rewritten(fixture, (s) => s.replaceAll('\n', '\r')),
      { api: fixture.api },
    );
    expectMatchesFixture(summary, fixture);
  });
});

describe('framing the client must ignore', () => {
  it.each(cases)('%s with comments between and inside events', async (_n, fixture) => {
    const bytes = rewritten(
      fixture,
      (s) => `: OPENROUTER PROCESSING\n\n${s.replaceAll('\n\n', '\n: inside\n\n: between\n\n')}`,
    );
    const { summary } = await replaySse(bytes, { api: fixture.api });
    expectMatchesFixture(summary, fixture);
  });

  it.each(cases)('%s with events that carry no data', async (_n, fixture) => {
    const bytes = rewritten(
      fixture,
      (s) => `event: ping\n\n${s.replaceAll('\n\n', '\n\nid: 42\n\nevent: ping\n\n')}`,
    );
    const { summary } = await replaySse(bytes, { api: fixture.api });
    expectMatchesFixture(summary, fixture);
  });

  it.each(cases)('%s with each JSON payload spread over three data lines', async (_n, fixture) => {
    // The data lines join with newlines, which JSON allows between tokens.
    const bytes = rewritten(fixture, (s) =>
      s.replace(/^data: \{(.*)\}$/gm, 'data: {\ndata: $1\ndata: }'),
    );
    expect(decoder.decode(bytes)).toContain('data: {\ndata: ');
    const { summary } = await replaySse(bytes, { api: fixture.api });
    expectMatchesFixture(summary, fixture);
  });
});

describe('truncated streams', () => {
  const chat = byName('aibridge-openai-chat-text-long');
  const sse = decoder.decode(chat.bytes);

  it('a chat stream cut before its finish chunk closed before completing, keeping the text so far', async () => {
    const events = sse.split('\n\n');
    const half = `${events.slice(0, 100).join('\n\n')}\n\n`;
    const { summary } = await replaySse(encoder.encode(half), { api: 'chat' });
    expect(summary.error?.kind).toBe('stream_closed_before_completed');
    expect(summary.text.length).toBeGreaterThan(100);
    expect(chat.expected.text.startsWith(summary.text)).toBe(true);
    expect(summary.finishReason).toBeNull();
  });

  it('a chat stream cut in the middle of a line drops that line and closed before completing', async () => {
    const cut = sse.indexOf('data: ', 5000) + 40;
    const { summary } = await replaySse(encoder.encode(sse.slice(0, cut)), { api: 'chat' });
    expect(summary.error?.kind).toBe('stream_closed_before_completed');
    expect(chat.expected.text.startsWith(summary.text)).toBe(true);
  });

  it('a chat stream missing only [DONE] still finished: its finish reason and usage came', async () => {
    const { summary } = await replaySse(encoder.encode(sse.replace('data: [DONE]\n\n', '')), {
      api: 'chat',
    });
    expect(summary.error).toBeNull();
    expect(summary.finishReason).toBe('stop');
    expect(summary.usage).toEqual(chat.expected.usage);
    expect(summary.text).toBe(chat.expected.text);
  });

  it('a Responses stream cut before response.completed closed before completing', async () => {
    const fixture = byName('aibridge-openai-responses-text');
    const text = decoder.decode(fixture.bytes);
    const cut = text.indexOf('event: response.completed');
    const { summary } = await replaySse(encoder.encode(text.slice(0, cut)), { api: 'responses' });
    expect(summary.error?.kind).toBe('stream_closed_before_completed');
    expect(summary.text).toBe(fixture.expected.text);
    expect(summary.usage).toBeNull();
  });
});

describe('seeded re-chunking of the whole corpus', () => {
  it.each(cases)('%s with seeds 2..4', async (_n, fixture) => {
    for (const seed of [2, 3, 4]) {
      const { summary } = await replaySse(fixture.bytes, { api: fixture.api, seed });
      expectMatchesFixture(summary, fixture);
    }
    // And sanity: the seeded chunking really did cut the stream up.
    expect(chunkBytes(fixture.bytes, 2).length).toBeGreaterThan(1);
  });
});
