// A manual clock for auto-lock tests: time moves only through `advance`, which fires due timers.

import type { VaultClock } from '../clock';

interface Timer {
  at: number;
  callback: () => void;
}

export class FakeClock implements VaultClock {
  private timers = new Set<Timer>();

  constructor(private time = 1_700_000_000_000) {}

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, ms: number): () => void {
    const timer: Timer = { at: this.time + ms, callback };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Moves time forward, firing every timer that falls due, in order of due time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers.delete(next);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }

  /** Drops every pending timer, as stopping a service worker does. */
  discardTimers(): void {
    this.timers.clear();
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}
