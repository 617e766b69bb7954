// @vitest-environment node
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from './fixtures';
import { startMockProvider, type MockProvider } from './server';
import {
  chatRequest,
  dataJson,
  dataValues,
  postJson,
  readBody,
  responsesRequest,
  sseBlocks,
} from './sse-test-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let mock: MockProvider;
const chatUrl = () => `${mock.baseURL}/chat/completions`;
const responsesUrl = () => `${mock.baseURL}/responses`;

beforeAll(async () => {
  mock = await startMockProvider();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

/** Concatenated `delta.<field>` of chat chunks. */
function chatDeltas(text: string, field = 'content'): string {
  return dataJson(text)
    .map((chunk: Json) => chunk.choices?.[0]?.delta?.[field] ?? '')
    .join('');
}

/** The `event:` names of a Responses stream, checked against each payload's `type`. */
function responseEventTypes(text: string): string[] {
  return sseBlocks(text).map((block) => {
    const [eventLine, dataLine] = block.split('\n');
    const type = eventLine!.slice('event: '.length);
    expect(JSON.parse(dataLine!.slice('data: '.length)).type).toBe(type);
    return type;
  });
}

describe('GET /v1/models', () => {
  it('lists the default mock ids in OpenAI shape', async () => {
    const body = (await (await fetch(`${mock.baseURL}/models`)).json()) as Json;
    expect(body.object).toBe('list');
    expect(body.data.map((m: Json) => m.id)).toEqual([
      'mock-model',
      'mock-model-mini',
      'mock-reasoning-model',
    ]);
    expect(body.data[0]).toMatchObject({ object: 'model', owned_by: 'parley-mock' });
  });

  it('lists given ids with pricing and context length in the openrouter flavor', async () => {
    const openrouter = await startMockProvider({
      flavor: 'openrouter',
      models: ['a/b', 'c/d:free'],
    });
    try {
      const body = (await (await fetch(`${openrouter.baseURL}/models`)).json()) as Json;
      expect(body.data.map((m: Json) => m.id)).toEqual(['a/b', 'c/d:free']);
      expect(body.data[0]).toMatchObject({
        context_length: 128000,
        pricing: { prompt: '0.000001', completion: '0.000002' },
      });
      expect(body.data[1].pricing).toMatchObject({ prompt: '0', completion: '0' });
    } finally {
      await openrouter.close();
    }
  });
});

describe('POST /v1/chat/completions', () => {
  it('answers a non-streamed request with an echo of the last user message', async () => {
    const request = {
      model: 'mock-model',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'second question' }] },
      ],
    };
    const body = (await (await postJson(chatUrl(), request)).json()) as Json;
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message).toMatchObject({
      role: 'assistant',
      content: 'Mock reply to: second question',
    });
    expect(body.choices[0].finish_reason).toBe('stop');
    // One token per word chunk: "Mock", " reply", " to:", " second", " question".
    expect(body.usage.completion_tokens).toBe(5);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + 5);
  });

  it('streams the echo in several chunks, then a usage-only chunk and [DONE] when asked', async () => {
    const response = await postJson(
      chatUrl(),
      chatRequest('hello there', { stream_options: { include_usage: true } }),
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { text } = await readBody(response);
    const chunks = dataJson(text) as Json[];
    expect(chatDeltas(text)).toBe('Mock reply to: hello there');
    expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBeGreaterThan(3);
    const usageChunk = chunks.at(-1)!;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      completion_tokens: 5,
      total_tokens: expect.any(Number),
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
    expect(dataValues(text).at(-1)).toBe('[DONE]');
  });

  it('sends no usage chunk without stream_options.include_usage', async () => {
    const { text } = await readBody(await postJson(chatUrl(), chatRequest('hi')));
    const chunks = dataJson(text) as Json[];
    expect(chunks.every((c) => c.choices.length === 1 && !('usage' in c))).toBe(true);
    expect(dataValues(text).at(-1)).toBe('[DONE]');
  });

  it('streams given text and reasoning (as reasoning_content) with the given usage', async () => {
    mock.enqueue({
      kind: 'reply',
      text: 'Answer.',
      reasoning: 'Let me think.',
      chunkChars: 3,
      chunkDelayMs: 0,
      usage: { inputTokens: 7, cachedInputTokens: 2, reasoningTokens: 5, outputTokens: 9 },
    });
    const request = chatRequest('q', { stream_options: { include_usage: true } });
    const { text } = await readBody(await postJson(chatUrl(), request));
    expect(chatDeltas(text, 'reasoning_content')).toBe('Let me think.');
    expect(chatDeltas(text)).toBe('Answer.');
    expect((dataJson(text).at(-1) as Json).usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: 9,
      total_tokens: 16,
      prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 5, audio_tokens: 0 },
    });
  });
});

describe('POST /v1/responses', () => {
  it('streams the real event sequence with event lines, sequence numbers and usage', async () => {
    const { text } = await readBody(await postJson(responsesUrl(), responsesRequest('hi there')));
    const types = responseEventTypes(text);
    expect(types[0]).toBe('response.created');
    expect(types.filter((t) => t !== 'response.output_text.delta')).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const events = dataJson(text) as Json[];
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.filter((e) => e.type === 'response.output_text.delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.map((e) => e.delta).join('')).toBe('Mock reply to: hi there');
    const completed = events.at(-1)!.response;
    expect(completed.status).toBe('completed');
    expect(completed.output[0].content[0].text).toBe('Mock reply to: hi there');
    expect(completed.usage).toMatchObject({ output_tokens: 5, input_tokens: expect.any(Number) });
  });

  it('streams reasoning as a reasoning item with summary events before the message', async () => {
    mock.enqueue({ kind: 'reply', text: 'Done.', reasoning: 'Thinking hard', chunkDelayMs: 0 });
    const { text } = await readBody(await postJson(responsesUrl(), responsesRequest('q')));
    const events = dataJson(text) as Json[];
    expect(responseEventTypes(text).slice(2, 9)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    const summary = events
      .filter((e) => e.type === 'response.reasoning_summary_text.delta')
      .map((e) => e.delta);
    expect(summary.join('')).toBe('Thinking hard');
    const output = events.at(-1)!.response.output;
    expect(output.map((item: Json) => item.type)).toEqual(['reasoning', 'message']);
    expect(output[0].summary).toEqual([{ type: 'summary_text', text: 'Thinking hard' }]);
    expect(events.at(-1)!.response.usage.output_tokens_details.reasoning_tokens).toBe(2);
  });

  it('answers a non-streamed request with a completed response object', async () => {
    const request = { model: 'mock-model', input: 'plain string input' };
    const body = (await (await postJson(responsesUrl(), request)).json()) as Json;
    expect(body).toMatchObject({ object: 'response', status: 'completed', model: 'mock-model' });
    expect(body.output[0].content[0].text).toBe('Mock reply to: plain string input');
  });
});

describe('auth, CORS, origins and unknown paths', () => {
  it('requires the API key on every /v1 request when one is set, without consuming the queue', async () => {
    const locked = await startMockProvider({ apiKey: 'sk-right' });
    try {
      locked.enqueue({ kind: 'reply', text: 'queued' });
      const missing = await postJson(`${locked.baseURL}/chat/completions`, chatRequest('x'));
      expect(missing.status).toBe(401);
      expect(((await missing.json()) as Json).error).toMatchObject({
        type: 'invalid_request_error',
        code: null,
        message: expect.stringContaining("didn't provide an API key"),
      });
      const wrong = await fetch(`${locked.baseURL}/models`, {
        headers: { authorization: 'Bearer sk-wrong' },
      });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as Json).error.code).toBe('invalid_api_key');
      const right = await postJson(`${locked.baseURL}/chat/completions`, chatRequest('x'), {
        authorization: 'Bearer sk-right',
      });
      expect(right.status).toBe(200);
      expect(chatDeltas((await readBody(right)).text)).toBe('queued');
    } finally {
      await locked.close();
    }
  });

  it('uses OpenRouter error bodies in the openrouter flavor', async () => {
    const locked = await startMockProvider({ apiKey: 'k', flavor: 'openrouter' });
    try {
      const response = await fetch(`${locked.baseURL}/models`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 401, message: 'No auth credentials found' },
      });
    } finally {
      await locked.close();
    }
  });

  it('answers CORS preflights, allowing the requested headers, and tags every answer', async () => {
    const preflight = await fetch(chatUrl(), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-stainless-os',
        'access-control-request-private-network': 'true',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of [
      'authorization',
      'content-type',
      'x-stainless-os',
      'http-referer',
      'x-title',
    ]) {
      expect(allowed).toContain(header);
    }
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
    const answer = await postJson(chatUrl(), chatRequest('x', { stream: false }));
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(mock.requests.map((r) => r.method)).toEqual(['OPTIONS', 'POST']);
  });

  it('rejects chrome-extension origins with 403 when emulating Ollama', async () => {
    const ollama = await startMockProvider({ rejectUnknownOrigins: true });
    try {
      const fromExtension = await postJson(`${ollama.baseURL}/chat/completions`, chatRequest('x'), {
        origin: 'chrome-extension://abcdefghijklmnop',
      });
      expect(fromExtension.status).toBe(403);
      const request = chatRequest('x', { stream: false });
      const fromLocalhost = await postJson(`${ollama.baseURL}/chat/completions`, request, {
        origin: 'http://localhost',
      });
      expect(fromLocalhost.status).toBe(200);
      await fromLocalhost.text();
    } finally {
      await ollama.close();
    }
  });

  it('answers unknown paths and methods with 404 and a JSON error', async () => {
    const unknown = await fetch(`${mock.baseURL}/embeddings`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Json).error.message).toBe(
      'Invalid URL (POST /v1/embeddings)',
    );
    const wrongMethod = await fetch(chatUrl());
    expect(wrongMethod.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${mock.port}/`)).status).toBe(404);
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(chatUrl(), { method: 'POST', body: 'not json' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error.type).toBe('invalid_request_error');
  });
});

describe('status behaviour', () => {
  it('sends the flavor default body for the status, with the given headers', async () => {
    mock.enqueue({
      kind: 'status',
      status: 429,
      headers: {
        'retry-after': '2',
        'retry-after-ms': '1500',
        'x-ratelimit-remaining-requests': '0',
      },
    });
    const response = await postJson(chatUrl(), chatRequest('x'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('retry-after-ms')).toBe('1500');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(((await response.json()) as Json).error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
    });
  });

  it.each([
    [401, 'invalid_api_key'],
    [403, 'unsupported_country_region_territory'],
    [404, 'model_not_found'],
    [500, null],
  ])('has an OpenAI-shaped default body for %i', async (status, code) => {
    mock.enqueue({ kind: 'status', status });
    const response = await postJson(responsesUrl(), responsesRequest('x'));
    expect(response.status).toBe(status);
    const { error } = (await response.json()) as Json;
    expect(error).toMatchObject({ code, message: expect.any(String), type: expect.any(String) });
  });

  it('has OpenRouter-shaped default bodies in the openrouter flavor', async () => {
    const openrouter = await startMockProvider({ flavor: 'openrouter' });
    try {
      openrouter.enqueue({ kind: 'status', status: 402 });
      const response = await postJson(`${openrouter.baseURL}/chat/completions`, chatRequest('x'));
      expect(response.status).toBe(402);
      const { error } = (await response.json()) as Json;
      expect(error.code).toBe(402);
      expect(error.message).toMatch(/credits/);
    } finally {
      await openrouter.close();
    }
  });

  it('sends a given body verbatim', async () => {
    mock.enqueue({ kind: 'status', status: 502, body: '<html>Bad Gateway</html>' });
    const response = await postJson(chatUrl(), chatRequest('x'));
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('<html>Bad Gateway</html>');
  });
});

describe('fixture behaviour', () => {
  const fixtureNames = readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.sse'))
    .map((file) => file.slice(0, -'.sse'.length));

  it('replays every fixture byte-exact', async () => {
    expect(fixtureNames.length).toBeGreaterThan(30);
    for (const name of fixtureNames) {
      mock.enqueue({ kind: 'fixture', name });
      const response = await postJson(chatUrl(), chatRequest('x'));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(readFileSync(`${FIXTURES_DIR}${name}.sse`)), name).toBe(true);
    }
  });

  it('replays event by event with the given delay and headers', async () => {
    const name = 'openrouter-docs-chat-midstream-error-provider-disconnect'; // 2 comments + 1 event
    mock.enqueue({ kind: 'fixture', name, chunkDelayMs: 40, headers: { 'x-mock': 'yes' } });
    const started = performance.now();
    const response = await postJson(chatUrl(), chatRequest('x'));
    expect(response.headers.get('x-mock')).toBe('yes');
    await response.arrayBuffer();
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    const record = await mock.waitForOutcome();
    expect(record).toMatchObject({ outcome: 'completed', eventsSent: 1 });
  });
});

describe('fault behaviours and outcomes', () => {
  it('cut: destroys the connection after the given number of events', async () => {
    mock.enqueue({ kind: 'cut', afterEvents: 3, chunkDelayMs: 0 });
    const { text, error } = await readBody(
      await postJson(chatUrl(), chatRequest('one two three four')),
    );
    expect(error).toBeDefined();
    expect(dataValues(text)).toHaveLength(3);
    expect(text).not.toContain('[DONE]');
    expect(await mock.waitForOutcome()).toMatchObject({ outcome: 'cut', eventsSent: 3 });
  });

  it('stall: goes silent for stallMs with keep-alive comments, then finishes', async () => {
    mock.enqueue({
      kind: 'stall',
      afterEvents: 2,
      stallMs: 100,
      keepAliveEveryMs: 30,
      chunkDelayMs: 0,
    });
    const started = performance.now();
    const { text } = await readBody(await postJson(chatUrl(), chatRequest('a b c')));
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    const blocks = sseBlocks(text);
    // Comments at 30, 60 and 90 ms, right after the second event.
    expect(blocks.slice(2, 6)).toEqual([
      ': keep-alive',
      ': keep-alive',
      ': keep-alive',
      expect.stringMatching(/^data:/),
    ]);
    expect(chatDeltas(text)).toBe('Mock reply to: a b c');
    const record = await mock.waitForOutcome();
    expect(record.outcome).toBe('completed');
    expect(record.stalledAt).toBeGreaterThanOrEqual(record.startedAt);
  });

  it('stall: shows a client that gives up during the silence as client-aborted', async () => {
    mock.enqueue({ kind: 'stall', afterEvents: 2 });
    const controller = new AbortController();
    const response = await fetch(chatUrl(), {
      method: 'POST',
      body: JSON.stringify(chatRequest('x')),
      signal: controller.signal,
    });
    await mock.waitForRequest((r) => r.stalledAt !== undefined);
    controller.abort();
    expect(await mock.waitForOutcome()).toMatchObject({ outcome: 'client-aborted', eventsSent: 2 });
    await expect(response.text()).rejects.toThrow();
  });

  it('stall: a stream still stalled when the server closes shows as stalled', async () => {
    const server = await startMockProvider();
    server.enqueue({ kind: 'stall', afterEvents: 1 });
    const response = await postJson(`${server.baseURL}/chat/completions`, chatRequest('x'));
    await server.waitForRequest((r) => r.stalledAt !== undefined);
    await server.close();
    expect(await server.waitForOutcome()).toMatchObject({ outcome: 'stalled', eventsSent: 1 });
    expect((await readBody(response)).error).toBeDefined();
  });

  it('reports a client that aborts mid-reply as client-aborted', async () => {
    mock.enqueue({ kind: 'reply', text: 'a b c d e f g h', chunkDelayMs: 5_000 });
    const controller = new AbortController();
    const response = await fetch(chatUrl(), {
      method: 'POST',
      body: JSON.stringify(chatRequest('x')),
      signal: controller.signal,
    });
    await mock.waitForRequest((r) => r.eventsSent === 2);
    controller.abort();
    await expect(response.text()).rejects.toThrow();
    const record = await mock.waitForOutcome();
    expect(record).toMatchObject({ outcome: 'client-aborted', eventsSent: 2 });
    expect(record.endedAt! - record.startedAt).toBeLessThan(2_000);
  });

  it('malformed: sends the raw broken line after the good events, then ends', async () => {
    mock.enqueue({ kind: 'malformed', afterEvents: 2, raw: '{"broken', chunkDelayMs: 0 });
    const { text } = await readBody(await postJson(chatUrl(), chatRequest('x y z')));
    expect(dataValues(text)).toHaveLength(3);
    expect(dataValues(text)[2]).toBe('{"broken');
    expect((await mock.waitForOutcome()).outcome).toBe('completed');
  });

  it('malformed: can continue with the rest of the stream', async () => {
    mock.enqueue({ kind: 'malformed', afterEvents: 1, continueAfter: true, chunkDelayMs: 0 });
    const { text } = await readBody(await postJson(chatUrl(), chatRequest('x')));
    const values = dataValues(text);
    expect(() => JSON.parse(values[1]!)).toThrow();
    expect(values.at(-1)).toBe('[DONE]');
  });

  it('midstream-error (chat): sends an OpenRouter-style error chunk and no [DONE]', async () => {
    mock.enqueue({
      kind: 'midstream-error',
      afterEvents: 2,
      code: 502,
      message: 'upstream gone',
      chunkDelayMs: 0,
    });
    const { text } = await readBody(await postJson(chatUrl(), chatRequest('x y')));
    const chunks = dataJson(text) as Json[];
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toMatchObject({
      error: { code: 502, message: 'upstream gone' },
      choices: [{ finish_reason: 'error' }],
    });
    expect(text).not.toContain('[DONE]');
  });

  it('midstream-error (responses): sends response.failed with the next sequence number', async () => {
    mock.enqueue({ kind: 'midstream-error', afterEvents: 5, chunkDelayMs: 0 });
    const { text } = await readBody(await postJson(responsesUrl(), responsesRequest('x y')));
    const events = dataJson(text) as Json[];
    expect(events).toHaveLength(6);
    expect(events[5]).toMatchObject({
      type: 'response.failed',
      sequence_number: 5,
      response: { status: 'failed', error: { code: 'server_error' } },
    });
    expect(responseEventTypes(text).at(-1)).toBe('response.failed');
  });

  it('adds behaviour headers to successful streams', async () => {
    mock.enqueue({
      kind: 'reply',
      chunkDelayMs: 0,
      headers: { 'X-RateLimit-Remaining-Tokens': '999' },
    });
    const response = await postJson(chatUrl(), chatRequest('x'));
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe('999');
    await response.text();
  });
});

describe('timing', () => {
  it('firstChunkDelayMs: headers at once, then silence until the first chunk', async () => {
    mock.enqueue({ kind: 'reply', text: 'a b c', firstChunkDelayMs: 150, chunkDelayMs: 30 });
    const started = performance.now();
    const response = await postJson(chatUrl(), chatRequest('x'));
    const headersAt = performance.now();
    const reader = response.body!.getReader();
    await reader.read();
    const firstChunkAt = performance.now();
    // Measured from the headers, so a slow machine cannot fake "headers came late".
    expect(firstChunkAt - headersAt).toBeGreaterThanOrEqual(100);
    expect(firstChunkAt - started).toBeGreaterThanOrEqual(145);
    while (!(await reader.read()).done);
    // Two pauses between the three content chunks.
    expect(performance.now() - firstChunkAt).toBeGreaterThanOrEqual(55);
  });
});

describe('queue, standing behaviours, log and control channel', () => {
  it('consumes queued behaviours FIFO before a model standing behaviour', async () => {
    const server = await startMockProvider({
      modelBehaviours: { 'slow-model': { kind: 'reply', text: 'standing', chunkDelayMs: 0 } },
    });
    try {
      server.enqueue({ kind: 'reply', text: 'first', chunkDelayMs: 0 });
      server.enqueue({ kind: 'reply', text: 'second', chunkDelayMs: 0 });
      const ask = async (model: string) => {
        const url = `${server.baseURL}/chat/completions`;
        return chatDeltas((await readBody(await postJson(url, chatRequest('x', { model })))).text);
      };
      expect(await ask('slow-model')).toBe('first');
      expect(await ask('other')).toBe('second');
      expect(await ask('slow-model')).toBe('standing');
      expect(await ask('other')).toBe('Mock reply to: x');
    } finally {
      await server.close();
    }
  });

  it('rejects invalid behaviours at enqueue time', () => {
    expect(() => mock.enqueue({ kind: 'fixture', name: 'no-such-fixture' })).toThrow(/no fixture/);
    expect(() => mock.enqueue({ kind: 'nope' } as never)).toThrow(/unknown behaviour kind/);
  });

  it('records method, path, lower-cased headers, parsed body and times', async () => {
    const arrival = mock.waitForRequest((r) => r.path === '/v1/chat/completions');
    const response = await postJson(chatUrl(), chatRequest('x'), { 'X-Title': 'Parley' });
    const record = await arrival;
    expect(record).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'x-title': 'Parley', 'content-type': 'application/json' },
      body: chatRequest('x'),
      behaviour: { kind: 'reply' },
    });
    expect(record.startedAt).toBeLessThanOrEqual(Date.now());
    await response.text();
    const ended = await mock.waitForOutcome();
    expect(ended).toBe(record);
    // Role chunk, 4 word chunks, finish chunk, [DONE].
    expect(ended).toMatchObject({
      status: 200,
      streamed: true,
      outcome: 'completed',
      eventsSent: 7,
    });
    expect(ended.endedAt).toBeGreaterThanOrEqual(ended.startedAt);
  });

  it('rejects a wait that times out, saying what it saw', async () => {
    await expect(mock.waitForRequest((r) => r.path === '/never', 30)).rejects.toThrow(
      /within 30 ms/,
    );
  });

  it('reset clears the queue and the log', async () => {
    mock.enqueue({ kind: 'status', status: 500 });
    await (await fetch(`${mock.baseURL}/models`)).text();
    expect(mock.requests).toHaveLength(1);
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    const response = await postJson(chatUrl(), chatRequest('x', { stream: false }));
    expect(response.status).toBe(200);
  });

  it('offers enqueue, requests and reset over HTTP', async () => {
    const control = `http://127.0.0.1:${mock.port}/__mock`;
    const queued = await postJson(`${control}/enqueue`, [
      { kind: 'status', status: 503 },
      { kind: 'reply', text: 'after', chunkDelayMs: 0 },
    ]);
    expect(await queued.json()).toEqual({ queued: 2 });
    expect((await postJson(chatUrl(), chatRequest('x'))).status).toBe(503);
    expect(chatDeltas((await readBody(await postJson(chatUrl(), chatRequest('x')))).text)).toBe(
      'after',
    );
    const log = (await (await fetch(`${control}/requests`)).json()) as Json[];
    expect(log.map((r) => r.status)).toEqual([503, 200]);
    const invalid = await postJson(`${control}/enqueue`, { kind: 'cut', afterEvents: -1 });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as Json).error.message).toMatch(/afterEvents/);
    await postJson(`${control}/reset`, {});
    expect(await (await fetch(`${control}/requests`)).json()).toEqual([]);
  });
});

describe('openrouter flavor streams', () => {
  it('start with a processing comment and carry usage cost', async () => {
    const openrouter = await startMockProvider({ flavor: 'openrouter' });
    try {
      const request = chatRequest('x', {
        model: 'mock/model',
        stream_options: { include_usage: true },
      });
      const url = `${openrouter.baseURL}/chat/completions`;
      const { text } = await readBody(await postJson(url, request));
      expect(sseBlocks(text)[0]).toBe(': OPENROUTER PROCESSING');
      const chunks = dataJson(text) as Json[];
      expect(chunks[0]).toMatchObject({ provider: 'Mock', id: expect.stringMatching(/^gen-/) });
      const usage = chunks.at(-1)!.usage;
      expect(usage.cost).toBeCloseTo(
        usage.prompt_tokens * 0.000001 + usage.completion_tokens * 0.000002,
        12,
      );
    } finally {
      await openrouter.close();
    }
  });
});
