// Replays recorded SSE bytes through the real client path (the `openai` client with an injected
// fetch, the mapper, the summary): the replay tool and the conformance tests share this.

import { streamTurn } from './stream-turn';
import { TurnSummaryBuilder } from './summary';
import type { ClientEvent, ProviderConnection, TurnSummary } from './types';

export type ReplayApi = 'responses' | 'chat' | 'openrouter';

export const REPLAY_APIS: readonly ReplayApi[] = ['responses', 'chat', 'openrouter'];

export interface ReplayOptions {
  api: ReplayApi;
  /** Response headers to serve with the body (rate limits, retry-after…). */
  headers?: Record<string, string>;
  /** HTTP status to serve (default 200); with an error status the bytes are the error body. */
  status?: number;
  /** Seed for the chunk sizes, so a failing split can be reproduced. */
  seed?: number;
  /** Replaces the seeded chunking (tests cut at chosen places). */
  chunker?: (bytes: Uint8Array) => Uint8Array[];
}

function connectionForReplay(api: ReplayApi): ProviderConnection {
  if (api === 'responses') {
    return {
      kind: 'openai',
      api: 'responses',
      baseURL: 'https://replay.invalid/v1',
      apiKey: 'sk-replay',
    };
  }
  if (api === 'openrouter') {
    return {
      kind: 'openrouter',
      api: 'chat',
      baseURL: 'https://replay.invalid/api/v1',
      apiKey: 'sk-or-replay',
    };
  }
  return { kind: 'openai', api: 'chat', baseURL: 'https://replay.invalid/v1', apiKey: 'sk-replay' };
}

/** A small seeded generator (mulberry32): the same seed gives the same chunking. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits bytes into reads of varied size (1 byte to 512 bytes), the way a network delivers them,
 * and always cuts inside the first multi-byte UTF-8 character when there is one.
 */
export function chunkBytes(bytes: Uint8Array, seed = 1): Uint8Array[] {
  const random = seededRandom(seed);
  const cuts = new Set<number>();
  for (let at = 0; at < bytes.length;) {
    const r = random();
    at +=
      r < 0.3
        ? 1 + Math.floor(random() * 4)
        : r < 0.85
          ? 5 + Math.floor(random() * 60)
          : 65 + Math.floor(random() * 448);
    if (at < bytes.length) cuts.add(at);
  }
  const lead = bytes.findIndex((b) => b >= 0xc0);
  if (lead !== -1 && lead + 1 < bytes.length) cuts.add(lead + 1);
  const sorted = [...cuts].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...sorted, bytes.length]) {
    if (cut > start) chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

/** A fetch that serves the chunks once, as a streamed body (it honours the request's signal). */
export function replayFetch(
  chunks: readonly Uint8Array[],
  init: { status?: number; headers?: Record<string, string> } = {},
): typeof fetch {
  let served = false;
  return async (_input, requestInit) => {
    if (served) throw new TypeError('replay: the recorded body was already served');
    served = true;
    const signal = requestInit?.signal;
    let next = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
        },
        pull(controller) {
          if (next < chunks.length) controller.enqueue(chunks[next++] as Uint8Array);
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, {
      status: init.status ?? 200,
      headers: { 'content-type': 'text/event-stream', ...init.headers },
    });
  };
}

/** The events the client produces from recorded bytes (retries off: there is only one body). */
export function replayEvents(
  bytes: Uint8Array,
  options: ReplayOptions,
): AsyncIterable<ClientEvent> {
  const chunks = options.chunker ? options.chunker(bytes) : chunkBytes(bytes, options.seed);
  const fetch = replayFetch(chunks, {
    status: options.status,
    headers: options.headers,
  });
  return streamTurn(
    connectionForReplay(options.api),
    { model: 'replay', messages: [{ role: 'user', content: 'replay' }] },
    { fetch, retry: { maxRetries: 0 } },
  );
}

export async function replaySse(
  bytes: Uint8Array,
  options: ReplayOptions,
): Promise<{ events: ClientEvent[]; summary: TurnSummary }> {
  const events: ClientEvent[] = [];
  const builder = new TurnSummaryBuilder();
  for await (const event of replayEvents(bytes, options)) {
    events.push(event);
    builder.add(event);
  }
  return { events, summary: builder.summary };
}

/** The replay tool's last line: the summary in the documented shape. */
export function summaryRecord(summary: TurnSummary): Record<string, unknown> {
  const error = summary.error;
  return {
    type: 'summary',
    text: summary.text,
    reasoning: summary.reasoning,
    usage: summary.usage,
    cost: summary.cost,
    finishReason: summary.finishReason,
    toolCalls: summary.toolCalls.map(({ id, name, arguments: args }) => ({
      id,
      name,
      arguments: args,
    })),
    error: error
      ? {
          kind: error.kind,
          message: error.message,
          retryAfterMs: error.retryAfterMs ?? null,
          ...(error.reason !== undefined ? { reason: error.reason } : {}),
        }
      : null,
  };
}
