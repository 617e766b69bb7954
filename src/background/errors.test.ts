// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { ClientError } from '@/client/errors';
import { RecordNotFoundError, StorageError } from '@/store/storage-error';
import { VaultDataError, VaultLockedError } from '@/vault/errors';
import { describeError, UserFacingError } from './errors';

describe('describeError', () => {
  const log = { error: vi.fn() };

  it('keeps the words of errors that already say what to do', () => {
    expect(describeError(new UserFacingError('Pick a model.'), log)).toEqual({
      message: 'Pick a model.',
      code: 'invalid',
    });
    expect(describeError(new VaultLockedError(), log)).toMatchObject({
      code: 'vault_locked',
      message: expect.stringMatching(/Unlock/),
    });
    expect(describeError(new VaultDataError('The saved keys are damaged.'), log)).toMatchObject({
      code: 'storage',
    });
    expect(describeError(new StorageError('quota-exceeded', 'save'), log)).toMatchObject({
      code: 'storage',
      message: expect.stringMatching(/storage is full/),
    });
    expect(
      describeError(
        new ClientError({
          kind: 'auth',
          message: 'The provider rejected the API key.',
          retryable: false,
        }),
        log,
      ),
    ).toEqual({ message: 'The provider rejected the API key.' });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('explains a record deleted meanwhile instead of calling it an internal error', () => {
    expect(describeError(new RecordNotFoundError('conversations', 'c1'), log)).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no longer exists/),
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('wraps and logs what nobody expected', () => {
    expect(describeError(new TypeError('x is undefined'), log)).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/x is undefined.*Try again/),
    });
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});
