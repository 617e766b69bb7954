// Keeps the service worker running while generation jobs are in flight. Chrome stops an idle
// worker after ~30 s, and neither an open port nor a pending fetch counts as activity; an
// extension API call does. So while at least one job holds a lease, call a cheap API
// (`runtime.getPlatformInfo`) every 15 s; with no job running nothing is called and the
// worker may sleep.

export interface KeepAliveDeps {
  ping: () => Promise<unknown>;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export const KEEP_ALIVE_INTERVAL_MS = 15_000;

export class KeepAlive {
  private leases = 0;
  private timer: unknown = null;

  constructor(private readonly deps: KeepAliveDeps) {}

  /** Holds the worker awake until the returned release function is called (idempotent). */
  acquire(): () => void {
    this.leases++;
    if (this.timer === null) {
      const every = this.deps.intervalMs ?? KEEP_ALIVE_INTERVAL_MS;
      const start = this.deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
      this.timer = start(() => void this.deps.ping().catch(() => undefined), every);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leases--;
      if (this.leases === 0 && this.timer !== null) {
        (this.deps.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>)))(
          this.timer,
        );
        this.timer = null;
      }
    };
  }

  get active(): boolean {
    return this.leases > 0;
  }
}
