// The one manual clock for tests of time-driven logic: time moves only when the test says so, and
// timers due by then run in time order (ties in the order they were set), each seeing its own
// `now()`, including timers set by timers that ran.
import type { Clock } from '../types';

interface Timer {
  at: number;
  /** Creation order: timers due at the same time run in the order they were set. */
  id: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();
  /** Every `sleep` requested, in order (what the retry loop asked to wait). */
  readonly sleeps: number[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), id, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        this.clearTimeout(id);
        reject(signal?.reason);
      };
      const id = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Timers set and not yet run or cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due, earliest first, and lets
   * awaiting code run before each one: for logic that awaits between timers (retries, sleeps).
   */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flushMicrotasks();
      if (!this.runNextDue(end)) break;
    }
    this.time = end;
    await flushMicrotasks();
  }

  /**
   * Moves time forward by `ms` at once, firing every timer that falls due, earliest first,
   * without yielding: what is asserted right after sees exactly what the timers did.
   */
  advanceSync(ms: number): void {
    const end = this.time + ms;
    while (this.runNextDue(end));
    this.time = end;
  }

  /** Drops every pending timer, as stopping a service worker does. */
  discardTimers(): void {
    this.timers.clear();
  }

  /** Runs the earliest timer due by `end` at its own time; false when there is none. */
  private runNextDue(end: number): boolean {
    let next: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.at <= end && (!next || timer.at < next.at)) next = timer;
    }
    if (!next) return false;
    this.timers.delete(next.id);
    this.time = next.at;
    next.fn();
    return true;
  }
}

/** Lets every pending promise chain settle: one macrotask turn runs all queued microtasks. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
