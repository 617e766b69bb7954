import { parseCompactDuration } from './duration';
import { readHeader, type HeadersLike } from './headers';
import type { RateLimitSnapshot, RateLimitWindow } from './types';

/**
 * The budget a provider's response headers report, or null when they report none.
 * OpenAI and Groq: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` with resets as
 * durations (`6m0s`). OpenRouter and others: `x-ratelimit-{limit,remaining,reset}` (requests)
 * with the reset as an epoch timestamp (ms or s) or seconds from now.
 */
export function parseRateLimitHeaders(
  headers: HeadersLike,
  now: number = Date.now(),
): RateLimitSnapshot | null {
  const requests =
    readWindow(headers, '-requests', now) ?? readWindow(headers, '', now) ?? undefined;
  const tokens = readWindow(headers, '-tokens', now);
  if (!requests && !tokens) return null;
  return {
    observedAt: now,
    ...(requests ? { requests } : {}),
    ...(tokens ? { tokens } : {}),
  };
}

function readWindow(headers: HeadersLike, suffix: string, now: number): RateLimitWindow | null {
  const limit = parseCount(readHeader(headers, `x-ratelimit-limit${suffix}`));
  const remaining = parseCount(readHeader(headers, `x-ratelimit-remaining${suffix}`));
  const resetsAt = parseReset(readHeader(headers, `x-ratelimit-reset${suffix}`), now);
  if (limit === undefined && remaining === undefined && resetsAt === undefined) return null;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetsAt !== undefined ? { resetsAt } : {}),
  };
}

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** Epoch ms for a reset given as a duration, an epoch (ms or s), or seconds from now. */
export function parseReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= 1e12) return Math.round(n); // epoch milliseconds
    if (n >= 1e9) return Math.round(n * 1000); // epoch seconds
    return now + Math.round(n * 1000); // seconds from now
  }
  const duration = parseCompactDuration(text);
  return duration === undefined ? undefined : now + duration;
}
