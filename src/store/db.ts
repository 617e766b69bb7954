// Opens the `parley` database, walking the migration list. The IDBFactory is injected so tests
// get a fresh in-memory database each and the background passes the worker's `indexedDB`.
import { wrap } from 'idb';
import { LATEST_VERSION, runMigrations, type UpgradeTransaction } from './migrations';
import { DB_NAME, type ParleyDb } from './schema';
import { toStorageError } from './storage-error';
import { runInTransaction } from './transaction';

export interface OpenParleyDbOptions {
  /** Defaults to the global `indexedDB`. */
  factory?: IDBFactory;
  name?: string;
  /** Defaults to the latest; an older version exists only to test the migration path. */
  version?: number;
  /** Another connection at an older version (an old extension page) delays the upgrade. */
  onBlocked?: () => void;
}

export async function openParleyDb(options: OpenParleyDbOptions = {}): Promise<ParleyDb> {
  const { factory = globalThis.indexedDB, name = DB_NAME, version = LATEST_VERSION } = options;
  // A failed migration aborts the upgrade; the open then fails with a bare AbortError, so the
  // step's own error is kept to report the real cause.
  let migrationError: unknown;
  try {
    const request = factory.open(name, version);
    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as ParleyDb;
      const tx = wrap(request.transaction as IDBTransaction) as unknown as UpgradeTransaction;
      runInTransaction(tx, () =>
        runMigrations(db, tx, event.oldVersion, event.newVersion ?? version),
      ).catch((err: unknown) => {
        migrationError = err;
      });
    });
    if (options.onBlocked) request.addEventListener('blocked', options.onBlocked);
    const db = (await wrap(request)) as ParleyDb;
    // A newer Parley (after an update) wants to upgrade: step aside instead of blocking it.
    db.addEventListener('versionchange', () => db.close());
    return db;
  } catch (err) {
    throw toStorageError(migrationError ?? err, 'open the conversation history');
  }
}
