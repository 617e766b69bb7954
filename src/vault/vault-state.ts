// The vault's stored shapes and their validation. Storage is read as untrusted input: a value
// that does not match is reported as damaged rather than trusted or silently replaced.
//
// storage.local, key `vault.v1`:
//   { version: 1, mode: 'device' | 'passphrase', autoLockMs,
//     records: { [providerId]: { v, iv, ct, mask, updatedAt } },
//     passphrase?: { kdf, salt, iterations, wrappedKey, iv, keyId } }   (only in passphrase mode)
// storage.session, key `vault.session.v1` (only while a passphrase vault is unlocked):
//   { dataKey: base64 raw AES key, keyId, lastActivityAt }

import { isObject } from '@/client/json';
import { VaultDataError } from './errors';
import type { PassphraseBlock } from './passphrase-crypto';
import type { EncryptedKey } from './record-cipher';

export const VAULT_STORAGE_KEY = 'vault.v1';
export const VAULT_SESSION_KEY = 'vault.session.v1';
export const VAULT_STATE_VERSION = 1;
export const DEFAULT_AUTO_LOCK_MS = 15 * 60 * 1000;

export type VaultMode = 'device' | 'passphrase';

export interface StoredKeyRecord extends EncryptedKey {
  /** Display form (`sk-…abcd`), in clear so the options page can show it while locked. */
  mask: string;
  updatedAt: number;
}

export interface VaultState {
  version: typeof VAULT_STATE_VERSION;
  mode: VaultMode;
  /** Idle time before a passphrase vault locks itself; 0 = never. */
  autoLockMs: number;
  /** Records are validated when decrypted: a damaged one affects only its own provider. */
  records: Record<string, StoredKeyRecord>;
  passphrase?: PassphraseBlock;
}

export interface UnlockedSession {
  dataKey: string;
  keyId: string;
  lastActivityAt: number;
}

export function emptyVaultState(): VaultState {
  return {
    version: VAULT_STATE_VERSION,
    mode: 'device',
    autoLockMs: DEFAULT_AUTO_LOCK_MS,
    records: {},
  };
}

export function parseVaultState(raw: unknown): VaultState {
  if (raw === undefined) return emptyVaultState();
  if (!isObject(raw)) throw damaged();
  if (typeof raw.version === 'number' && raw.version > VAULT_STATE_VERSION) {
    throw new VaultDataError(
      'Your saved API keys were stored by a newer version of Parley. Update Parley to use them.',
    );
  }
  const { version, mode, autoLockMs, records, passphrase } = raw;
  if (version !== VAULT_STATE_VERSION || !isObject(records) || !isAutoLockMs(autoLockMs)) {
    throw damaged();
  }
  if (mode === 'device') {
    return { version, mode, autoLockMs, records: records as VaultState['records'] };
  }
  if (mode === 'passphrase' && isPassphraseBlock(passphrase)) {
    return { version, mode, autoLockMs, records: records as VaultState['records'], passphrase };
  }
  throw damaged();
}

export function parseUnlockedSession(raw: unknown): UnlockedSession | undefined {
  if (!isObject(raw)) return undefined;
  const { dataKey, keyId, lastActivityAt } = raw;
  if (typeof dataKey !== 'string' || typeof keyId !== 'string') return undefined;
  if (typeof lastActivityAt !== 'number' || !Number.isFinite(lastActivityAt)) return undefined;
  return { dataKey, keyId, lastActivityAt };
}

export function isAutoLockMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPassphraseBlock(value: unknown): value is PassphraseBlock {
  if (!isObject(value)) return false;
  return (
    value.kdf === 'PBKDF2-SHA-256' &&
    typeof value.salt === 'string' &&
    typeof value.iterations === 'number' &&
    Number.isSafeInteger(value.iterations) &&
    value.iterations > 0 &&
    typeof value.wrappedKey === 'string' &&
    typeof value.iv === 'string' &&
    typeof value.keyId === 'string'
  );
}

function damaged(): VaultDataError {
  return new VaultDataError(
    'The saved API key data is damaged. Remove all saved keys in the options page and enter them again.',
  );
}
