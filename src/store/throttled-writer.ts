// Persists a streaming message's growing text without writing on every token: updates coalesce
// (last value per field wins), a write starts at most every `intervalMs`, never two at once, and
// a failed write keeps its data in memory and is retried with backoff until it lands.
import type { Clock } from '@/client/types';

export interface ThrottledWriterOptions<P extends object> {
  /** Persists one merged patch; resolves once it is durable (e.g. the transaction completed). */
  write: (patch: P) => Promise<unknown>;
  clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  /** Minimum time between the starts of two writes. Default 250 ms. */
  intervalMs?: number;
  /** First retry delay after a failed write; doubles per consecutive failure. Default 500 ms. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Every failed attempt (the data is kept and retried, unless `isRetryable` says otherwise). */
  onError?: (err: unknown) => void;
  /**
   * Whether a failed write is worth repeating. A write that can never succeed (its record was
   * deleted) is dropped instead of retried forever. Default: every failure is retried.
   */
  isRetryable?: (err: unknown) => boolean;
  /** The first successful write after one or more failures. */
  onRecovered?: () => void;
}

interface FlushWaiter {
  version: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class ThrottledWriter<P extends object> {
  private readonly options: ThrottledWriterOptions<P>;
  private readonly intervalMs: number;
  /** Updates not yet handed to a write, merged. */
  private pending: P | null = null;
  /** Counts updates; `durableVersion` is the count a successful write covered. */
  private version = 0;
  private durableVersion = 0;
  private writing = false;
  private lastWriteStartedAt = -Infinity;
  private timer: unknown = undefined;
  private consecutiveFailures = 0;
  private waiters: FlushWaiter[] = [];
  private disposed = false;

  constructor(options: ThrottledWriterOptions<P>) {
    this.options = options;
    this.intervalMs = options.intervalMs ?? 250;
  }

  /** Cheap: merges into the pending patch and makes sure a write is due within `intervalMs`. */
  update(patch: P): void {
    if (this.disposed) throw new Error('ThrottledWriter.update after dispose');
    this.pending = this.pending ? { ...this.pending, ...patch } : { ...patch };
    this.version++;
    this.schedule(false);
  }

  /**
   * Writes what is pending now, without waiting for the throttle, and resolves once every update
   * made before the call is durable. Rejects with the error if a write fails first; the writer
   * still holds the data and keeps retrying (`onRecovered` reports when it lands).
   */
  flush(): Promise<void> {
    if (this.durableVersion === this.version) return Promise.resolve();
    if (this.disposed) return Promise.reject(new Error('ThrottledWriter.flush after dispose'));
    const done = new Promise<void>((resolve, reject) => {
      this.waiters.push({ version: this.version, resolve, reject });
    });
    this.schedule(true);
    return done;
  }

  /** True while some update is not yet durable. */
  get hasUnsavedChanges(): boolean {
    return this.durableVersion !== this.version;
  }

  /** Stops timers and retries; returns what was never written (null when nothing) for the caller to keep. */
  dispose(): P | null {
    this.disposed = true;
    this.clearTimer();
    if (this.waiters.length > 0)
      this.rejectWaiters(new Error('ThrottledWriter disposed before the flush'));
    return this.pending;
  }

  private schedule(now: boolean): void {
    if (this.disposed || this.writing || this.pending === null) return;
    if (now) {
      this.clearTimer();
      this.startWrite();
      return;
    }
    // A throttle or retry timer is already set: it will pick up this update too.
    if (this.timer !== undefined) return;
    const wait = this.lastWriteStartedAt + this.intervalMs - this.options.clock.now();
    if (wait <= 0) this.startWrite();
    else this.setTimer(wait);
  }

  private startWrite(): void {
    const patch = this.pending as P;
    const version = this.version;
    this.pending = null;
    this.writing = true;
    this.lastWriteStartedAt = this.options.clock.now();
    let written: Promise<unknown>;
    try {
      written = this.options.write(patch);
    } catch (err) {
      written = Promise.reject(err);
    }
    written.then(
      () => this.onWritten(version),
      (err: unknown) => this.onFailed(patch, version, err),
    );
  }

  private onWritten(version: number): void {
    this.writing = false;
    this.durableVersion = Math.max(this.durableVersion, version);
    const recovered = this.consecutiveFailures > 0;
    this.consecutiveFailures = 0;
    const waiting: FlushWaiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.version <= this.durableVersion) waiter.resolve();
      else waiting.push(waiter);
    }
    this.waiters = waiting;
    // A flush is waiting for data that arrived during this write: write it now, not on the throttle.
    this.schedule(waiting.length > 0);
    // Callbacks last, so one that throws cannot stall the writer.
    if (recovered) this.options.onRecovered?.();
  }

  private onFailed(patch: P, version: number, err: unknown): void {
    this.writing = false;
    if (this.options.isRetryable && !this.options.isRetryable(err)) {
      // Dropped, not retried: it counts as settled, so a later flush does not wait for it. Newer
      // updates (if any) still get their own attempt.
      this.durableVersion = Math.max(this.durableVersion, version);
      this.rejectWaiters(err);
      this.options.onError?.(err);
      this.schedule(false);
      return;
    }
    this.consecutiveFailures++;
    // Put the failed data back under anything newer, so the retry writes the latest of each field.
    this.pending = this.pending ? { ...patch, ...this.pending } : patch;
    if (!this.disposed) {
      const base = this.options.retryBaseDelayMs ?? 500;
      const max = this.options.retryMaxDelayMs ?? 10_000;
      this.clearTimer();
      this.setTimer(Math.min(max, base * 2 ** (this.consecutiveFailures - 1)));
    }
    this.rejectWaiters(err);
    this.options.onError?.(err);
  }

  private rejectWaiters(err: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(err);
  }

  private setTimer(ms: number): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed && !this.writing && this.pending !== null) this.startWrite();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
