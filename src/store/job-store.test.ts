// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore, type NewGenerationJob } from './job-store';
import type { ParleyDb } from './schema';
import { RecordNotFoundError } from './storage-error';
import { openTestDb } from './testing/open-test-db';

let db: ParleyDb;
let jobs: JobStore;

beforeEach(async () => {
  db = await openTestDb();
  jobs = new JobStore(db);
});

afterEach(() => db.close());

function job(id: string, overrides: Partial<NewGenerationJob> = {}): NewGenerationJob {
  return {
    id,
    conversationId: 'c1',
    messageId: `m-${id}`,
    providerId: 'openai',
    priority: 'interactive',
    kind: 'chat',
    createdAt: 100,
    ...overrides,
  };
}

describe('JobStore', () => {
  it('persists jobs as queued and lists them in the order they were added', async () => {
    // Ids and times that sort differently from insertion order.
    await jobs.add(job('zeta', { createdAt: 5 }));
    await jobs.add(job('alpha', { createdAt: 5, priority: 'background', kind: 'title' }));
    await jobs.add(job('mid', { createdAt: 1 }));
    const listed = await jobs.list();
    expect(listed.map((j) => [j.id, j.seq, j.state])).toEqual([
      ['zeta', 0, 'queued'],
      ['alpha', 1, 'queued'],
      ['mid', 2, 'queued'],
    ]);
    expect(listed[1]).toMatchObject({
      priority: 'background',
      kind: 'title',
      messageId: 'm-alpha',
    });
  });

  it('keeps order across concurrent adds', async () => {
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => jobs.add(job(id))));
    expect((await jobs.list()).map((j) => j.seq)).toEqual([0, 1, 2, 3]);
  });

  it('moves a job to running and removes it when it ends', async () => {
    await jobs.add(job('a'));
    expect(await jobs.setState('a', 'running')).toMatchObject({ id: 'a', state: 'running' });
    expect((await jobs.get('a'))?.state).toBe('running');
    await jobs.remove('a');
    expect(await jobs.get('a')).toBeUndefined();
    await expect(jobs.remove('a')).resolves.toBeUndefined();
    await expect(jobs.setState('a', 'queued')).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('refuses a second job with the same id', async () => {
    await jobs.add(job('a'));
    await expect(jobs.add(job('a'))).rejects.toMatchObject({ name: 'StorageError' });
    expect(await jobs.list()).toHaveLength(1);
  });
});
