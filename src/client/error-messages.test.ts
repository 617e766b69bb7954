// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { userMessageFor } from './error-messages';
import type { ErrorKind } from './types';

const KINDS: ErrorKind[] = [
  'auth',
  'permission',
  'insufficient_credits',
  'not_found',
  'bad_request',
  'context_window_exceeded',
  'rate_limit',
  'quota_exceeded',
  'server_error',
  'network',
  'idle_timeout',
  'stream_error',
  'incomplete',
  'stream_closed_before_completed',
  'aborted',
];

describe('userMessageFor', () => {
  it('gives every kind its own message', () => {
    const messages = KINDS.map((kind) => userMessageFor(kind));
    expect(new Set(messages).size).toBe(KINDS.length);
    for (const message of messages) expect(message.length).toBeGreaterThan(5);
  });

  it('says what to do, with the specifics it was given', () => {
    expect(userMessageFor('auth', { status: 401 })).toMatch(/HTTP 401.*Check the key/);
    expect(userMessageFor('rate_limit', { retryAfterMs: 1898 })).toContain('1.9 s');
    expect(userMessageFor('rate_limit', { retryAfterMs: 11_054 })).toContain('11 s');
    expect(userMessageFor('network', { baseURL: 'http://localhost:1234/v1' })).toContain(
      'http://localhost:1234/v1',
    );
    expect(userMessageFor('network', { baseURL: 'http://x', duringResponse: true })).toContain(
      'lost during the response',
    );
    expect(
      userMessageFor('not_found', { baseURL: 'http://localhost:1234', notAModelList: true }),
    ).toMatch(/server at http:\/\/localhost:1234\/ answered.*not with an OpenAI-style model list/);
    expect(userMessageFor('idle_timeout', { idleMs: 30_000 })).toContain('30 s');
    expect(userMessageFor('incomplete', { reason: 'max_output_tokens' })).toMatch(
      /max_output_tokens.*token limit/,
    );
  });

  it("appends the provider's own words, except to a plain stop", () => {
    expect(userMessageFor('server_error', { providerMessage: 'Overloaded' })).toMatch(
      /"Overloaded"$/,
    );
    expect(userMessageFor('aborted', { providerMessage: 'x' })).toBe('Stopped.');
  });
});

describe('base URLs in messages', () => {
  const baseURL = 'https://user:sk-secret@host/v1?api-key=sk-secret#frag';
  it.each([
    ['network', { baseURL }],
    ['network', { baseURL, duringResponse: true }],
    ['not_found', { baseURL, notAModelList: true }],
  ] as const)('%s %o shows only scheme, host and path', (kind, details) => {
    const message = userMessageFor(kind, details);
    expect(message).toMatch(/ https:\/\/host\/v1[ .]/);
    expect(message).not.toMatch(/sk-secret|user:|api-key|frag/);
  });
});
