// A manual clock for tests of time-driven logic: time moves only when the test calls `advance`,
// and timers due by then run in time order, synchronously, each seeing its own `now()`.
import type { Clock } from '@/client/types';

interface Timer {
  at: number;
  /** Creation order: timers due at the same time run in the order they were set. */
  id: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), id, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.clearTimeout(handle);
        reject(signal?.reason);
      };
      const handle = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way (also ones set by those). */
  advance(ms: number): void {
    const end = this.current + ms;
    for (let timer = this.nextDue(end); timer; timer = this.nextDue(end)) {
      this.timers.delete(timer.id);
      this.current = timer.at;
      timer.fn();
    }
    this.current = end;
  }

  /** Timers set and not yet run or cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  private nextDue(end: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (
        timer.at <= end &&
        (!next || timer.at < next.at || (timer.at === next.at && timer.id < next.id))
      ) {
        next = timer;
      }
    }
    return next;
  }
}
