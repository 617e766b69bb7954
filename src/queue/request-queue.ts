// A pure scheduler for generation requests: per-provider concurrency, interactive before
// background, FIFO within a priority, and no sends into a known rate limit. It knows nothing of
// storage or the network; the caller persists state changes from the events it emits.
import type { Clock } from '@/client/types';

export type JobPriority = 'interactive' | 'background';

/** What the queue needs to know of a job; callers pass richer records (they come back in events). */
export interface QueueJob {
  id: string;
  providerId: string;
  priority: JobPriority;
}

/** The work itself. It must stop (settle) promptly once `signal` aborts. */
export type JobRun = (signal: AbortSignal) => Promise<unknown>;

export type QueueJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface QueueEvent<J extends QueueJob> {
  job: J;
  state: QueueJobState;
  /** For `failed`: what `run` rejected with. */
  error?: unknown;
}

export type JobOutcome =
  { state: 'done' } | { state: 'failed'; error: unknown } | { state: 'cancelled' };

export interface JobView {
  id: string;
  providerId: string;
  priority: JobPriority;
  state: 'queued' | 'running';
  /** 0-based place among this provider's queued jobs (0 runs next); null while running. */
  position: number | null;
  /** Epoch ms a rate limit holds this queued job until; null when it only waits for a slot. */
  waitingUntil: number | null;
}

export interface ProviderView {
  providerId: string;
  running: number;
  queued: number;
  limit: number;
  /** Epoch ms until which no new request is sent to this provider, or null. */
  blockedUntil: number | null;
}

export interface QueueSnapshot {
  /** Running jobs first, then queued ones in the order they will run, per provider. */
  jobs: JobView[];
  providers: ProviderView[];
}

export interface RequestQueueOptions {
  clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  /** Requests in flight per provider unless `concurrency` says otherwise. Default 2. */
  defaultConcurrency?: number;
  concurrency?: Record<string, number>;
}

const PRIORITY_RANK: Record<JobPriority, number> = { interactive: 0, background: 1 };

interface Entry<J extends QueueJob> {
  job: J;
  run: JobRun;
  /** Ties within a priority are broken by this: lower runs first. */
  order: number;
  controller: AbortController;
  settle: (outcome: JobOutcome) => void;
}

interface ProviderState<J extends QueueJob> {
  queued: Entry<J>[];
  running: Map<string, Entry<J>>;
  blockedUntil: number | null;
  unblockTimer: unknown;
}

export class RequestQueue<J extends QueueJob = QueueJob> {
  private readonly clock: RequestQueueOptions['clock'];
  private readonly defaultConcurrency: number;
  private readonly concurrency = new Map<string, number>();
  private readonly providers = new Map<string, ProviderState<J>>();
  private readonly listeners = new Set<(event: QueueEvent<J>) => void>();
  private nextOrder = 0;
  private lowestOrder = 0;

  constructor(options: RequestQueueOptions) {
    this.clock = options.clock;
    this.defaultConcurrency = positiveLimit(options.defaultConcurrency ?? 2);
    for (const [providerId, limit] of Object.entries(options.concurrency ?? {})) {
      this.concurrency.set(providerId, positiveLimit(limit));
    }
  }

  /** Queues `job`; it starts at once when its provider has a free slot and no rate-limit wait. */
  enqueue(job: J, run: JobRun): Promise<JobOutcome> {
    return this.add(job, run, this.nextOrder++);
  }

  /**
   * Re-enqueues jobs persisted before a restart, in the given (original) order, ahead of anything
   * enqueued since start-up at the same priority: they were sent first.
   */
  restore(jobs: readonly J[], runFor: (job: J) => JobRun): Promise<JobOutcome>[] {
    const base = this.lowestOrder - jobs.length;
    this.lowestOrder = base;
    return jobs.map((job, index) => this.add(job, runFor(job), base + index));
  }

  /** Removes a queued job, or aborts a running one (its outcome follows once `run` settles). */
  cancel(jobId: string, reason?: unknown): boolean {
    for (const provider of this.providers.values()) {
      const index = provider.queued.findIndex((entry) => entry.job.id === jobId);
      if (index >= 0) {
        const [entry] = provider.queued.splice(index, 1) as [Entry<J>];
        entry.controller.abort(reason);
        this.emit({ job: entry.job, state: 'cancelled' });
        entry.settle({ state: 'cancelled' });
        return true;
      }
      const running = provider.running.get(jobId);
      if (running) {
        running.controller.abort(reason);
        return true;
      }
    }
    return false;
  }

  /**
   * Holds this provider's queued jobs until `epochMs` (a rate-limit reset or a 429's
   * retry-after). Running requests are not touched. A later deadline extends an earlier one.
   */
  blockUntil(providerId: string, epochMs: number): void {
    if (epochMs <= this.clock.now()) return;
    const provider = this.provider(providerId);
    if (provider.blockedUntil !== null && provider.blockedUntil >= epochMs) return;
    provider.blockedUntil = epochMs;
    this.scheduleUnblock(providerId, provider);
  }

  setConcurrency(providerId: string, limit: number): void {
    this.concurrency.set(providerId, positiveLimit(limit));
    this.pump(providerId);
  }

  /** Listens to every state change; returns the unsubscribe function. */
  subscribe(listener: (event: QueueEvent<J>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): QueueSnapshot {
    const jobs: JobView[] = [];
    const providers: ProviderView[] = [];
    const now = this.clock.now();
    for (const [providerId, provider] of this.providers) {
      const blockedUntil =
        provider.blockedUntil !== null && provider.blockedUntil > now
          ? provider.blockedUntil
          : null;
      for (const { job } of provider.running.values()) {
        jobs.push({ ...jobView(job), state: 'running', position: null, waitingUntil: null });
      }
      provider.queued.forEach(({ job }, position) => {
        jobs.push({ ...jobView(job), state: 'queued', position, waitingUntil: blockedUntil });
      });
      providers.push({
        providerId,
        running: provider.running.size,
        queued: provider.queued.length,
        limit: this.limitFor(providerId),
        blockedUntil,
      });
    }
    return { jobs, providers };
  }

  private add(job: J, run: JobRun, order: number): Promise<JobOutcome> {
    if (this.has(job.id)) throw new Error(`Job ${job.id} is already in the queue.`);
    const provider = this.provider(job.providerId);
    return new Promise<JobOutcome>((settle) => {
      const entry: Entry<J> = { job, run, order, controller: new AbortController(), settle };
      insertInRunOrder(provider.queued, entry);
      this.emit({ job, state: 'queued' });
      this.pump(job.providerId);
    });
  }

  private has(jobId: string): boolean {
    for (const provider of this.providers.values()) {
      if (provider.running.has(jobId) || provider.queued.some((e) => e.job.id === jobId)) {
        return true;
      }
    }
    return false;
  }

  private provider(providerId: string): ProviderState<J> {
    let provider = this.providers.get(providerId);
    if (!provider) {
      provider = { queued: [], running: new Map(), blockedUntil: null, unblockTimer: undefined };
      this.providers.set(providerId, provider);
    }
    return provider;
  }

  private limitFor(providerId: string): number {
    return this.concurrency.get(providerId) ?? this.defaultConcurrency;
  }

  private isBlocked(provider: ProviderState<J>): boolean {
    if (provider.blockedUntil === null) return false;
    if (provider.blockedUntil > this.clock.now()) return true;
    provider.blockedUntil = null;
    return false;
  }

  private scheduleUnblock(providerId: string, provider: ProviderState<J>): void {
    if (provider.unblockTimer !== undefined) this.clock.clearTimeout(provider.unblockTimer);
    const delay = Math.max(0, (provider.blockedUntil ?? 0) - this.clock.now());
    provider.unblockTimer = this.clock.setTimeout(() => {
      provider.unblockTimer = undefined;
      // A timer may fire early (real timers are not exact): wait again for the remainder.
      if (this.isBlocked(provider)) this.scheduleUnblock(providerId, provider);
      else this.pump(providerId);
    }, delay);
  }

  /** Starts queued jobs while the provider has free slots; re-entrant (listeners may enqueue). */
  private pump(providerId: string): void {
    const provider = this.providers.get(providerId);
    if (!provider) return;
    while (
      provider.queued.length > 0 &&
      provider.running.size < this.limitFor(providerId) &&
      !this.isBlocked(provider)
    ) {
      this.start(provider, provider.queued.shift() as Entry<J>);
    }
  }

  private start(provider: ProviderState<J>, entry: Entry<J>): void {
    provider.running.set(entry.job.id, entry);
    this.emit({ job: entry.job, state: 'running' });
    let work: Promise<unknown>;
    try {
      work = entry.run(entry.controller.signal);
    } catch (err) {
      work = Promise.reject(err);
    }
    work.then(
      () => this.finish(provider, entry, { state: 'done' }),
      (error: unknown) => this.finish(provider, entry, { state: 'failed', error }),
    );
  }

  private finish(provider: ProviderState<J>, entry: Entry<J>, result: JobOutcome): void {
    provider.running.delete(entry.job.id);
    // Whatever `run` did after an abort, a cancelled job reports as cancelled.
    const outcome: JobOutcome = entry.controller.signal.aborted ? { state: 'cancelled' } : result;
    this.emit({
      job: entry.job,
      state: outcome.state,
      ...(outcome.state === 'failed' ? { error: outcome.error } : {}),
    });
    entry.settle(outcome);
    this.pump(entry.job.providerId);
  }

  private emit(event: QueueEvent<J>): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        // One broken listener must not stall the queue or hide the event from the others.
        console.error('Request queue listener failed', err);
      }
    }
  }
}

function positiveLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Concurrency must be a positive integer, got ${limit}.`);
  }
  return limit;
}

function jobView(job: QueueJob): Pick<JobView, 'id' | 'providerId' | 'priority'> {
  return { id: job.id, providerId: job.providerId, priority: job.priority };
}

function runsBefore(a: Entry<QueueJob>, b: Entry<QueueJob>): boolean {
  const rank = PRIORITY_RANK[a.job.priority] - PRIORITY_RANK[b.job.priority];
  return rank < 0 || (rank === 0 && a.order < b.order);
}

function insertInRunOrder<J extends QueueJob>(queued: Entry<J>[], entry: Entry<J>): void {
  const index = queued.findIndex((other) => runsBefore(entry, other));
  if (index < 0) queued.push(entry);
  else queued.splice(index, 0, entry);
}
