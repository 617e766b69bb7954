// Encryption of one provider's API key into a stored record: AES-GCM with a fresh random 96-bit IV
// per encryption, and the record format version and provider id as additional authenticated data,
// so a record moved to another provider (or relabelled as another version) fails to decrypt.

import { base64ToBytes, bytesToBase64 } from './base64';
import { KeyUnreadableError } from './errors';

export const RECORD_FORMAT_VERSION = 1;
const IV_BYTES = 12;

/** The encrypted part of a stored record (the vault adds `mask` and `updatedAt`). */
export interface EncryptedKey {
  v: number;
  /** base64 of the 12-byte IV. */
  iv: string;
  /** base64 of the ciphertext followed by the 16-byte GCM tag. */
  ct: string;
}

export async function encryptApiKey(
  subtle: SubtleCrypto,
  random: Pick<Crypto, 'getRandomValues'>,
  key: CryptoKey,
  providerId: string,
  apiKey: string,
): Promise<EncryptedKey> {
  const iv = random.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: recordAad(RECORD_FORMAT_VERSION, providerId) },
    key,
    new TextEncoder().encode(apiKey),
  );
  return {
    v: RECORD_FORMAT_VERSION,
    iv: bytesToBase64(iv),
    ct: bytesToBase64(new Uint8Array(ciphertext)),
  };
}

/** Throws `KeyUnreadableError` for any record that does not authenticate under `key`. */
export async function decryptApiKey(
  subtle: SubtleCrypto,
  key: CryptoKey,
  providerId: string,
  record: unknown,
): Promise<string> {
  if (!isEncryptedKey(record) || record.v !== RECORD_FORMAT_VERSION) {
    throw new KeyUnreadableError(providerId);
  }
  try {
    const plaintext = await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: base64ToBytes(record.iv),
        additionalData: recordAad(record.v, providerId),
      },
      key,
      base64ToBytes(record.ct),
    );
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    // The cause (OperationError, bad base64) carries no detail worth keeping and no key material.
    throw new KeyUnreadableError(providerId);
  }
}

function recordAad(version: number, providerId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`parley-vault:record:v${version}:${providerId}`);
}

function isEncryptedKey(value: unknown): value is EncryptedKey {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.v === 'number' && typeof record.iv === 'string' && typeof record.ct === 'string'
  );
}
