// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders, parseReset } from './rate-limits';

const NOW = 1_700_000_000_000;

describe('parseRateLimitHeaders', () => {
  it("reads OpenAI's request and token windows with duration resets", () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '22999',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      observedAt: NOW,
      requests: { limit: 500, remaining: 499, resetsAt: NOW + 120 },
      tokens: { limit: 30_000, remaining: 22_999, resetsAt: NOW + 360_000 },
    });
  });

  it("reads OpenRouter's un-suffixed headers with an epoch-ms reset", () => {
    const snapshot = parseRateLimitHeaders(
      {
        'X-RateLimit-Limit': '20',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1700000060000',
      },
      NOW,
    );
    expect(snapshot).toEqual({
      observedAt: NOW,
      requests: { limit: 20, remaining: 0, resetsAt: 1_700_000_060_000 },
    });
  });

  it('keeps the fields that are present only', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-remaining-tokens': '7' }, NOW)).toEqual({
      observedAt: NOW,
      tokens: { remaining: 7 },
    });
  });

  it('is null when the headers say nothing about limits', () => {
    expect(
      parseRateLimitHeaders(new Headers({ 'content-type': 'text/event-stream' }), NOW),
    ).toBeNull();
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit-requests': 'lots' }, NOW)).toBeNull();
  });
});

describe('parseReset', () => {
  it.each([
    ['1700000060000', 1_700_000_060_000],
    ['1700000060', 1_700_000_060_000],
    ['30', NOW + 30_000],
    ['1.5', NOW + 1500],
    ['2m59.56s', NOW + 179_560],
  ])('%s', (value, expected) => {
    expect(parseReset(value, NOW)).toBe(expected);
  });

  it('ignores what it cannot read', () => {
    expect(parseReset('tomorrow', NOW)).toBeUndefined();
    expect(parseReset('', NOW)).toBeUndefined();
    expect(parseReset(undefined, NOW)).toBeUndefined();
  });
});
