// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from './defaults';
import { makeErrorInfo } from './errors';
import { backoffDelay, parseRetryAfter, parseRetryDelayFromMessage, retryDelayFor } from './retry';
import type { ClientErrorInfo } from './types';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads retry-after-ms first, in milliseconds', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' }, NOW)).toBe(1500);
  });

  it('reads retry-after in seconds (fractions too)', () => {
    expect(parseRetryAfter({ 'Retry-After': '2' }, NOW)).toBe(2000);
    expect(parseRetryAfter({ 'retry-after': '0.5' }, NOW)).toBe(500);
  });

  it('reads retry-after as an HTTP date, relative to now', () => {
    const date = new Date(NOW + 30_000).toUTCString();
    expect(parseRetryAfter(new Headers({ 'retry-after': date }), NOW)).toBe(30_000);
  });

  it('never returns a negative wait for a date in the past', () => {
    expect(parseRetryAfter({ 'retry-after': new Date(NOW - 5000).toUTCString() }, NOW)).toBe(0);
  });

  it('falls back to retry-after when retry-after-ms is not a number', () => {
    expect(parseRetryAfter({ 'retry-after-ms': 'soon', 'retry-after': '3' }, NOW)).toBe(3000);
  });

  it('is undefined without usable headers', () => {
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'whenever' }, NOW)).toBeUndefined();
  });
});

describe('parseRetryDelayFromMessage', () => {
  it.each([
    ['Rate limit reached. Please try again in 1.898s. Visit https://…', 1898],
    ['Please try again in 28ms.', 28],
    ['Try again in 35 seconds.', 35_000],
    ['please TRY AGAIN IN 11.054s', 11_054],
    ['Please try again in 6m0s.', 360_000],
    ['try again in 2 minutes', 120_000],
  ])('%s → %i ms', (message, ms) => {
    expect(parseRetryDelayFromMessage(message)).toBe(ms);
  });

  it.each([
    'Please adjust your input and try again.',
    'Rate limit exceeded',
    'try again in a bit',
    undefined,
  ])('finds nothing in %j', (message) => {
    expect(parseRetryDelayFromMessage(message)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = { maxRetries: 10, baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.1 };
  const middle = () => 0.5; // no jitter

  it('doubles from the base delay with each retry', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, middle))).toEqual([
      1000, 2000, 4000, 8000, 16_000,
    ]);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(7, policy, middle)).toBe(60_000);
    expect(backoffDelay(30, policy, () => 0.999)).toBe(60_000);
  });

  it('applies proportional jitter of ±10%', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(3600);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(4400);
    expect(backoffDelay(3, policy, () => 0.25)).toBe(3800);
  });
});

describe('retryDelayFor', () => {
  const random = () => 0.5;
  const serverError = makeErrorInfo('server_error');
  const rateLimited: ClientErrorInfo = { ...makeErrorInfo('rate_limit'), retryAfterMs: 11_054 };

  it('backs off for a retryable error without a requested delay', () => {
    expect(retryDelayFor(serverError, 2, DEFAULT_RETRY_POLICY, random)).toBe(2000);
  });

  it("honours the provider's requested delay exactly", () => {
    expect(retryDelayFor(rateLimited, 1, DEFAULT_RETRY_POLICY, random)).toBe(11_054);
  });

  it('gives up when the provider asks for longer than the policy allows', () => {
    const long = { ...rateLimited, retryAfterMs: 61_000 };
    expect(retryDelayFor(long, 1, DEFAULT_RETRY_POLICY, random)).toBeNull();
  });

  it('does not retry errors that are not retryable, or past the last retry', () => {
    expect(retryDelayFor(makeErrorInfo('auth'), 1, DEFAULT_RETRY_POLICY, random)).toBeNull();
    expect(retryDelayFor(serverError, 5, DEFAULT_RETRY_POLICY, random)).toBeNull();
    expect(
      retryDelayFor(serverError, 1, { ...DEFAULT_RETRY_POLICY, maxRetries: 0 }, random),
    ).toBeNull();
  });
});
