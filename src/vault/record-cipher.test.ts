// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';
import { KeyUnreadableError } from './errors';
import { RECORD_FORMAT_VERSION, decryptApiKey, encryptApiKey } from './record-cipher';

const { subtle } = globalThis.crypto;
const API_KEY = 'sk-proj-Th1sIsAT3stKeyWithUnicode-ü-🔑';
let key: CryptoKey;

beforeAll(async () => {
  key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
});

const encrypt = (providerId: string, apiKey = API_KEY) =>
  encryptApiKey(subtle, globalThis.crypto, key, providerId, apiKey);

describe('record cipher', () => {
  it('round-trips a key, including non-ASCII characters', async () => {
    const record = await encrypt('openai');
    expect(record.v).toBe(RECORD_FORMAT_VERSION);
    expect(base64ToBytes(record.iv)).toHaveLength(12);
    expect(await decryptApiKey(subtle, key, 'openai', record)).toBe(API_KEY);
  });

  it('never reuses an IV, and the same key encrypts to a different ciphertext each time', async () => {
    const records = await Promise.all(Array.from({ length: 500 }, () => encrypt('openai')));
    expect(new Set(records.map((r) => r.iv)).size).toBe(500);
    expect(new Set(records.map((r) => r.ct)).size).toBe(500);
  });

  it('does not contain the plaintext', async () => {
    const record = await encrypt('openai');
    expect(JSON.stringify(record)).not.toContain(API_KEY);
    expect(JSON.stringify(record)).not.toContain(btoa('sk-proj-Th1sIsAT3stKey'));
  });

  it('binds the provider id: a record moved to another provider does not decrypt', async () => {
    const record = await encrypt('openai');
    await expect(decryptApiKey(subtle, key, 'openrouter', record)).rejects.toThrow(
      KeyUnreadableError,
    );
  });

  it('binds the format version: a relabelled record does not decrypt', async () => {
    const record = await encrypt('openai');
    await expect(decryptApiKey(subtle, key, 'openai', { ...record, v: 2 })).rejects.toThrow(
      KeyUnreadableError,
    );
  });

  it('rejects a tampered ciphertext or IV with an error naming the provider', async () => {
    const record = await encrypt('openai');
    const error = await decryptApiKey(subtle, key, 'openai', {
      ...record,
      ct: flipFirstBit(record.ct),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyUnreadableError);
    expect((error as KeyUnreadableError).providerId).toBe('openai');
    await expect(
      decryptApiKey(subtle, key, 'openai', { ...record, iv: flipFirstBit(record.iv) }),
    ).rejects.toThrow(KeyUnreadableError);
  });

  it('rejects a record made under another key', async () => {
    const otherKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const record = await encryptApiKey(subtle, globalThis.crypto, otherKey, 'openai', API_KEY);
    await expect(decryptApiKey(subtle, key, 'openai', record)).rejects.toThrow(KeyUnreadableError);
  });

  it('rejects malformed records without throwing anything else', async () => {
    for (const bad of [null, 'x', {}, { v: 1, iv: '%%%', ct: '%%%' }, { v: 1, iv: 1, ct: 2 }]) {
      await expect(decryptApiKey(subtle, key, 'openai', bad)).rejects.toThrow(KeyUnreadableError);
    }
  });
});

function flipFirstBit(base64: string): string {
  const bytes = base64ToBytes(base64);
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytesToBase64(bytes);
}
