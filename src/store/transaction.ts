// One rule for every transaction: it commits all of its writes or none. idb's `tx.done` rejects
// when a transaction aborts; the failure is reported through the thrown error instead, so that
// promise is always handled (no stray unhandled rejection).

interface Transaction {
  done: Promise<void>;
  abort(): void;
}

/** Runs `work` in `tx` and waits for the commit; on any failure aborts so nothing half-written lands. */
export async function runInTransaction<T>(tx: Transaction, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (err) {
    tx.done.catch(() => {});
    try {
      tx.abort();
    } catch {
      // Already committed or aborted (by the browser or a failed request).
    }
    throw err;
  }
}
