// Persisted generation jobs: the request queue's state written down, so queued work survives a
// worker restart. Records exist only while a job is queued or running.
import type { GenerationJob, ParleyDb, PersistedJobState } from './schema';
import { RecordNotFoundError, withStorageErrors } from './storage-error';
import { runInTransaction } from './transaction';

export type NewGenerationJob = Omit<GenerationJob, 'seq' | 'state'> & { state?: PersistedJobState };

export class JobStore {
  constructor(private readonly db: ParleyDb) {}

  /** Persists a new job (state `queued` unless given) after every job added before it. */
  add(input: NewGenerationJob): Promise<GenerationJob> {
    return withStorageErrors('save the queued request', async () => {
      const tx = this.db.transaction('jobs', 'readwrite');
      return runInTransaction(tx, async () => {
        const last = await tx.store.index('bySeq').openKeyCursor(null, 'prev');
        const job: GenerationJob = {
          ...input,
          state: input.state ?? 'queued',
          seq: (last?.key ?? -1) + 1,
        };
        await tx.store.add(job);
        return job;
      });
    });
  }

  setState(id: string, state: PersistedJobState): Promise<GenerationJob> {
    return withStorageErrors('update the request', async () => {
      const tx = this.db.transaction('jobs', 'readwrite');
      return runInTransaction(tx, async () => {
        const job = await tx.store.get(id);
        if (!job) throw new RecordNotFoundError('jobs', id);
        const updated = { ...job, state };
        await tx.store.put(updated);
        return updated;
      });
    });
  }

  /** Forgets a finished or cancelled job. Removing one already gone is not an error. */
  remove(id: string): Promise<void> {
    return withStorageErrors('remove the finished request', () => this.db.delete('jobs', id));
  }

  get(id: string): Promise<GenerationJob | undefined> {
    return withStorageErrors('read the request', () => this.db.get('jobs', id));
  }

  /** Every persisted job in the order they were added (the order `RequestQueue.restore` wants). */
  list(): Promise<GenerationJob[]> {
    return withStorageErrors('read the queued requests', () =>
      this.db.getAllFromIndex('jobs', 'bySeq'),
    );
  }
}
