// Errors the background reports to a page in words, and the translation of anything else.
import type { RequestError } from '@/shared/protocol';

/** A failure whose message is written for the user (what happened, what to do). */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: NonNullable<RequestError['code']> = 'invalid',
    readonly providerId?: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }

  toRequestError(): RequestError {
    return {
      message: this.message,
      code: this.code,
      ...(this.providerId ? { providerId: this.providerId } : {}),
    };
  }
}

/** Errors from other modules that already carry a user-facing message and a known meaning. */
const KNOWN_ERRORS: Record<string, NonNullable<RequestError['code']>> = {
  VaultLockedError: 'vault_locked',
  WrongPassphraseError: 'invalid',
  KeyUnreadableError: 'key_unreadable',
  VaultDataError: 'storage',
  VaultError: 'invalid',
  StorageError: 'storage',
};

/** The vault could not hand over a key: locked, or the stored key cannot be decrypted. */
export function isKeyAccessError(err: unknown): err is Error {
  return (
    err instanceof Error && (err.name === 'VaultLockedError' || err.name === 'KeyUnreadableError')
  );
}

/** Turns any thrown value into a request error, logging the unexpected ones. */
export function describeError(err: unknown, log: Pick<Console, 'error'> = console): RequestError {
  if (err instanceof UserFacingError) return err.toRequestError();
  // The model client's classified failures (e.g. listing models) already say what to do.
  const info = (err as { info?: { message?: unknown } } | null)?.info;
  if (err instanceof Error && err.name === 'ClientError' && typeof info?.message === 'string') {
    return { message: info.message };
  }
  if (err instanceof Error && err.name === 'RecordNotFoundError') {
    return {
      message:
        'That conversation or message no longer exists (it was deleted, perhaps in another window).',
      code: 'not_found',
    };
  }
  if (err instanceof Error && err.name in KNOWN_ERRORS) {
    const providerId = (err as { providerId?: unknown }).providerId;
    return {
      message: err.message,
      code: KNOWN_ERRORS[err.name],
      ...(typeof providerId === 'string' ? { providerId } : {}),
    };
  }
  log.error('Parley: unexpected error in the background', err);
  const detail = err instanceof Error ? err.message : String(err);
  return {
    message: `Something went wrong inside Parley (${detail}). Try again; if it keeps happening, reload the extension from chrome://extensions.`,
    code: 'internal',
  };
}
