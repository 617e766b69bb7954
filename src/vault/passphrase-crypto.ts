// Passphrase mode's key handling: a random AES-GCM data key encrypts the records, and is stored
// only wrapped (AES-GCM) under a key derived from the passphrase with PBKDF2-SHA-256.

import { base64ToBytes, bytesToBase64 } from './base64';
import { WrongPassphraseError } from './errors';

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA-256. Stored per vault, so raising it later is safe. */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEY_ID_BYTES = 16;
const WRAP_AAD = new TextEncoder().encode('parley-vault:data-key:v1');
const DATA_KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;
const DATA_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

/** The stored, wrapped form of the data key. */
export interface PassphraseBlock {
  kdf: 'PBKDF2-SHA-256';
  /** base64, 16 random bytes. */
  salt: string;
  iterations: number;
  /** base64 of the data key wrapped with AES-GCM under the passphrase-derived key. */
  wrappedKey: string;
  /** base64 of the wrapping IV. */
  iv: string;
  /**
   * Random id of this data key, copied into the session entry so a stale session key (e.g. one
   * written before a passphrase change whose session write failed) is never used.
   */
  keyId: string;
}

/** Extractable only so it can be wrapped and kept (raw) in `storage.session` while unlocked. */
export function generateDataKey(subtle: SubtleCrypto): Promise<CryptoKey> {
  return subtle.generateKey(DATA_KEY_ALGORITHM, true, DATA_KEY_USAGES);
}

export async function wrapDataKey(
  crypto: Crypto,
  dataKey: CryptoKey,
  passphrase: string,
  iterations: number,
): Promise<PassphraseBlock> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const wrappingKey = await deriveWrappingKey(crypto.subtle, passphrase, salt, iterations);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, {
    name: 'AES-GCM',
    iv,
    additionalData: WRAP_AAD,
  });
  return {
    kdf: 'PBKDF2-SHA-256',
    salt: bytesToBase64(salt),
    iterations,
    wrappedKey: bytesToBase64(new Uint8Array(wrapped)),
    iv: bytesToBase64(iv),
    keyId: bytesToBase64(crypto.getRandomValues(new Uint8Array(KEY_ID_BYTES))),
  };
}

/**
 * Throws `WrongPassphraseError` when the wrapped key does not authenticate under the passphrase
 * (a damaged block reads the same way: either way only the right passphrase on intact data opens it).
 */
export async function unwrapDataKey(
  subtle: SubtleCrypto,
  block: PassphraseBlock,
  passphrase: string,
): Promise<CryptoKey> {
  try {
    const salt = base64ToBytes(block.salt);
    const wrappingKey = await deriveWrappingKey(subtle, passphrase, salt, block.iterations);
    return await subtle.unwrapKey(
      'raw',
      base64ToBytes(block.wrappedKey),
      wrappingKey,
      { name: 'AES-GCM', iv: base64ToBytes(block.iv), additionalData: WRAP_AAD },
      DATA_KEY_ALGORITHM,
      true,
      DATA_KEY_USAGES,
    );
  } catch {
    throw new WrongPassphraseError();
  }
}

export async function exportDataKey(subtle: SubtleCrypto, dataKey: CryptoKey): Promise<string> {
  return bytesToBase64(new Uint8Array(await subtle.exportKey('raw', dataKey)));
}

/** The session copy is only ever used to encrypt and decrypt, so it is imported non-extractable. */
export function importDataKey(subtle: SubtleCrypto, rawBase64: string): Promise<CryptoKey> {
  return subtle.importKey(
    'raw',
    base64ToBytes(rawBase64),
    DATA_KEY_ALGORITHM,
    false,
    DATA_KEY_USAGES,
  );
}

async function deriveWrappingKey(
  subtle: SubtleCrypto,
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const baseKey = await subtle.importKey(
    'raw',
    // NFC so the same passphrase typed through different input methods derives the same key.
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle.deriveKey(
    { name: 'PBKDF2', salt, iterations, hash: 'SHA-256' },
    baseKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}
