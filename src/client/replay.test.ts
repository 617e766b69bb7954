// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chunkBytes, replayFetch, replaySse, summaryRecord } from './replay';
import { chatSse } from './testing/map-sse';

const bytes = new TextEncoder().encode(
  `data: ${JSON.stringify({ t: 'naïve 😀 '.repeat(400) })}\n\n`,
);

describe('chunkBytes', () => {
  it('covers every byte once, in order, in reads of varied size', () => {
    const chunks = chunkBytes(bytes, 7);
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      joined.set(chunk, at);
      at += chunk.length;
    }
    expect(joined).toEqual(bytes);
    expect(new Set(chunks.map((c) => c.length)).size).toBeGreaterThan(5);
  });

  it('cuts inside the first multi-byte character', () => {
    const lead = bytes.findIndex((b) => b >= 0xc0);
    const ends = chunkBytes(bytes, 3).reduce<number[]>(
      (acc, c) => [...acc, (acc.at(-1) ?? 0) + c.length],
      [],
    );
    expect(ends).toContain(lead + 1);
  });

  it('is deterministic per seed', () => {
    expect(chunkBytes(bytes, 5).map((c) => c.length)).toEqual(
      chunkBytes(bytes, 5).map((c) => c.length),
    );
    expect(chunkBytes(bytes, 5).map((c) => c.length)).not.toEqual(
      chunkBytes(bytes, 6).map((c) => c.length),
    );
  });
});

describe('replayFetch', () => {
  it('serves the body once', async () => {
    const fetch = replayFetch([new Uint8Array([104, 105])], { headers: { 'x-a': '1' } });
    const response = await fetch('https://x');
    expect(await response.text()).toBe('hi');
    expect(response.headers.get('x-a')).toBe('1');
    await expect(fetch('https://x')).rejects.toThrow('already served');
  });
});

describe('replaySse', () => {
  it('gives the events and the summary, in the printed shape', async () => {
    const sse = chatSse(
      { choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }] },
      '[DONE]',
    );
    const { events, summary } = await replaySse(new TextEncoder().encode(sse), { api: 'chat' });
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Hi' },
      { type: 'finish', finishReason: 'stop' },
    ]);
    expect(summaryRecord(summary)).toEqual({
      type: 'summary',
      text: 'Hi',
      reasoning: null,
      usage: null,
      cost: null,
      finishReason: 'stop',
      toolCalls: [],
      error: null,
    });
  });

  it('replays an HTTP error status with the bytes as its body, without retrying', async () => {
    const body = JSON.stringify({ error: { code: 402, message: 'Insufficient credits' } });
    const { events, summary } = await replaySse(new TextEncoder().encode(body), {
      api: 'openrouter',
      status: 402,
    });
    expect(events).toHaveLength(1);
    expect(summaryRecord(summary).error).toEqual({
      kind: 'insufficient_credits',
      message: expect.stringContaining('Insufficient credits'),
      retryAfterMs: null,
    });
  });

  it('names the reason of an incomplete response in the summary error', async () => {
    const sse =
      'event: response.incomplete\ndata: {"type":"response.incomplete","response":{"incomplete_details":{"reason":"max_output_tokens"}}}\n\n';
    const { summary } = await replaySse(new TextEncoder().encode(sse), { api: 'responses' });
    expect(summaryRecord(summary).error).toMatchObject({
      kind: 'incomplete',
      reason: 'max_output_tokens',
    });
  });
});
