// The vault's errors. Every message says what the user can do, and none ever contains key material
// (the provider id is not secret), so they are safe to show in the UI and to log.

export class VaultError extends Error {
  override name = 'VaultError';
}

/** Passphrase mode and not unlocked (or auto-locked): the UI offers to unlock. */
export class VaultLockedError extends VaultError {
  override name = 'VaultLockedError';
  constructor() {
    super('Your saved API keys are locked. Unlock them with your passphrase to continue.');
  }
}

export class WrongPassphraseError extends VaultError {
  override name = 'WrongPassphraseError';
  constructor() {
    super('That passphrase is not correct. Nothing was changed; check it and try again.');
  }
}

/**
 * One provider's record failed to decrypt: tampered, or copied from another browser profile whose
 * device key is not here. Only that provider is affected.
 */
export class KeyUnreadableError extends VaultError {
  override name = 'KeyUnreadableError';
  constructor(readonly providerId: string) {
    super(
      `The saved API key for "${providerId}" cannot be read (it was altered or comes from another ` +
        `browser profile). Enter the key for "${providerId}" again in the options page; other ` +
        'providers are not affected.',
    );
  }
}

/** The vault's stored data is damaged or was written by a newer Parley. */
export class VaultDataError extends VaultError {
  override name = 'VaultDataError';
}
