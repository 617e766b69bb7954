import type { IdleTimeouts, RetryPolicy } from './types';

/** 5 attempts in all; waits of about 1 s, 2 s, 4 s, 8 s (±10%), never above 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.1,
};

/** Reasoning models may think silently for minutes; once text flows, 30 s of silence is a stall. */
const DEFAULT_IDLE_TIMEOUTS: IdleTimeouts = {
  beforeFirstOutputMs: 300_000,
  afterOutputMs: 30_000,
};

export function resolveRetryPolicy(partial?: Partial<RetryPolicy>): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...stripUndefined(partial) };
}

export function resolveIdleTimeouts(partial?: Partial<IdleTimeouts>): IdleTimeouts {
  return { ...DEFAULT_IDLE_TIMEOUTS, ...stripUndefined(partial) };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
