// `npm run bench`: the model client against the floor, side by side, on a 50,000-event stream.
//
// Client: the whole path the background uses: an injected fetch serving the bytes as a streamed
// body, the real `openai` client, the SSE decoder, the mapper, the idle watchdog, the async
// event stream and the summary builder.
// Floor: the least any client must do: TextDecoder + split lines + JSON.parse each `data:` line.
// Both read the same chunks from the same kind of streamed body (`replayFetch`, which also serves
// the replay tool's recordings), in the same process, in alternating rounds; the ratio is client
// time / floor time (target ≤ 2).
// For reference, also the `openai` SDK's own stream iterator (`for await` over
// `chat.completions.create({stream: true})`, nothing else): why the client decodes SSE itself.

import OpenAI from 'openai';
import { replayFetch } from '../src/client/replay';
import { streamTurn } from '../src/client/stream-turn';
import { TurnSummaryBuilder } from '../src/client/summary';
import type { ProviderConnection } from '../src/client/types';

const EVENTS = 50_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const WORDS = (
  'the of and a to in is you that it he was for on are as with his they I at be this have from ' +
  'or one had by word but not what all were we when your can said there use an each which she ' +
  'naïve café über — “quoted” 😀 日本語 façade'
).split(' ');

/** Delta text of 30–60 bytes, deterministic. */
function contentFor(i: number): string {
  const target = 30 + ((i * 7919) % 31);
  let text = '';
  for (let w = i; new TextEncoder().encode(text).length < target; w += 13) {
    text += `${WORDS[w % WORDS.length]} `;
  }
  return text;
}

function chatStream(): { bytes: Uint8Array; text: string } {
  const parts: string[] = [];
  let text = '';
  const head = {
    id: 'chatcmpl-BwoiPTGRbKkY5rncfaM0s9KtWrq5N',
    object: 'chat.completion.chunk',
    created: 1753357673,
    model: 'gpt-4.1-2025-04-14',
    service_tier: 'default',
    system_fingerprint: 'fp_51e1070cf2',
  };
  for (let i = 0; i < EVENTS; i++) {
    const content = contentFor(i);
    text += content;
    const chunk = {
      ...head,
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
      usage: null,
      obfuscation: 'x1Yz',
    };
    parts.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  parts.push(
    `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null })}\n\n`,
  );
  parts.push(
    `data: ${JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: 19, completion_tokens: EVENTS, total_tokens: EVENTS + 19, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } } })}\n\n`,
  );
  parts.push('data: [DONE]\n\n');
  return { bytes: new TextEncoder().encode(parts.join('')), text };
}

function responsesStream(): { bytes: Uint8Array; text: string } {
  const parts: string[] = [];
  let text = '';
  const created = {
    type: 'response.created',
    response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] },
    sequence_number: 0,
  };
  parts.push(`event: response.created\ndata: ${JSON.stringify(created)}\n\n`);
  for (let i = 0; i < EVENTS; i++) {
    const delta = contentFor(i);
    text += delta;
    const event = {
      type: 'response.output_text.delta',
      item_id: 'msg_0c3fb28cfcf463a500695fa2f0b0a881a0890103ba88b0628e',
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
      obfuscation: 'gWZHP8i4',
      sequence_number: i + 1,
    };
    parts.push(`event: response.output_text.delta\ndata: ${JSON.stringify(event)}\n\n`);
  }
  const completed = {
    type: 'response.completed',
    response: {
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      usage: {
        input_tokens: 11,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: EVENTS,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: EVENTS + 11,
      },
    },
    sequence_number: EVENTS + 1,
  };
  parts.push(`event: response.completed\ndata: ${JSON.stringify(completed)}\n\n`);
  return { bytes: new TextEncoder().encode(parts.join('')), text };
}

/** Reads cut at SSE event boundaries (one event per read, as a server flushes them). */
function perEventChunks(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i - 1] === 10 && bytes[i] === 10) {
      chunks.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}

/** Reads of a fixed size, cutting through events and characters alike. */
function fixedChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

async function floor(chunks: readonly Uint8Array[]): Promise<number> {
  const decoder = new TextDecoder();
  const { body } = await replayFetch(chunks)('https://bench.invalid/v1');
  if (!body) throw new Error('replayFetch served no body');
  const reader = body.getReader();
  let buffer = '';
  let parsed = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('data: ') && line !== 'data: [DONE]') {
        JSON.parse(line.slice(6));
        parsed++;
      }
    }
  }
  return parsed;
}

async function client(
  chunks: readonly Uint8Array[],
  conn: ProviderConnection,
  expectedText: string,
): Promise<number> {
  const builder = new TurnSummaryBuilder();
  let events = 0;
  const stream = streamTurn(
    conn,
    { model: 'bench', messages: [{ role: 'user', content: 'hi' }] },
    { fetch: replayFetch(chunks), retry: { maxRetries: 0 } },
  );
  for await (const event of stream) {
    builder.add(event);
    events++;
  }
  const summary = builder.summary;
  if (summary.error || summary.text !== expectedText) {
    throw new Error(`client produced a wrong result: ${JSON.stringify(summary.error)}`);
  }
  return events;
}

async function sdkIterator(
  chunks: readonly Uint8Array[],
  api: 'chat' | 'responses',
): Promise<number> {
  const sdk = new OpenAI({
    apiKey: 'sk-bench',
    baseURL: 'https://bench.invalid/v1',
    maxRetries: 0,
    fetch: replayFetch(chunks),
  });
  const body = { model: 'bench', stream: true as const };
  const stream =
    api === 'chat'
      ? await sdk.chat.completions.create({ ...body, messages: [{ role: 'user', content: 'hi' }] })
      : await sdk.responses.create({ ...body, input: 'hi' });
  let events = 0;
  for await (const _event of stream) events++;
  return events;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const cases = [
    {
      api: 'chat',
      stream: chatStream(),
      conn: {
        kind: 'openai',
        api: 'chat',
        baseURL: 'https://bench.invalid/v1',
        apiKey: 'sk-bench',
      },
    },
    {
      api: 'responses',
      stream: responsesStream(),
      conn: {
        kind: 'openai',
        api: 'responses',
        baseURL: 'https://bench.invalid/v1',
        apiKey: 'sk-bench',
      },
    },
  ] as const;
  console.log(
    `model client vs floor: ${EVENTS.toLocaleString('en-US')} events, ${ROUNDS} rounds (median), Node ${process.version}`,
  );
  console.log(
    'api        reads                     MB     floor ev/s   client ev/s   ratio   SDK iterator ev/s   ratio',
  );
  for (const c of cases) {
    const chunkings = [
      { name: 'one event per read', chunks: perEventChunks(c.stream.bytes) },
      { name: '1 KiB reads', chunks: fixedChunks(c.stream.bytes, 1024) },
      { name: '16 KiB reads', chunks: fixedChunks(c.stream.bytes, 16 * 1024) },
    ];
    for (const { name, chunks } of chunkings) {
      const floorMs: number[] = [];
      const clientMs: number[] = [];
      const sdkMs: number[] = [];
      await floor(chunks); // warm-up
      await client(chunks, c.conn, c.stream.text);
      await sdkIterator(chunks, c.api);
      for (let round = 0; round < ROUNDS; round++) {
        floorMs.push(await timed(() => floor(chunks)));
        clientMs.push(await timed(() => client(chunks, c.conn, c.stream.text)));
        sdkMs.push(await timed(() => sdkIterator(chunks, c.api)));
      }
      const f = median(floorMs);
      const k = median(clientMs);
      const sdk = median(sdkMs);
      console.log(
        `${c.api.padEnd(10)} ${name.padEnd(22)} ${(c.stream.bytes.length / 1e6).toFixed(1).padStart(5)} ${fmt((EVENTS / f) * 1000).padStart(14)} ${fmt((EVENTS / k) * 1000).padStart(13)} ${(k / f).toFixed(2).padStart(6)}× ${fmt((EVENTS / sdk) * 1000).padStart(19)} ${(sdk / f).toFixed(2).padStart(6)}×`,
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
