// Time source for auto-lock, injected so tests drive it with a fake clock.

export interface VaultClock {
  now(): number;
  /** Calls `callback` once after `ms`; returns a function that cancels it. */
  schedule(callback: () => void, ms: number): () => void;
}

/** setTimeout's limit (about 24.8 days); longer waits are re-armed when they fire early. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const systemClock: VaultClock = {
  now: () => Date.now(),
  schedule(callback, ms) {
    const handle = setTimeout(callback, Math.min(ms, MAX_TIMER_DELAY_MS));
    return () => clearTimeout(handle);
  },
};
