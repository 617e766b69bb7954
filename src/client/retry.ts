import { parseCompactDuration, parseWordedDuration } from './duration';
import { readHeader, type HeadersLike } from './headers';
import type { ClientErrorInfo, RetryPolicy } from './types';

/**
 * How long the provider asked us to wait, from `retry-after-ms` (OpenAI's, milliseconds) or
 * else `retry-after` (seconds, or an HTTP date). Undefined when neither says anything usable.
 */
export function parseRetryAfter(
  headers: HeadersLike,
  now: number = Date.now(),
): number | undefined {
  const millis = readHeader(headers, 'retry-after-ms')?.trim();
  if (millis && /^\d+(\.\d+)?$/.test(millis)) return Math.round(Number(millis));
  const value = readHeader(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// "Please try again in 1.898s", "in 28ms", "Try again in 35 seconds", "try again in 6m0s".
const TRY_AGAIN_IN = /try again in\s*((?:\d+(?:\.\d+)?(?:ms|h|m|s))+\b|\d+(?:\.\d+)?\s*[a-z]+)/i;

/** The wait a provider's error message asks for, in ms. */
export function parseRetryDelayFromMessage(message: string | undefined): number | undefined {
  if (!message) return undefined;
  const match = TRY_AGAIN_IN.exec(message);
  if (!match) return undefined;
  const text = match[1] as string;
  return parseCompactDuration(text) ?? parseWordedDuration(text);
}

/**
 * Exponential backoff for retry number `attempt` (1 = first retry): base·2^(attempt−1), capped
 * at `maxDelayMs`, with proportional jitter (±`jitter`) so many clients do not retry in step.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  const factor = 1 + policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(capped * factor, policy.maxDelayMs));
}

/**
 * The wait before retry number `attempt`, or null when the error should not be retried now:
 * the provider's own delay when it gave one (unless longer than the policy allows), else backoff.
 */
export function retryDelayFor(
  error: ClientErrorInfo,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (!error.retryable || attempt > policy.maxRetries) return null;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : null;
  }
  return backoffDelay(attempt, policy, random);
}
