// The log of requests and the waits on it. Waiters are re-checked whenever a record is added or
// changes, so a wait resolves on the event itself rather than by polling.
import type { RecordedRequest, RequestPredicate } from './types';

interface Waiter {
  matches(record: RecordedRequest): boolean;
  resolve(record: RecordedRequest): void;
}

export const DEFAULT_WAIT_MS = 5_000;

export class RequestLog {
  /** Live array: cleared in place so references handed out stay current. */
  readonly records: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;

  add(fields: Omit<RecordedRequest, 'id'>): RecordedRequest {
    const record: RecordedRequest = { id: this.nextId++, ...fields };
    this.records.push(record);
    this.changed(record);
    return record;
  }

  /** Call after mutating a record, so waits on it are re-checked. */
  changed(record: RecordedRequest): void {
    for (const waiter of this.waiters) {
      if (waiter.matches(record)) waiter.resolve(record);
    }
  }

  clear(): void {
    this.records.length = 0;
  }

  /** A request (already logged or yet to arrive) that matches. */
  waitForRequest(predicate: RequestPredicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
    return this.waitFor(predicate, timeoutMs, 'a request');
  }

  /** A stream (already ended or yet to end) that matches, once it has ended. */
  waitForOutcome(predicate: RequestPredicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
    const ended = (r: RecordedRequest) => r.streamed === true && r.outcome !== undefined;
    return this.waitFor((r) => ended(r) && predicate(r), timeoutMs, 'a stream outcome');
  }

  private waitFor(
    matches: RequestPredicate,
    timeoutMs: number,
    what: string,
  ): Promise<RecordedRequest> {
    const already = this.records.find(matches);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        resolve: (record) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(record);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.records.map((r) => `${r.method} ${r.path} ${r.outcome ?? ''}`.trim());
        reject(
          new Error(
            `Mock provider: no ${what} matched within ${timeoutMs} ms; seen: [${seen.join('; ')}]`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
