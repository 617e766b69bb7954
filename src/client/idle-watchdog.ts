import type { Clock, IdleTimeouts } from './types';

/**
 * Fires once when no activity has been seen for the current limit: `beforeFirstOutputMs` until
 * output starts, then `afterOutputMs`. Activity is recorded by `touch()` (cheap: one clock read);
 * a single timer re-arms itself for the remaining time instead of being reset on every chunk.
 * While paused (the consumer is busy with what arrived), silence is not counted.
 */
export class IdleWatchdog {
  private lastActivity = 0;
  private limit: number;
  private timer: unknown = null;
  private stopped = true;
  private paused = false;
  private outputSeen = false;

  constructor(
    private readonly clock: Clock,
    private readonly limits: IdleTimeouts,
    private readonly onIdle: (silentMs: number) => void,
  ) {
    this.limit = limits.beforeFirstOutputMs;
  }

  start(): void {
    this.stopped = false;
    this.lastActivity = this.clock.now();
    this.arm(this.limit);
  }

  touch(): void {
    this.lastActivity = this.clock.now();
  }

  /**
   * Data arrived and the consumer has the turn: its time is not the provider's silence. No clock
   * read: while paused, silence is not measured, and `resume()` restarts it from then.
   */
  pause(): void {
    this.paused = true;
  }

  /** Waiting on the provider again: silence counts from now. */
  resume(): void {
    this.paused = false;
    this.touch();
  }

  /** Output has started: from now on, silence is measured against the shorter limit. */
  outputStarted(): void {
    if (this.outputSeen) return;
    this.outputSeen = true;
    this.limit = this.limits.afterOutputMs;
    this.touch();
    if (this.stopped) return;
    this.disarm();
    this.arm(this.limit);
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    this.timer = null;
    if (this.stopped) return;
    if (this.paused) {
      this.arm(this.limit);
      return;
    }
    const silent = this.clock.now() - this.lastActivity;
    if (silent >= this.limit) {
      this.stopped = true;
      this.onIdle(this.limit);
    } else {
      this.arm(this.limit - silent);
    }
  }
}
