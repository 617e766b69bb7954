// @vitest-environment node
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
} from 'openai';
import { describe, expect, it } from 'vitest';
import {
  classifyError,
  classifyProviderError,
  ClientError,
  isRetryableKind,
  makeErrorInfo,
} from './errors';
import type { ErrorKind } from './types';

const NOW = 1_700_000_000_000;

describe('classifyProviderError by HTTP status', () => {
  it.each<[number, ErrorKind, boolean]>([
    [400, 'bad_request', false],
    [401, 'auth', false],
    [402, 'insufficient_credits', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [408, 'server_error', true],
    [422, 'bad_request', false],
    [429, 'rate_limit', true],
    [500, 'server_error', true],
    [502, 'server_error', true],
    [503, 'server_error', true],
  ])('%i → %s (retryable: %s)', (status, kind, retryable) => {
    const info = classifyProviderError({ status, message: 'something' }, { now: NOW });
    expect(info).toMatchObject({ kind, retryable, status });
  });
});

describe('classifyProviderError by code, which is more specific than the status', () => {
  it('429 insufficient_quota is a quota problem, not a rate limit, and is not retried', () => {
    const info = classifyProviderError({
      status: 429,
      code: 'insufficient_quota',
      type: 'insufficient_quota',
      message: 'You exceeded your current quota, please check your plan and billing details.',
    });
    expect(info).toMatchObject({
      kind: 'quota_exceeded',
      retryable: false,
      code: 'insufficient_quota',
    });
    expect(info.retryAfterMs).toBeUndefined();
  });

  it('keeps when a quota resets', () => {
    const info = classifyProviderError({ code: 'usage_limit_reached', resetsAt: NOW + 3_600_000 });
    expect(info).toMatchObject({ kind: 'quota_exceeded', resetsAt: NOW + 3_600_000 });
    expect(info.message).toContain(new Date(NOW + 3_600_000).toISOString());
  });

  it('400 context_length_exceeded, or a 400 saying so, is a context-window error', () => {
    expect(classifyProviderError({ status: 400, code: 'context_length_exceeded' }).kind).toBe(
      'context_window_exceeded',
    );
    const said =
      "This endpoint's maximum context length is 8192 tokens. However, you requested about 9000.";
    expect(classifyProviderError({ status: 400, message: said }).kind).toBe(
      'context_window_exceeded',
    );
  });

  it('404 model_not_found and 401 invalid_api_key keep their kinds', () => {
    expect(
      classifyProviderError({ status: 404, code: 'model_not_found', type: 'invalid_request_error' })
        .kind,
    ).toBe('not_found');
    expect(
      classifyProviderError({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' })
        .kind,
    ).toBe('auth');
  });

  it("reads OpenRouter's in-stream numeric code as a status", () => {
    expect(
      classifyProviderError({ code: 402, message: 'Insufficient credits' }, { inStream: true })
        .kind,
    ).toBe('insufficient_credits');
    expect(
      classifyProviderError({ code: 502, message: 'Bad gateway' }, { inStream: true }).kind,
    ).toBe('server_error');
    expect(
      classifyProviderError(
        { code: 429, errorType: 'rate_limit_exceeded', message: 'Rate limit exceeded' },
        { inStream: true },
      ).kind,
    ).toBe('rate_limit');
  });

  it('an unrecognized in-stream error is a stream error (retryable)', () => {
    const info = classifyProviderError(
      { code: 'ERR_SOMETHING', message: 'Something went wrong' },
      { inStream: true },
    );
    expect(info).toMatchObject({ kind: 'stream_error', retryable: true, code: 'ERR_SOMETHING' });
  });
});

describe('classifyProviderError retry details', () => {
  it('takes the wait from retry-after-ms, retry-after, or the message, in that order', () => {
    const message = 'Please try again in 1.898s.';
    expect(
      classifyProviderError({ status: 429, message, headers: { 'retry-after-ms': '700' } })
        .retryAfterMs,
    ).toBe(700);
    expect(
      classifyProviderError({ status: 429, message, headers: { 'retry-after': '3' } }).retryAfterMs,
    ).toBe(3000);
    expect(classifyProviderError({ status: 429, message }).retryAfterMs).toBe(1898);
    expect(
      classifyProviderError({ status: 503, headers: { 'retry-after': '5' } }).retryAfterMs,
    ).toBe(5000);
  });

  it('obeys x-should-retry', () => {
    expect(
      classifyProviderError({ status: 500, headers: { 'x-should-retry': 'false' } }).retryable,
    ).toBe(false);
    expect(
      classifyProviderError({ status: 400, headers: { 'x-should-retry': 'true' } }).retryable,
    ).toBe(true);
  });

  it("puts OpenRouter's upstream name and raw error into the provider's words", () => {
    const info = classifyProviderError({
      status: 502,
      message: 'Provider returned error',
      providerName: 'Venice',
      raw: 'upstream exploded',
    });
    expect(info.providerMessage).toBe('Venice: Provider returned error: upstream exploded');
    expect(info.message).toContain('Venice: Provider returned error: upstream exploded');
  });

  it('suggests allowing the extension origin when a local server answers 403', () => {
    const local = classifyProviderError({ status: 403 }, { baseURL: 'http://127.0.0.1:11434/v1' });
    expect(local.kind).toBe('permission');
    expect(local.message).toContain('OLLAMA_ORIGINS');
    const remote = classifyProviderError({ status: 403 }, { baseURL: 'https://api.openai.com/v1' });
    expect(remote.message).not.toContain('OLLAMA_ORIGINS');
  });

  it('never lets the API key into a message', () => {
    const key = 'sk-proj-abcdefghijklmnop1234';
    const info = classifyProviderError(
      { status: 401, message: `Incorrect API key provided: ${key}. Also sk-proj-****1234.` },
      { apiKey: key },
    );
    expect(JSON.stringify(info)).not.toContain(key);
    expect(JSON.stringify(info)).not.toContain('sk-proj-****1234');
    expect(info.kind).toBe('auth');
  });
});

describe('classifyError', () => {
  const context = { baseURL: 'http://localhost:11434/v1', apiKey: 'sk-secret-000000' };

  it('connection failures are network errors naming the base URL', () => {
    const info = classifyError(
      new APIConnectionError({
        message: 'Connection error.',
        cause: new TypeError('fetch failed'),
      }),
      context,
    );
    expect(info).toMatchObject({ kind: 'network', retryable: true });
    expect(info.message).toContain('http://localhost:11434/v1');
  });

  it('network errors show the base URL without credentials, query or fragment', () => {
    const baseURL = 'https://user:sk-secret@host/v1?api-key=sk-secret#frag';
    for (const err of [
      new APIConnectionError({ message: 'Connection error.' }),
      new TypeError('fetch failed'),
    ]) {
      const info = classifyError(err, { baseURL });
      expect(info.message).toContain('Could not reach https://host/v1.');
      expect(JSON.stringify(info)).not.toMatch(/sk-secret|user:|api-key|frag/);
    }
  });

  it('aborts are aborted; SDK timeouts (no headers in time) are idle timeouts', () => {
    expect(classifyError(new APIUserAbortError(), context).kind).toBe('aborted');
    expect(classifyError(new DOMException('x', 'AbortError'), context).kind).toBe('aborted');
    expect(classifyError(new APIConnectionTimeoutError(), context).kind).toBe('idle_timeout');
  });

  it('status errors use the raw body when the SDK dropped it (no `error` key)', () => {
    const err = APIError.generate(400, { object: 'error' }, undefined, new Headers());
    const body = JSON.stringify({
      object: 'error',
      message: 'max_tokens is too large',
      type: 'BadRequestError',
      code: 400,
    });
    const info = classifyError(err, { ...context, body });
    expect(info).toMatchObject({
      kind: 'bad_request',
      status: 400,
      providerMessage: 'max_tokens is too large',
    });
  });

  it('status errors without a kept body use the SDK’s parsed error', () => {
    const err = new AuthenticationError(
      401,
      { message: 'Incorrect API key provided: sk-secret-000000', code: 'invalid_api_key' },
      undefined,
      new Headers(),
    );
    const info = classifyError(err, context);
    expect(info.kind).toBe('auth');
    expect(JSON.stringify(info)).not.toContain('sk-secret-000000');
  });

  it('a plain-text error body becomes the provider message', () => {
    const err = APIError.generate(502, undefined, 'Bad Gateway', new Headers());
    expect(classifyError(err, { ...context, body: 'Bad Gateway' })).toMatchObject({
      kind: 'server_error',
      providerMessage: 'Bad Gateway',
    });
  });

  it('passes a ClientError through and treats anything else as a stream error', () => {
    const info = makeErrorInfo('quota_exceeded');
    expect(classifyError(new ClientError(info))).toBe(info);
    expect(classifyError(new Error('weird')).kind).toBe('stream_error');
  });
});

describe('makeErrorInfo and retryability', () => {
  it('retries only transient kinds', () => {
    const retryable: ErrorKind[] = [
      'rate_limit',
      'server_error',
      'network',
      'idle_timeout',
      'stream_error',
      'stream_closed_before_completed',
    ];
    const fatal: ErrorKind[] = [
      'auth',
      'permission',
      'insufficient_credits',
      'not_found',
      'bad_request',
      'context_window_exceeded',
      'quota_exceeded',
      'incomplete',
      'aborted',
    ];
    for (const kind of retryable) expect(isRetryableKind(kind), kind).toBe(true);
    for (const kind of fatal) expect(isRetryableKind(kind), kind).toBe(false);
  });

  it('names the reason of an incomplete response', () => {
    expect(makeErrorInfo('incomplete', { reason: 'max_output_tokens' })).toMatchObject({
      kind: 'incomplete',
      reason: 'max_output_tokens',
      retryable: false,
    });
  });
});

describe('local servers (a 403 from one gets the extension-origin advice)', () => {
  it.each([
    ['http://localhost:11434/v1', true],
    ['http://127.0.0.1:1234/v1', true],
    ['http://192.168.1.20:8000/v1', true],
    ['http://10.0.0.5/v1', true],
    ['http://172.20.0.2/v1', true],
    ['http://gpu-box.local:8000/v1', true],
    ['http://[::1]:8080/v1', true],
    ['https://api.openai.com/v1', false],
    ['https://172.32.0.1/v1', false],
    ['not a url', false],
  ])('%s → %s', (url, local) => {
    const message = classifyProviderError({ status: 403 }, { baseURL: url }).message;
    expect(message.includes('The local server refused the request.')).toBe(local);
  });
});
