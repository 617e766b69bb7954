// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { LEGACY_KEYS_STORAGE_KEY, migrateLegacyKeys } from './migrate-legacy-keys';
import { createVaultHarness, storedText } from './testing/vault-harness';

const OPENAI_KEY = 'sk-proj-0penAiT3stK3y-abcdefghijklmnopqrstuvwxyz';
const OPENROUTER_KEY = 'sk-or-v1-0p3nR0ut3rT3stK3y0123456789abcdef';

async function withLegacyKeys(keys: Record<string, unknown>) {
  const harness = createVaultHarness();
  await harness.local.set({ [LEGACY_KEYS_STORAGE_KEY]: keys });
  return harness;
}

async function legacyKeys(harness: ReturnType<typeof createVaultHarness>) {
  return (await harness.local.get(LEGACY_KEYS_STORAGE_KEY))[LEGACY_KEYS_STORAGE_KEY];
}

describe('migrateLegacyKeys', () => {
  it('moves every plaintext key into the vault, then removes the plaintext', async () => {
    const harness = await withLegacyKeys({ openai: OPENAI_KEY, openrouter: OPENROUTER_KEY });
    const result = await migrateLegacyKeys(harness.local, harness.vault);
    expect(result).toEqual({
      outcome: 'migrated',
      migrated: ['openai', 'openrouter'],
      keptVaultKey: [],
      discardedInvalid: [],
    });
    expect(await legacyKeys(harness)).toBeUndefined();
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await harness.vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
    expect(storedText(harness)).not.toContain(OPENAI_KEY);
    expect(storedText(harness)).not.toContain(OPENROUTER_KEY);
  });

  it('is idempotent', async () => {
    const harness = await withLegacyKeys({ openai: OPENAI_KEY });
    await migrateLegacyKeys(harness.local, harness.vault);
    const stored = harness.local.dump();
    expect(await migrateLegacyKeys(harness.local, harness.vault)).toEqual({
      outcome: 'nothing-to-migrate',
    });
    expect(harness.local.dump()).toBe(stored);
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('loses nothing when it fails part-way, and a rerun finishes the job', async () => {
    const harness = await withLegacyKeys({ openai: OPENAI_KEY, openrouter: OPENROUTER_KEY });
    harness.local.failSetCall(2); // the vault write for the second key
    await expect(migrateLegacyKeys(harness.local, harness.vault)).rejects.toThrow(/injected/);
    expect(await legacyKeys(harness)).toEqual({ openai: OPENAI_KEY, openrouter: OPENROUTER_KEY });
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);

    const rerun = await migrateLegacyKeys(harness.local, harness.vault);
    expect(rerun).toMatchObject({ outcome: 'migrated', migrated: ['openrouter'] });
    expect(rerun).toMatchObject({ keptVaultKey: ['openai'] });
    expect(await legacyKeys(harness)).toBeUndefined();
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await harness.vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });

  it('keeps a newer key already in the vault rather than the legacy copy', async () => {
    const harness = await withLegacyKeys({ openai: 'sk-old-legacy-key-0000000000000000' });
    await harness.vault.setKey('openai', OPENAI_KEY);
    const result = await migrateLegacyKeys(harness.local, harness.vault);
    expect(result).toMatchObject({ outcome: 'migrated', migrated: [], keptVaultKey: ['openai'] });
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await legacyKeys(harness)).toBeUndefined();
  });

  it('discards entries that are not keys and says which', async () => {
    const harness = await withLegacyKeys({ openai: OPENAI_KEY, ollama: '', weird: 42 });
    const result = await migrateLegacyKeys(harness.local, harness.vault);
    expect(result).toMatchObject({ migrated: ['openai'], discardedInvalid: ['ollama', 'weird'] });
    expect(await harness.vault.maskedKeys()).toEqual({ openai: 'sk-…wxyz' });
  });

  it('leaves the keys in place while a passphrase vault is locked, and migrates after unlock', async () => {
    const harness = await withLegacyKeys({ openai: OPENAI_KEY });
    await harness.vault.enablePassphrase('pass');
    await harness.vault.lock();
    expect(await migrateLegacyKeys(harness.local, harness.vault)).toEqual({
      outcome: 'deferred-locked',
      pending: ['openai'],
    });
    expect(await legacyKeys(harness)).toEqual({ openai: OPENAI_KEY });

    await harness.vault.unlock('pass');
    expect(await migrateLegacyKeys(harness.local, harness.vault)).toMatchObject({
      outcome: 'migrated',
      migrated: ['openai'],
    });
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await legacyKeys(harness)).toBeUndefined();
  });

  it('defers (keeping the plaintext) when the vault locks part-way', async () => {
    const harness = await withLegacyKeys({ openai: OPENAI_KEY, openrouter: OPENROUTER_KEY });
    await harness.vault.enablePassphrase('pass');
    const lockingVault = {
      getKey: (id: string) => harness.vault.getKey(id),
      maskedKey: (id: string) => harness.vault.maskedKey(id),
      setKey: async (id: string, key: string) => {
        await harness.vault.setKey(id, key);
        await harness.vault.lock(); // auto-lock strikes right after the first key
      },
    };
    expect(await migrateLegacyKeys(harness.local, lockingVault)).toEqual({
      outcome: 'deferred-locked',
      pending: ['openai', 'openrouter'],
    });
    expect(await legacyKeys(harness)).toEqual({ openai: OPENAI_KEY, openrouter: OPENROUTER_KEY });
  });
});
