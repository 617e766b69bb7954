// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  RecordNotFoundError,
  StorageError,
  toStorageError,
  withStorageErrors,
} from './storage-error';

describe('toStorageError', () => {
  it.each([
    ['QuotaExceededError', 'quota-exceeded', /storage is full.*Free some disk space.*retries/],
    ['AbortError', 'aborted', /aborted.*retries/],
    ['InvalidStateError', 'unavailable', /not available.*reload/],
    ['VersionError', 'newer-version', /newer version.*Update/],
    ['DataError', 'unknown', /unexpected/],
  ] as const)('classifies %s as %s with a message that says what to do', (name, kind, message) => {
    const cause = new DOMException('raw', name);
    const error = toStorageError(cause, 'save the answer');
    expect(error).toBeInstanceOf(StorageError);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(/^Couldn't save the answer: /);
    expect(error.message).toMatch(message);
    expect(error.cause).toBe(cause);
  });

  it('only a newer-version database is not worth retrying', () => {
    expect(new StorageError('quota-exceeded', 'x').retryable).toBe(true);
    expect(new StorageError('newer-version', 'x').retryable).toBe(false);
  });
});

describe('withStorageErrors', () => {
  it('rethrows failures as StorageError, never swallowing them', async () => {
    const failing = withStorageErrors('load the messages', () =>
      Promise.reject(new DOMException('full', 'QuotaExceededError')),
    );
    await expect(failing).rejects.toMatchObject({ name: 'StorageError', kind: 'quota-exceeded' });
  });

  it('passes RecordNotFoundError through unchanged', async () => {
    const missing = new RecordNotFoundError('messages', 'm1');
    await expect(withStorageErrors('x', () => Promise.reject(missing))).rejects.toBe(missing);
  });
});
