// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { RequestQueue, type QueueEvent } from '@/queue/request-queue';
import { FakeClock } from '@/client/testing/fake-clock';
import { ConversationStore } from './conversation-store';
import { openParleyDb } from './db';
import { JobStore } from './job-store';
import { recoverAfterRestart } from './recovery';
import type { GenerationJob } from './schema';
import { ThrottledWriter } from './throttled-writer';

/** The background's wiring, as far as storage goes: queue events persisted in order. */
async function startWorker(factory: IDBFactory, clock: FakeClock) {
  const db = await openParleyDb({ factory });
  const conversations = new ConversationStore(db, { clock });
  const jobs = new JobStore(db);
  const queue = new RequestQueue<GenerationJob>({ clock, defaultConcurrency: 1 });
  let persisted = Promise.resolve();
  queue.subscribe((event: QueueEvent<GenerationJob>) => {
    persisted = persisted.then(async () => {
      if (event.state === 'running') await jobs.setState(event.job.id, 'running');
      else if (event.state !== 'queued') await jobs.remove(event.job.id);
    });
  });
  return { db, conversations, jobs, queue, persistence: () => persisted };
}

describe('recovery after the worker stops', () => {
  it('interrupts the answer in flight with its partial text and resumes queued jobs in order', async () => {
    const factory = new IDBFactory();
    const clock = new FakeClock(0);
    const before = await startWorker(factory, clock);
    const { conversations, jobs, queue } = before;

    const conversation = await conversations.createConversation({ title: 'Recovery' });
    await conversations.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: 'Explain tides',
      state: 'complete',
    });
    const send = async (
      jobId: string,
      kind: GenerationJob['kind'],
      priority: GenerationJob['priority'],
    ) => {
      const message = await conversations.appendMessage({
        conversationId: conversation.id,
        role: 'assistant',
        content: '',
        state: 'pending',
        jobId,
      });
      const job = await jobs.add({
        id: jobId,
        conversationId: conversation.id,
        messageId: message.id,
        providerId: 'openai',
        priority,
        kind,
        createdAt: clock.now(),
      });
      return { message, job };
    };

    // The first answer streams; two more jobs wait behind it (concurrency 1).
    const first = await send('job-1', 'chat', 'interactive');
    const streamStarted = new Promise<AbortSignal>((resolve) =>
      queue.enqueue(first.job, (signal) => {
        resolve(signal);
        return new Promise(() => {}); // never finishes: the worker dies first
      }),
    );
    await streamStarted;
    const second = await send('job-2', 'chat', 'interactive');
    queue.enqueue(second.job, async () => {});
    const title = await send('job-3', 'title', 'background');
    queue.enqueue(title.job, async () => {});

    const writer = new ThrottledWriter({
      clock,
      write: (patch) => conversations.updateMessage(first.message.id, patch),
    });
    await conversations.updateMessage(first.message.id, { state: 'streaming' });
    writer.update({ content: 'Tides are caused by' });
    await writer.flush();
    writer.update({ content: 'Tides are caused by the moon' }); // within the throttle: not yet saved
    await before.persistence();

    // The worker stops: its timers never fire again and the connection goes away.
    writer.dispose();
    before.db.close();

    clock.advanceSync(60_000);
    const after = await startWorker(factory, clock);
    const recovered = await recoverAfterRestart(after.conversations, after.jobs, clock.now());

    expect(recovered.interrupted).toEqual([
      expect.objectContaining({
        id: first.message.id,
        state: 'interrupted',
        content: 'Tides are caused by',
        updatedAt: 60_000,
      }),
    ]);
    expect(recovered.queued.map((j) => j.id)).toEqual(['job-2', 'job-3']);
    expect((await after.conversations.getMessage(second.message.id))?.state).toBe('pending');
    expect((await after.jobs.list()).map((j) => j.id)).toEqual(['job-2', 'job-3']);

    const started: string[] = [];
    const outcomes = after.queue.restore(recovered.queued, (job) => async () => {
      started.push(job.id);
    });
    await Promise.all(outcomes);
    await after.persistence();
    expect(started).toEqual(['job-2', 'job-3']);
    expect(await after.jobs.list()).toEqual([]);
    after.db.close();
  });

  it('puts a title job that was running back in the queue', async () => {
    const factory = new IDBFactory();
    const clock = new FakeClock(0);
    const worker = await startWorker(factory, clock);
    await worker.jobs.add({
      id: 'title-1',
      conversationId: 'c',
      messageId: 'm',
      providerId: 'openai',
      priority: 'background',
      kind: 'title',
      createdAt: 0,
      state: 'running',
    });
    const recovered = await recoverAfterRestart(worker.conversations, worker.jobs, 1);
    expect(recovered.queued).toEqual([expect.objectContaining({ id: 'title-1', state: 'queued' })]);
    worker.db.close();
  });
});
