// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { base64ToBytes } from './base64';
import { WrongPassphraseError } from './errors';
import {
  PBKDF2_ITERATIONS,
  exportDataKey,
  generateDataKey,
  importDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './passphrase-crypto';

const { subtle } = globalThis.crypto;
const ITERATIONS = 1_000;

describe('passphrase crypto', () => {
  it('defaults to at least 600,000 PBKDF2 iterations', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('wraps and unwraps the data key with the right passphrase', async () => {
    const dataKey = await generateDataKey(subtle);
    const block = await wrapDataKey(globalThis.crypto, dataKey, 'correct horse', ITERATIONS);
    expect(block).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: ITERATIONS });
    expect(base64ToBytes(block.salt)).toHaveLength(16);
    const unwrapped = await unwrapDataKey(subtle, block, 'correct horse');
    expect(await exportDataKey(subtle, unwrapped)).toBe(await exportDataKey(subtle, dataKey));
  });

  it('uses a fresh salt, IV and key id on every wrap', async () => {
    const dataKey = await generateDataKey(subtle);
    const a = await wrapDataKey(globalThis.crypto, dataKey, 'same', ITERATIONS);
    const b = await wrapDataKey(globalThis.crypto, dataKey, 'same', ITERATIONS);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.keyId).not.toBe(b.keyId);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
  });

  it('rejects a wrong passphrase, and a damaged block, as WrongPassphraseError', async () => {
    const block = await wrapDataKey(
      globalThis.crypto,
      await generateDataKey(subtle),
      'right',
      ITERATIONS,
    );
    await expect(unwrapDataKey(subtle, block, 'wrong')).rejects.toThrow(WrongPassphraseError);
    await expect(unwrapDataKey(subtle, block, 'Right')).rejects.toThrow(WrongPassphraseError);
    await expect(unwrapDataKey(subtle, { ...block, salt: '%%' }, 'right')).rejects.toThrow(
      WrongPassphraseError,
    );
    await expect(
      unwrapDataKey(subtle, { ...block, iterations: ITERATIONS + 1 }, 'right'),
    ).rejects.toThrow(WrongPassphraseError);
  });

  it('treats composed and decomposed Unicode forms of a passphrase as the same', async () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    const block = await wrapDataKey(
      globalThis.crypto,
      await generateDataKey(subtle),
      composed,
      ITERATIONS,
    );
    await expect(unwrapDataKey(subtle, block, decomposed)).resolves.toBeDefined();
  });

  it('imports the session copy of the data key as non-extractable', async () => {
    const dataKey = await generateDataKey(subtle);
    const imported = await importDataKey(subtle, await exportDataKey(subtle, dataKey));
    expect(imported.extractable).toBe(false);
    await expect(subtle.exportKey('raw', imported)).rejects.toThrow();
  });
});
