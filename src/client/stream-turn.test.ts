// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildChatCompletionsRequest } from './chat-completions-request';
import { buildResponsesRequest } from './responses-request';
import { streamTurn } from './stream-turn';
import { FakeClock, flushMicrotasks } from './testing/fake-clock';
import { ManualBody, ScriptedFetch, type ScriptedReply } from './testing/fake-fetch';
import { chatSse, responsesSse } from './testing/map-sse';
import type { ClientEvent, ProviderConnection, StreamOptions, TurnRequest } from './types';

const KEY = 'sk-test-0123456789abcdef';
const chatConn: ProviderConnection = {
  kind: 'openai',
  api: 'chat',
  baseURL: 'https://api.example/v1',
  apiKey: KEY,
};
const responsesConn: ProviderConnection = { ...chatConn, api: 'responses' };
const req: TurnRequest = {
  model: 'gpt-test',
  messages: [{ role: 'user', content: 'Hi' }],
  cacheKey: 'conv-1',
};

const text = (t: string) => ({
  choices: [{ index: 0, delta: { content: t }, finish_reason: null }],
});
const stop = { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] };
const okChat = chatSse(text('Hello'), stop, '[DONE]');

interface Run {
  events: ClientEvent[];
  done: Promise<void>;
  fetch: ScriptedFetch;
  clock: FakeClock;
}

/** Starts consuming a turn in the background, with a fake clock and no jitter. */
function start(conn: ProviderConnection, replies: ScriptedReply[], opts: StreamOptions = {}): Run {
  const fetch = new ScriptedFetch(replies);
  const clock = new FakeClock();
  const events: ClientEvent[] = [];
  const done = (async () => {
    for await (const event of streamTurn(conn, req, {
      fetch: fetch.fetch,
      clock,
      random: () => 0.5,
      ...opts,
    })) {
      events.push(event);
    }
  })();
  return { events, done, fetch, clock };
}

async function runToEnd(
  conn: ProviderConnection,
  replies: ScriptedReply[],
  opts: StreamOptions = {},
): Promise<Run> {
  const run = start(conn, replies, opts);
  // Retry waits are on the fake clock: let them pass until the turn ends.
  let ended = false;
  void run.done.then(() => (ended = true));
  for (let i = 0; i < 50 && !ended; i++) await run.clock.advance(60_000);
  await run.done;
  return run;
}

/** Waits (without sleeping) until the consumer has seen an event matching `predicate`. */
async function until(run: Run, predicate: (events: ClientEvent[]) => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (predicate(run.events)) return;
    await flushMicrotasks();
  }
  throw new Error(`condition not reached; events: ${JSON.stringify(run.events)}`);
}

const types = (events: ClientEvent[]) => events.map((e) => e.type);
const terminals = (events: ClientEvent[]) =>
  events.filter((e) => e.type === 'finish' || e.type === 'error');

describe('streamTurn requests', () => {
  it('posts a Responses request through the openai client, with the key as bearer token', async () => {
    const { fetch, events } = await runToEnd(responsesConn, [
      {
        body: responsesSse(
          { type: 'response.output_text.delta', delta: 'Hi' },
          { type: 'response.completed', response: {} },
        ),
      },
    ]);
    const [request] = fetch.requests;
    expect(request?.url).toBe('https://api.example/v1/responses');
    expect(request?.method).toBe('POST');
    expect(request?.body).toEqual(buildResponsesRequest(req));
    expect(request?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Hi' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('posts a Chat Completions request with usage requested', async () => {
    const { fetch } = await runToEnd(chatConn, [{ body: okChat }]);
    expect(fetch.requests[0]?.url).toBe('https://api.example/v1/chat/completions');
    expect(fetch.requests[0]?.body).toEqual(buildChatCompletionsRequest(chatConn, req));
    expect(fetch.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends no Authorization header at all when a local server needs no key', async () => {
    const local: ProviderConnection = {
      kind: 'compatible',
      api: 'chat',
      baseURL: 'http://localhost:11434/v1',
    };
    const { fetch, events } = await runToEnd(local, [{ body: okChat }]);
    expect(fetch.requests[0]?.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(fetch.requests[0]?.headers.has('authorization')).toBe(false);
    // No SDK telemetry headers either: they would make a local server's CORS check refuse us.
    const names = [...(fetch.requests[0]?.headers.keys() ?? [])];
    expect(names.filter((name) => name.startsWith('x-stainless'))).toEqual([]);
    expect(terminals(events)).toEqual([{ type: 'finish', finishReason: 'stop' }]);
  });

  it("adds OpenRouter's attribution headers and the connection's own headers", async () => {
    const openrouter: ProviderConnection = {
      kind: 'openrouter',
      api: 'chat',
      baseURL: 'https://openrouter.ai/api/v1',
      apiKey: KEY,
      headers: { 'X-Extra': 'yes' },
    };
    const { fetch } = await runToEnd(openrouter, [{ body: okChat }]);
    const headers = fetch.requests[0]?.headers;
    expect(headers?.get('http-referer')).toBe('https://github.com/parley-extension');
    expect(headers?.get('x-openrouter-title')).toBe('Parley');
    expect(headers?.get('x-title')).toBe('Parley');
    expect(headers?.get('x-extra')).toBe('yes');
    expect(fetch.requests[0]?.body).toMatchObject({ usage: { include: true } });
  });

  it('accepts a whole JSON answer from a server that ignored stream: true', async () => {
    const completion = {
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    const { events } = await runToEnd(chatConn, [
      { body: `\n${JSON.stringify(completion)}`, headers: { 'content-type': 'application/json' } },
    ]);
    expect(types(events)).toEqual(['text-delta', 'usage', 'finish']);
  });

  it('reports the rate-limit headers first', async () => {
    const { events } = await runToEnd(chatConn, [
      {
        body: okChat,
        headers: { 'x-ratelimit-remaining-requests': '9', 'x-ratelimit-limit-requests': '10' },
      },
    ]);
    expect(events[0]).toMatchObject({
      type: 'rate-limits',
      snapshot: { requests: { limit: 10, remaining: 9 } },
    });
    expect(types(events)).toEqual(['rate-limits', 'text-delta', 'finish']);
  });
});

describe('streamTurn retries', () => {
  it('waits as long as a 429 asks (retry-after-ms), announcing the wait, then succeeds', async () => {
    const { events, fetch, clock } = await runToEnd(chatConn, [
      {
        status: 429,
        headers: { 'retry-after-ms': '700' },
        body: JSON.stringify({
          error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' },
        }),
      },
      { body: okChat },
    ]);
    expect(fetch.calls).toBe(2);
    expect(events[0]).toMatchObject({
      type: 'retry-wait',
      attempt: 1,
      delayMs: 700,
      error: { kind: 'rate_limit', retryAfterMs: 700 },
    });
    expect(clock.sleeps).toEqual([700]);
    expect(types(events)).toEqual(['retry-wait', 'text-delta', 'finish']);
  });

  it('backs off exponentially for server errors and gives up after the last retry', async () => {
    const fail: ScriptedReply = {
      status: 500,
      body: JSON.stringify({ error: { message: 'oops', type: 'server_error' } }),
    };
    const { events, fetch, clock } = await runToEnd(chatConn, [fail, fail, fail, fail, fail]);
    expect(fetch.calls).toBe(5);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(
      events
        .filter((e) => e.type === 'retry-wait')
        .map((e) => e.type === 'retry-wait' && e.attempt),
    ).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'server_error', status: 500, providerMessage: 'oops' },
    });
    expect(terminals(events)).toHaveLength(1);
  });

  it('applies jitter from the injected random source', async () => {
    const fail: ScriptedReply = { status: 503 };
    const { clock } = await runToEnd(chatConn, [fail, { body: okChat }], { random: () => 0 });
    expect(clock.sleeps).toEqual([900]);
  });

  it('honours a custom policy', async () => {
    const fail: ScriptedReply = { status: 502 };
    const { fetch, clock } = await runToEnd(chatConn, [fail, fail, fail], {
      retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 150 },
    });
    expect(fetch.calls).toBe(3);
    expect(clock.sleeps).toEqual([100, 150]);
  });

  it('does not retry what retrying cannot fix, and keeps the key out of every event', async () => {
    const body = JSON.stringify({
      error: {
        message: `Incorrect API key provided: ${KEY}.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    });
    const { events, fetch } = await runToEnd(chatConn, [{ status: 401, body }]);
    expect(fetch.calls).toBe(1);
    expect(events).toEqual([
      {
        type: 'error',
        error: expect.objectContaining({ kind: 'auth', status: 401, retryable: false }),
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(KEY);
  });

  it('retries an in-stream failure that came before any output, after the delay it names', async () => {
    const failed = responsesSse({
      type: 'response.failed',
      response: { error: { code: 'rate_limit_exceeded', message: 'Please try again in 11.054s.' } },
    });
    const ok = responsesSse(
      { type: 'response.output_text.delta', delta: 'Hi' },
      { type: 'response.completed', response: {} },
    );
    const { events, clock } = await runToEnd(responsesConn, [{ body: failed }, { body: ok }]);
    expect(clock.sleeps).toEqual([11_054]);
    expect(types(events)).toEqual(['retry-wait', 'text-delta', 'finish']);
  });

  it('keeps the partial answer and reports the error when the failure comes after output', async () => {
    const body = chatSse(text('The question'), {
      error: { message: 'The server had an error', type: 'server_error' },
    });
    const { events, fetch } = await runToEnd(chatConn, [{ body }, { body: okChat }]);
    expect(fetch.calls).toBe(1);
    expect(events).toEqual([
      { type: 'text-delta', delta: 'The question' },
      { type: 'error', error: expect.objectContaining({ kind: 'server_error' }) },
    ]);
  });

  it('retries a network failure, naming the base URL', async () => {
    const { events, fetch } = await runToEnd(chatConn, [
      { throws: new TypeError('fetch failed') },
      { body: okChat },
    ]);
    expect(fetch.calls).toBe(2);
    expect(events[0]).toMatchObject({ type: 'retry-wait', error: { kind: 'network' } });
    expect(events[0]?.type === 'retry-wait' && events[0].error.message).toContain(
      'https://api.example/v1',
    );
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('reports a connection lost mid-answer as a network error, keeping the text', async () => {
    const body = new ManualBody();
    const run = start(chatConn, [{ body }]);
    body.push(chatSse(text('Half an ans')));
    await until(run, (events) => events.length === 1);
    body.fail(new TypeError('terminated'));
    await run.done;
    expect(run.events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
    expect(run.events.at(-1)?.type === 'error' && run.events.at(-1)).toMatchObject({
      error: { message: expect.stringContaining('lost during the response') },
    });
    expect(run.fetch.calls).toBe(1);
  });

  it('shows a base URL without its credentials, query or fragment in network errors', async () => {
    const conn = { ...chatConn, baseURL: 'https://user:sk-secret@host/v1?api-key=sk-secret#x' };
    const before = await runToEnd(conn, [{ throws: new TypeError('fetch failed') }], {
      retry: { maxRetries: 0 },
    });
    const body = new ManualBody();
    const during = start(conn, [{ body }]);
    body.push(chatSse(text('Half')));
    await until(during, (events) => events.length === 1);
    body.fail(new TypeError('terminated'));
    await during.done;
    for (const { events } of [before, during]) {
      const last = events.at(-1);
      expect(last).toMatchObject({ type: 'error', error: { kind: 'network' } });
      expect(last?.type === 'error' && last.error.message).toMatch(/ https:\/\/host\/v1[ .]/);
      expect(JSON.stringify(events)).not.toMatch(/sk-secret|user:|api-key/);
    }
  });

  it('never throws, whatever the fetch throws', async () => {
    const { events } = await runToEnd(chatConn, [{ throws: 'a string' }], {
      retry: { maxRetries: 0 },
    });
    expect(events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'network' }) },
    ]);
  });
});

describe('streamTurn idle timeouts', () => {
  const noRetry = { retry: { maxRetries: 0 } };

  it('gives up after 300 s without a byte before the first output', async () => {
    const body = new ManualBody();
    const run = start(chatConn, [{ body }], noRetry);
    await run.clock.advance(299_999);
    expect(run.events).toEqual([]);
    await run.clock.advance(1);
    await run.done;
    expect(run.events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'idle_timeout', retryable: true }) },
    ]);
    expect(body.cancelled).toBe(true);
  });

  it('gives up after 30 s of silence once output has started, keeping the text, without retrying', async () => {
    const body = new ManualBody();
    const run = start(chatConn, [{ body }, { body: okChat }]);
    body.push(chatSse(text('Partial')));
    await until(run, (events) => events.length === 1);
    await run.clock.advance(29_999);
    expect(run.events).toHaveLength(1);
    await run.clock.advance(1);
    await run.done;
    expect(run.events).toEqual([
      { type: 'text-delta', delta: 'Partial' },
      { type: 'error', error: expect.objectContaining({ kind: 'idle_timeout' }) },
    ]);
    expect(run.events.at(-1)?.type === 'error' && run.events.at(-1)).toMatchObject({
      error: { message: expect.stringContaining('30 s') },
    });
    expect(run.fetch.calls).toBe(1);
  });

  it('counts keep-alive comments as life, and ignores them otherwise', async () => {
    const body = new ManualBody();
    const run = start({ ...chatConn, kind: 'openrouter' }, [{ body }], noRetry);
    for (let i = 0; i < 5; i++) {
      await run.clock.advance(200_000);
      body.push(': OPENROUTER PROCESSING\n\n');
    }
    body.push(chatSse(text('Thought hard.')));
    await until(run, (events) => events.length === 1);
    for (let i = 0; i < 5; i++) {
      await run.clock.advance(20_000);
      body.push(': OPENROUTER PROCESSING\n\n');
    }
    body.push(chatSse(stop, '[DONE]'));
    await run.done;
    expect(run.events).toEqual([
      { type: 'text-delta', delta: 'Thought hard.' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it("does not count the consumer's own time as the provider's silence", async () => {
    const body = new ManualBody();
    const fetch = new ScriptedFetch([{ body }]);
    const clock = new FakeClock();
    const iterator = streamTurn(chatConn, req, {
      fetch: fetch.fetch,
      clock,
      retry: { maxRetries: 0 },
    })[Symbol.asyncIterator]();
    body.push(chatSse(text('Hello')));
    expect((await iterator.next()).value).toEqual({ type: 'text-delta', delta: 'Hello' });
    // The consumer takes two minutes over that event while the rest of the answer waits.
    body.push(chatSse(stop, '[DONE]'));
    await clock.advance(120_000);
    expect((await iterator.next()).value).toEqual({ type: 'finish', finishReason: 'stop' });
    expect((await iterator.next()).done).toBe(true);
  });

  it('applies configured limits', async () => {
    const run = start(chatConn, [{ body: new ManualBody() }], {
      ...noRetry,
      idle: { beforeFirstOutputMs: 5000 },
    });
    await run.clock.advance(5000);
    await run.done;
    expect(run.events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'idle_timeout' }) },
    ]);
  });

  it('also times out waiting for the response headers, even from a fetch that ignores aborts', async () => {
    const run = start(chatConn, [{ hang: true, ignoreSignal: true }], noRetry);
    await run.clock.advance(300_000);
    await run.done;
    expect(run.events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'idle_timeout' }) },
    ]);
  });
});

describe('streamTurn cancellation', () => {
  it('ends promptly with aborted when the caller aborts mid-answer, even if the body ignores it', async () => {
    const controller = new AbortController();
    const body = new ManualBody();
    const run = start(chatConn, [{ body }], { signal: controller.signal });
    body.push(chatSse(text('Hel')));
    await until(run, (events) => events.length === 1);
    controller.abort();
    await run.done;
    expect(run.events).toEqual([
      { type: 'text-delta', delta: 'Hel' },
      { type: 'error', error: expect.objectContaining({ kind: 'aborted', retryable: false }) },
    ]);
    expect(body.cancelled).toBe(true);
  });

  it('ends a retry wait when aborted, without another request', async () => {
    const controller = new AbortController();
    const run = start(chatConn, [{ status: 503 }, { body: okChat }], { signal: controller.signal });
    await until(run, (events) => events.some((e) => e.type === 'retry-wait'));
    controller.abort();
    await run.done;
    expect(types(run.events)).toEqual(['retry-wait', 'error']);
    expect(run.events.at(-1)).toMatchObject({ error: { kind: 'aborted' } });
    expect(run.fetch.calls).toBe(1);
  });

  it('aborts while waiting for headers', async () => {
    const controller = new AbortController();
    const run = start(chatConn, [{ hang: true }], { signal: controller.signal });
    await until(run, () => run.fetch.calls === 1);
    controller.abort();
    await run.done;
    expect(run.events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'aborted' }) },
    ]);
  });

  it('does not even start when already aborted', async () => {
    const { events, fetch } = await runToEnd(chatConn, [{ body: okChat }], {
      signal: AbortSignal.abort(),
    });
    expect(fetch.calls).toBe(0);
    expect(events).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'aborted' }) },
    ]);
  });

  it('closes the connection when the consumer stops reading early', async () => {
    const body = new ManualBody();
    const fetch = new ScriptedFetch([{ body }]);
    body.push(chatSse(text('one'), text('two')));
    for await (const event of streamTurn(chatConn, req, {
      fetch: fetch.fetch,
      clock: new FakeClock(),
    })) {
      expect(event.type).toBe('text-delta');
      break;
    }
    await flushMicrotasks();
    expect(body.cancelled).toBe(true);
  });
});
