// IndexedDB failures, turned into one error type the background can show as-is: what happened
// and what the user can do. The original error stays attached as `cause` for logs.

export type StorageErrorKind =
  /** The browser refused the write: disk or the origin's quota is full. */
  | 'quota-exceeded'
  /** The transaction was aborted (by the browser, a crash, or a failing request inside it). */
  | 'aborted'
  /** The database could not be opened or its connection was closed underneath us. */
  | 'unavailable'
  /** The database on disk was written by a newer Parley (a downgrade). */
  | 'newer-version'
  | 'unknown';

/** A record the caller named does not exist. A caller bug or a race with delete, not a disk fault. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';

  constructor(
    readonly store: string,
    readonly id: string,
  ) {
    super(`No ${store} record with id ${id}.`);
  }
}

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly kind: StorageErrorKind,
    /** What was being done, e.g. "save the answer"; part of the user-facing message. */
    readonly operation: string,
    options: { cause?: unknown } = {},
  ) {
    super(userMessage(kind, operation), options);
  }

  /** Worth trying again later: the same write may succeed once space is freed or the abort passes. */
  get retryable(): boolean {
    return this.kind !== 'newer-version';
  }
}

function userMessage(kind: StorageErrorKind, operation: string): string {
  switch (kind) {
    case 'quota-exceeded':
      return `Couldn't ${operation}: the browser's storage is full. Free some disk space or delete old conversations; Parley keeps the text in memory and retries the write.`;
    case 'aborted':
      return `Couldn't ${operation}: the browser aborted the database write. Parley keeps the text in memory and retries the write.`;
    case 'unavailable':
      return `Couldn't ${operation}: the browser's database (IndexedDB) is not available. Check that the browser has free disk space and is not blocking site data, then reload the extension.`;
    case 'newer-version':
      return `Couldn't ${operation}: the conversation history was written by a newer version of Parley. Update the extension to open it.`;
    case 'unknown':
      return `Couldn't ${operation}: the browser's database reported an unexpected error. Parley retries the write; if this persists, reload the extension.`;
  }
}

/** Errors whose `name` tells us the kind (DOMException names from the IndexedDB spec). */
const KIND_BY_ERROR_NAME: Record<string, StorageErrorKind> = {
  QuotaExceededError: 'quota-exceeded',
  AbortError: 'aborted',
  TransactionInactiveError: 'aborted',
  InvalidStateError: 'unavailable',
  SecurityError: 'unavailable',
  NotFoundError: 'unavailable',
  UnknownError: 'unavailable',
  VersionError: 'newer-version',
};

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string'
    ? err.name
    : undefined;
}

/** Classifies any failure from IndexedDB (or `idb`) as a StorageError; passes our own errors through. */
export function toStorageError(err: unknown, operation: string): StorageError {
  if (err instanceof StorageError) return err;
  const kind = KIND_BY_ERROR_NAME[errorName(err) ?? ''] ?? 'unknown';
  return new StorageError(kind, operation, { cause: err });
}

/** Runs one storage operation, rethrowing failures as StorageError (never swallowing them). */
export async function withStorageErrors<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RecordNotFoundError) throw err;
    throw toStorageError(err, operation);
  }
}
