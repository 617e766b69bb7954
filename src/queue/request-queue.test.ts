// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@/client/testing/fake-clock';
import {
  RequestQueue,
  type JobPriority,
  type JobRun,
  type QueueEvent,
  type QueueJob,
} from './request-queue';

/** A run the test finishes by hand; `signal` is what the queue passed in. */
function controlledRun() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const control = {
    started: false,
    signal: undefined as AbortSignal | undefined,
    resolve: () => resolve(),
    reject: (err: unknown) => reject(err),
    run: ((signal) => {
      control.started = true;
      control.signal = signal;
      return new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
    }) as JobRun,
  };
  return control;
}

/** A run that settles only by rejecting with the abort reason, like a real streamed request. */
const untilAborted: JobRun = (signal) =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

function job(id: string, providerId = 'openai', priority: JobPriority = 'interactive'): QueueJob {
  return { id, providerId, priority };
}

function setup(
  options: { concurrency?: Record<string, number>; defaultConcurrency?: number } = {},
) {
  const clock = new FakeClock();
  const queue = new RequestQueue({ clock, ...options });
  const events: string[] = [];
  queue.subscribe((event) => events.push(`${event.job.id}:${event.state}`));
  const startedOrder = () =>
    events.filter((e) => e.endsWith(':running')).map((e) => e.split(':')[0]);
  return { clock, queue, events, startedOrder };
}

describe('RequestQueue', () => {
  it('runs a job at once when a slot is free and reports queued → running → done', async () => {
    const { queue, events } = setup();
    const work = controlledRun();
    const outcome = queue.enqueue(job('a'), work.run);
    expect(work.started).toBe(true);
    work.resolve();
    await expect(outcome).resolves.toEqual({ state: 'done' });
    expect(events).toEqual(['a:queued', 'a:running', 'a:done']);
  });

  it('runs at most two jobs per provider by default and starts the next when one ends', async () => {
    const { queue } = setup();
    const runs = [controlledRun(), controlledRun(), controlledRun()];
    const outcomes = runs.map((r, i) => queue.enqueue(job(`j${i}`), r.run));
    expect(runs.map((r) => r.started)).toEqual([true, true, false]);
    runs[1]!.resolve();
    await outcomes[1];
    expect(runs[2]!.started).toBe(true);
  });

  it('keeps providers independent: a busy provider does not hold another back', () => {
    const { queue } = setup({ concurrency: { slow: 1 } });
    queue.enqueue(job('s1', 'slow'), controlledRun().run);
    const second = controlledRun();
    queue.enqueue(job('s2', 'slow'), second.run);
    const other = controlledRun();
    queue.enqueue(job('o1', 'other'), other.run);
    expect(second.started).toBe(false);
    expect(other.started).toBe(true);
  });

  it('takes a per-provider limit and starts waiting jobs when the limit is raised', () => {
    const { queue } = setup({ concurrency: { local: 1 } });
    const runs = [controlledRun(), controlledRun(), controlledRun()];
    runs.forEach((r, i) => queue.enqueue(job(`l${i}`, 'local'), r.run));
    expect(runs.map((r) => r.started)).toEqual([true, false, false]);
    queue.setConcurrency('local', 3);
    expect(runs.map((r) => r.started)).toEqual([true, true, true]);
    expect(() => queue.setConcurrency('local', 0)).toThrow(RangeError);
  });

  it('runs interactive jobs before background ones, each in FIFO order', async () => {
    const { queue, startedOrder } = setup({ defaultConcurrency: 1 });
    const blocker = controlledRun();
    queue.enqueue(job('first'), blocker.run);
    const outcomes = [
      queue.enqueue(job('bg1', 'openai', 'background'), async () => {}),
      queue.enqueue(job('bg2', 'openai', 'background'), async () => {}),
      queue.enqueue(job('in1', 'openai', 'interactive'), async () => {}),
      queue.enqueue(job('in2', 'openai', 'interactive'), async () => {}),
    ];
    expect(queue.snapshot().jobs.map((j) => [j.id, j.state, j.position])).toEqual([
      ['first', 'running', null],
      ['in1', 'queued', 0],
      ['in2', 'queued', 1],
      ['bg1', 'queued', 2],
      ['bg2', 'queued', 3],
    ]);
    blocker.resolve();
    await Promise.all(outcomes);
    expect(startedOrder()).toEqual(['first', 'in1', 'in2', 'bg1', 'bg2']);
  });

  it('cancels a queued job: it never runs and reports cancelled', async () => {
    const { queue, events } = setup({ defaultConcurrency: 1 });
    queue.enqueue(job('busy'), controlledRun().run);
    const waiting = controlledRun();
    const outcome = queue.enqueue(job('waiting'), waiting.run);
    expect(queue.cancel('waiting')).toBe(true);
    await expect(outcome).resolves.toEqual({ state: 'cancelled' });
    expect(waiting.started).toBe(false);
    expect(events).toContain('waiting:cancelled');
    expect(queue.snapshot().jobs.map((j) => j.id)).toEqual(['busy']);
    expect(queue.cancel('nope')).toBe(false);
  });

  it('cancels a running job through its signal and frees the slot once it settles', async () => {
    const { queue, events } = setup({ defaultConcurrency: 1 });
    const outcome = queue.enqueue(job('streaming'), untilAborted);
    const next = controlledRun();
    queue.enqueue(job('next'), next.run);
    const reason = new Error('user pressed stop');
    expect(queue.cancel('streaming', reason)).toBe(true);
    await expect(outcome).resolves.toEqual({ state: 'cancelled' });
    expect(events).toContain('streaming:cancelled');
    expect(events).not.toContain('streaming:failed');
    expect(next.started).toBe(true);
  });

  it('passes the abort reason to the running job', () => {
    const { queue } = setup();
    const work = controlledRun();
    queue.enqueue(job('a'), work.run);
    const reason = new Error('stop');
    queue.cancel('a', reason);
    expect(work.signal?.aborted).toBe(true);
    expect(work.signal?.reason).toBe(reason);
  });

  it('reports a rejected or throwing run as failed with its error, and carries on', async () => {
    const { queue } = setup({ defaultConcurrency: 1 });
    const failure = new Error('500');
    const failed: QueueEvent<QueueJob>[] = [];
    queue.subscribe((e) => e.state === 'failed' && failed.push(e));
    const rejected = queue.enqueue(job('rejects'), () => Promise.reject(failure));
    const thrown = queue.enqueue(job('throws'), () => {
      throw failure;
    });
    const after = queue.enqueue(job('after'), async () => {});
    await expect(rejected).resolves.toEqual({ state: 'failed', error: failure });
    await expect(thrown).resolves.toEqual({ state: 'failed', error: failure });
    await expect(after).resolves.toEqual({ state: 'done' });
    expect(failed.map((e) => [e.job.id, e.error])).toEqual([
      ['rejects', failure],
      ['throws', failure],
    ]);
  });

  it('refuses a second job with an id already queued or running', () => {
    const { queue } = setup();
    queue.enqueue(job('a'), controlledRun().run);
    expect(() => queue.enqueue(job('a', 'other'), controlledRun().run)).toThrow(/already/);
  });

  describe('rate limits', () => {
    it('holds a blocked provider until the reset time, then sends', () => {
      const { clock, queue } = setup();
      const resetAt = clock.now() + 5_000;
      queue.blockUntil('openai', resetAt);
      const work = controlledRun();
      queue.enqueue(job('a'), work.run);
      expect(work.started).toBe(false);
      expect(queue.snapshot().jobs).toEqual([
        {
          id: 'a',
          providerId: 'openai',
          priority: 'interactive',
          state: 'queued',
          position: 0,
          waitingUntil: resetAt,
        },
      ]);
      expect(queue.snapshot().providers[0]?.blockedUntil).toBe(resetAt);
      clock.advanceSync(4_999);
      expect(work.started).toBe(false);
      clock.advanceSync(1);
      expect(work.started).toBe(true);
      expect(queue.snapshot().providers[0]?.blockedUntil).toBeNull();
    });

    it('does not block other providers, nor requests already running', async () => {
      const { clock, queue } = setup();
      const running = controlledRun();
      const runningOutcome = queue.enqueue(job('running'), running.run);
      queue.blockUntil('openai', clock.now() + 1_000);
      const queued = controlledRun();
      queue.enqueue(job('queued'), queued.run);
      const elsewhere = controlledRun();
      queue.enqueue(job('elsewhere', 'openrouter'), elsewhere.run);
      expect(running.signal?.aborted).toBe(false);
      expect(elsewhere.started).toBe(true);
      running.resolve();
      await runningOutcome;
      // A free slot is not enough while the provider is blocked.
      expect(queued.started).toBe(false);
      clock.advanceSync(1_000);
      expect(queued.started).toBe(true);
    });

    it('extends to a later deadline, ignores an earlier or past one', () => {
      const { clock, queue } = setup();
      const start = clock.now();
      queue.blockUntil('openai', start + 1_000);
      queue.blockUntil('openai', start + 3_000);
      queue.blockUntil('openai', start + 2_000);
      queue.blockUntil('openai', start - 1);
      const work = controlledRun();
      queue.enqueue(job('a'), work.run);
      clock.advanceSync(2_999);
      expect(work.started).toBe(false);
      clock.advanceSync(1);
      expect(work.started).toBe(true);
      expect(clock.pendingTimers).toBe(0);
    });

    it('lets a job queued during the wait be cancelled without sending it', async () => {
      const { clock, queue } = setup();
      queue.blockUntil('openai', clock.now() + 1_000);
      const work = controlledRun();
      const outcome = queue.enqueue(job('a'), work.run);
      queue.cancel('a');
      clock.advanceSync(1_000);
      await expect(outcome).resolves.toEqual({ state: 'cancelled' });
      expect(work.started).toBe(false);
    });
  });

  describe('restore after a restart', () => {
    it('re-enqueues persisted jobs in their original order, ahead of newer ones', async () => {
      const { queue, startedOrder } = setup({ defaultConcurrency: 1 });
      const blocker = controlledRun();
      queue.enqueue(job('new-send'), blocker.run);
      const newer = queue.enqueue(job('newer'), async () => {});
      const restored = queue.restore(
        [job('old1'), job('old2', 'openai', 'background'), job('old3')],
        () => async () => {},
      );
      blocker.resolve();
      await Promise.all([newer, ...restored]);
      // 'new-send' had already started; the rest: restored interactive in order, newer, background.
      expect(startedOrder()).toEqual(['new-send', 'old1', 'old3', 'newer', 'old2']);
    });

    it('resumes exactly the jobs a crashed queue still had queued, in order', async () => {
      // The caller's persistence, driven only by the queue's events.
      const persisted = new Map<string, QueueJob & { state: string }>();
      const persist = (event: QueueEvent<QueueJob>) => {
        if (event.state === 'queued' || event.state === 'running') {
          persisted.set(event.job.id, { ...event.job, state: event.state });
        } else persisted.delete(event.job.id);
      };
      const before = setup({ defaultConcurrency: 1 });
      before.queue.subscribe(persist);
      const first = controlledRun();
      const firstOutcome = before.queue.enqueue(job('a'), first.run);
      for (const id of ['b', 'c', 'd']) before.queue.enqueue(job(id), controlledRun().run);
      before.queue.cancel('c');
      first.resolve();
      await firstOutcome;
      // 'b' is running when the worker dies; 'd' is still queued.
      expect([...persisted.values()].map((j) => `${j.id}:${j.state}`)).toEqual([
        'b:running',
        'd:queued',
      ]);

      const after = setup({ defaultConcurrency: 1 });
      const resumed = [...persisted.values()].filter((j) => j.state === 'queued');
      const ran = vi.fn(async () => {});
      await Promise.all(after.queue.restore(resumed, () => ran));
      expect(after.startedOrder()).toEqual(['d']);
      expect(ran).toHaveBeenCalledTimes(1);
    });
  });

  it('keeps serving other listeners when one throws, and stops calling unsubscribed ones', async () => {
    const { queue } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    queue.subscribe(() => {
      throw new Error('broken listener');
    });
    const unsubscribe = queue.subscribe((e) => seen.push(e.state));
    await queue.enqueue(job('a'), async () => {});
    unsubscribe();
    await queue.enqueue(job('b'), async () => {});
    expect(seen).toEqual(['queued', 'running', 'done']);
    expect(error).toHaveBeenCalled();
  });
});
