// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { base64ToBytes, bytesToBase64 } from './base64';
import { IndexedDbDeviceKeyStore } from './device-key-store';
import {
  KeyUnreadableError,
  VaultDataError,
  VaultError,
  VaultLockedError,
  WrongPassphraseError,
} from './errors';
import { PBKDF2_ITERATIONS } from './passphrase-crypto';
import { createVaultHarness, nextChange, storedText } from './testing/vault-harness';
import { Vault } from './vault';
import { DEFAULT_AUTO_LOCK_MS, VAULT_SESSION_KEY, VAULT_STORAGE_KEY } from './vault-state';

const OPENAI_KEY = 'sk-proj-0penAiT3stK3y-abcdefghijklmnopqrstuvwxyz';
const OPENROUTER_KEY = 'sk-or-v1-0p3nR0ut3rT3stK3y0123456789abcdef';
const MINUTE = 60_000;

async function storedVault(harness: ReturnType<typeof createVaultHarness>) {
  // The harness's storage JSON-serializes; this is what Chrome would hold.
  const { [VAULT_STORAGE_KEY]: state } = await harness.local.get(VAULT_STORAGE_KEY);
  return state as {
    mode: string;
    records: Record<string, { v: number; iv: string; ct: string; mask: string }>;
    passphrase?: { iterations: number };
  };
}

async function tamper(
  harness: ReturnType<typeof createVaultHarness>,
  change: (state: Awaited<ReturnType<typeof storedVault>>) => void,
) {
  const state = await storedVault(harness);
  change(state);
  await harness.local.set({ [VAULT_STORAGE_KEY]: state });
}

function flipFirstBit(base64: string): string {
  const bytes = base64ToBytes(base64);
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytesToBase64(bytes);
}

function expectNoPlaintext(text: string, ...apiKeys: string[]) {
  for (const apiKey of apiKeys) {
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(btoa(apiKey));
  }
}

describe('Vault in device mode', () => {
  it('round-trips keys and returns undefined for a provider without one', async () => {
    const { vault } = createVaultHarness();
    await vault.setKey('openai', OPENAI_KEY);
    await vault.setKey('openrouter', OPENROUTER_KEY);
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
    expect(await vault.getKey('ollama')).toBeUndefined();
    expect(await vault.status()).toEqual({
      mode: 'device',
      locked: false,
      autoLockMs: DEFAULT_AUTO_LOCK_MS,
    });
  });

  it('keeps keys across a worker restart (same storage and IndexedDB)', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    expect(await harness.restart().getKey('openai')).toBe(OPENAI_KEY);
  });

  it('stores the versioned record shape, with only the mask in clear', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    const state = await storedVault(harness);
    expect(state).toMatchObject({ version: 1, mode: 'device', autoLockMs: DEFAULT_AUTO_LOCK_MS });
    expect(state.records.openai).toEqual({
      v: 1,
      iv: expect.any(String),
      ct: expect.any(String),
      mask: 'sk-…wxyz',
      updatedAt: harness.clock.now(),
    });
    expect(state.passphrase).toBeUndefined();
  });

  it('never stores a plaintext key in local or session storage', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await harness.vault.setKey('openrouter', OPENROUTER_KEY);
    await harness.vault.getKey('openai');
    expectNoPlaintext(storedText(harness), OPENAI_KEY, OPENROUTER_KEY);
  });

  it('encrypts the same key to a different ciphertext and IV each time it is saved', async () => {
    const harness = createVaultHarness();
    const seen = { iv: new Set<string>(), ct: new Set<string>() };
    for (let i = 0; i < 50; i++) {
      await harness.vault.setKey('openai', OPENAI_KEY);
      const record = (await storedVault(harness)).records.openai!;
      seen.iv.add(record.iv);
      seen.ct.add(record.ct);
    }
    expect(seen.iv.size).toBe(50);
    expect(seen.ct.size).toBe(50);
  });

  it('shows masked keys (one or all) and removes keys', async () => {
    const { vault } = createVaultHarness();
    await vault.setKey('openai', OPENAI_KEY);
    await vault.setKey('openrouter', OPENROUTER_KEY);
    expect(await vault.maskedKey('openai')).toBe('sk-…wxyz');
    expect(await vault.maskedKey('ollama')).toBeNull();
    expect(await vault.maskedKeys()).toEqual({ openai: 'sk-…wxyz', openrouter: 'sk-…cdef' });
    await vault.removeKey('openai');
    await vault.removeKey('never-set');
    expect(await vault.getKey('openai')).toBeUndefined();
    expect(await vault.maskedKey('openai')).toBeNull();
    expect(await vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });

  it('treats provider ids that are Object.prototype names as ordinary ids', async () => {
    const { vault } = createVaultHarness();
    expect(await vault.getKey('constructor')).toBeUndefined();
    expect(await vault.maskedKey('__proto__')).toBeNull();
    await vault.setKey('__proto__', OPENAI_KEY);
    expect(await vault.getKey('__proto__')).toBe(OPENAI_KEY);
  });

  it('rejects empty provider ids and keys without echoing the value', async () => {
    const { vault } = createVaultHarness();
    await expect(vault.setKey('', OPENAI_KEY)).rejects.toThrow(TypeError);
    const error = await vault.setKey('openai', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    await expect(vault.getKey('openai')).resolves.toBeUndefined();
  });

  it('binds records to their provider: a record moved to another id is unreadable', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await tamper(harness, (state) => {
      state.records.other = state.records.openai!;
    });
    await expect(harness.vault.getKey('other')).rejects.toThrow(KeyUnreadableError);
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('reports a tampered ciphertext or IV for that provider only; others keep working', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await harness.vault.setKey('openrouter', OPENROUTER_KEY);
    await harness.vault.setKey('groq', 'gsk_groqT3stK3y0123456789abcdefgh');
    await tamper(harness, (state) => {
      state.records.openai!.ct = flipFirstBit(state.records.openai!.ct);
      state.records.groq!.iv = flipFirstBit(state.records.groq!.iv);
    });
    const error = await harness.vault.getKey('openai').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyUnreadableError);
    expect((error as KeyUnreadableError).providerId).toBe('openai');
    expect((error as Error).message).toContain('openai');
    expect((error as Error).message).not.toContain(OPENAI_KEY);
    await expect(harness.vault.getKey('groq')).rejects.toThrow(KeyUnreadableError);
    expect(await harness.vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
    // Re-entering the key fixes it.
    await harness.vault.setKey('openai', OPENAI_KEY);
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('cannot read records copied into another profile (a different device key)', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    const otherProfile = harness.restart(new IDBFactory());
    await expect(otherProfile.getKey('openai')).rejects.toThrow(KeyUnreadableError);
    expect(await otherProfile.maskedKey('openai')).toBe('sk-…wxyz');
  });

  it('does not lose either of two concurrent setKey calls', async () => {
    const { vault } = createVaultHarness();
    await Promise.all([
      vault.setKey('openai', OPENAI_KEY),
      vault.setKey('openrouter', OPENROUTER_KEY),
      vault.setKey('groq', 'gsk_groqT3stK3y0123456789abcdefgh'),
    ]);
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
    expect(await vault.getKey('groq')).toBe('gsk_groqT3stK3y0123456789abcdefgh');
  });

  it('treats lock and unlock as no-ops', async () => {
    const { vault } = createVaultHarness();
    await vault.setKey('openai', OPENAI_KEY);
    await vault.lock();
    await vault.unlock('anything');
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    expect((await vault.status()).locked).toBe(false);
  });

  it('works on WXT fakeBrowser storage areas too', async () => {
    const vault = new Vault({
      local: fakeBrowser.storage.local,
      session: fakeBrowser.storage.session,
      deviceKeys: new IndexedDbDeviceKeyStore(new IDBFactory()),
      pbkdf2Iterations: 1_000,
    });
    await vault.setKey('openai', OPENAI_KEY);
    await vault.enablePassphrase('pass');
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    await vault.lock();
    const everything = JSON.stringify([
      await fakeBrowser.storage.local.get(null),
      await fakeBrowser.storage.session.get(null),
      await fakeBrowser.storage.sync.get(null),
    ]);
    expectNoPlaintext(everything, OPENAI_KEY);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});

describe('Vault stored data', () => {
  it('reports damaged data as VaultDataError, and reset() recovers', async () => {
    const harness = createVaultHarness();
    await harness.local.set({ [VAULT_STORAGE_KEY]: { version: 1, mode: 'nonsense' } });
    await expect(harness.vault.status()).rejects.toThrow(VaultDataError);
    await expect(harness.vault.getKey('openai')).rejects.toThrow(VaultDataError);
    await harness.vault.reset();
    await harness.vault.setKey('openai', OPENAI_KEY);
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('refuses data from a newer format instead of overwriting it', async () => {
    const harness = createVaultHarness();
    await harness.local.set({ [VAULT_STORAGE_KEY]: { version: 2, mode: 'device', records: {} } });
    await expect(harness.vault.setKey('openai', OPENAI_KEY)).rejects.toThrow(/newer version/);
    expect((await storedVault(harness)) as unknown).toMatchObject({ version: 2 });
  });
});

describe('Vault in passphrase mode', () => {
  it('re-encrypts existing keys under the data key and stays unlocked', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    const before = (await storedVault(harness)).records.openai!;
    await harness.vault.enablePassphrase('correct horse');

    const after = await storedVault(harness);
    expect(after.mode).toBe('passphrase');
    expect(after.records.openai!.ct).not.toBe(before.ct);
    expect(after.records.openai!.mask).toBe(before.mask);
    expect(await harness.vault.status()).toMatchObject({ mode: 'passphrase', locked: false });
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    // The records no longer depend on the device key: another device key store still reads them.
    expect(await harness.restart(new IDBFactory()).getKey('openai')).toBe(OPENAI_KEY);
  });

  it('uses at least 600,000 PBKDF2 iterations by default', async () => {
    const local = createVaultHarness().local;
    const vault = new Vault({
      local,
      session: createVaultHarness().session,
      deviceKeys: new IndexedDbDeviceKeyStore(new IDBFactory()),
    });
    await vault.enablePassphrase('correct horse');
    const { [VAULT_STORAGE_KEY]: state } = await local.get(VAULT_STORAGE_KEY);
    const iterations = (state as { passphrase: { iterations: number } }).passphrase.iterations;
    expect(iterations).toBe(PBKDF2_ITERATIONS);
    expect(iterations).toBeGreaterThanOrEqual(600_000);
  });

  it('locks: keys unavailable, masks still shown, removal still possible', async () => {
    const { vault } = createVaultHarness();
    await vault.setKey('openai', OPENAI_KEY);
    await vault.setKey('openrouter', OPENROUTER_KEY);
    await vault.enablePassphrase('correct horse');
    await vault.lock();
    expect(await vault.status()).toMatchObject({ mode: 'passphrase', locked: true });
    await expect(vault.getKey('openai')).rejects.toThrow(VaultLockedError);
    await expect(vault.setKey('openai', OPENAI_KEY)).rejects.toThrow(VaultLockedError);
    expect(await vault.getKey('ollama')).toBeUndefined();
    expect(await vault.maskedKey('openai')).toBe('sk-…wxyz');
    await vault.removeKey('openrouter');
    expect(await vault.maskedKeys()).toEqual({ openai: 'sk-…wxyz' });
  });

  it('unlocks with the right passphrase', async () => {
    const { vault } = createVaultHarness();
    await vault.setKey('openai', OPENAI_KEY);
    await vault.enablePassphrase('correct horse');
    await vault.lock();
    await vault.unlock('correct horse');
    expect((await vault.status()).locked).toBe(false);
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    await vault.setKey('openrouter', OPENROUTER_KEY);
    expect(await vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });

  it('rejects a wrong passphrase with no change to stored state or lock state', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await harness.vault.enablePassphrase('correct horse');
    await harness.vault.lock();
    const stored = storedText(harness);
    await expect(harness.vault.unlock('wrong horse')).rejects.toThrow(WrongPassphraseError);
    expect(storedText(harness)).toBe(stored);
    expect((await harness.vault.status()).locked).toBe(true);

    await harness.vault.unlock('correct horse');
    const unlocked = storedText(harness);
    await expect(harness.vault.unlock('wrong horse')).rejects.toThrow(WrongPassphraseError);
    expect(storedText(harness)).toBe(unlocked);
    expect((await harness.vault.status()).locked).toBe(false);
  });

  it('stores no plaintext key while unlocked, and neither key nor data key while locked', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await harness.vault.enablePassphrase('correct horse');
    await harness.vault.setKey('openrouter', OPENROUTER_KEY);
    await harness.vault.getKey('openai');
    expectNoPlaintext(storedText(harness), OPENAI_KEY, OPENROUTER_KEY);
    expect(storedText(harness)).not.toContain('correct horse');

    await harness.vault.lock();
    expectNoPlaintext(storedText(harness), OPENAI_KEY, OPENROUTER_KEY);
    expect(await harness.session.get(null)).toEqual({});
  });

  it('keeps the data key in session storage only while unlocked', async () => {
    const harness = createVaultHarness();
    await harness.vault.enablePassphrase('correct horse');
    const { [VAULT_SESSION_KEY]: session } = await harness.session.get(VAULT_SESSION_KEY);
    expect(session).toEqual({
      dataKey: expect.any(String),
      keyId: expect.any(String),
      lastActivityAt: harness.clock.now(),
    });
    expect(harness.local.dump()).not.toContain((session as { dataKey: string }).dataKey);
  });

  it('refuses to enable a passphrase twice, or to change/remove one in device mode', async () => {
    const { vault } = createVaultHarness();
    await expect(vault.changePassphrase('a', 'b')).rejects.toThrow(VaultError);
    await expect(vault.removePassphrase('a')).rejects.toThrow(VaultError);
    await expect(vault.enablePassphrase('')).rejects.toThrow(TypeError);
    await vault.enablePassphrase('a');
    await expect(vault.enablePassphrase('b')).rejects.toThrow(/already set/);
  });

  it('serializes a setKey issued during enablePassphrase: no key is lost', async () => {
    const { vault } = createVaultHarness();
    await vault.setKey('openai', OPENAI_KEY);
    await Promise.all([
      vault.enablePassphrase('correct horse'),
      vault.setKey('openrouter', OPENROUTER_KEY),
    ]);
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });
});

describe('Vault auto-lock (fake clock)', () => {
  async function unlockedVault(autoLockMs: number) {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await harness.vault.setAutoLock(autoLockMs);
    await harness.vault.enablePassphrase('correct horse');
    return harness;
  }

  it('defaults to 15 minutes', async () => {
    const { vault } = createVaultHarness();
    expect((await vault.status()).autoLockMs).toBe(15 * MINUTE);
  });

  it('locks itself after the idle time and tells listeners', async () => {
    const { vault, clock } = await unlockedVault(10 * MINUTE);
    clock.advanceSync(10 * MINUTE - 1);
    expect((await vault.status()).locked).toBe(false);
    const change = nextChange(vault);
    clock.advanceSync(1);
    expect(await change).toEqual({ mode: 'passphrase', locked: true, autoLockMs: 10 * MINUTE });
    await expect(vault.getKey('openai')).rejects.toThrow(VaultLockedError);
  });

  it('counts getKey as activity, restarting the idle time', async () => {
    const { vault, clock } = await unlockedVault(10 * MINUTE);
    clock.advanceSync(9 * MINUTE);
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
    clock.advanceSync(9 * MINUTE);
    expect((await vault.status()).locked).toBe(false);
    const change = nextChange(vault);
    clock.advanceSync(1 * MINUTE);
    expect((await change).locked).toBe(true);
  });

  it('does not count status checks as activity', async () => {
    const { vault, clock } = await unlockedVault(10 * MINUTE);
    for (let i = 0; i < 9; i++) {
      clock.advanceSync(MINUTE);
      expect((await vault.status()).locked).toBe(false);
    }
    clock.advanceSync(MINUTE);
    expect((await vault.status()).locked).toBe(true);
  });

  it('never locks by itself with an auto-lock time of 0', async () => {
    const { vault, clock } = await unlockedVault(0);
    expect(clock.pendingTimers).toBe(0);
    clock.advanceSync(365 * 24 * 60 * MINUTE);
    expect(await vault.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('stays unlocked across a worker restart within the idle time', async () => {
    const harness = await unlockedVault(10 * MINUTE);
    harness.clock.advanceSync(5 * MINUTE);
    const restarted = harness.restart();
    expect((await restarted.status()).locked).toBe(false);
    expect(await restarted.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('finds itself locked after a worker restart past the idle time', async () => {
    const harness = await unlockedVault(10 * MINUTE);
    // The old worker is stopped: its timers die with it; only time passes.
    harness.clock.discardTimers();
    const restarted = harness.restart();
    harness.clock.advanceSync(11 * MINUTE);
    expect((await harness.session.get(null))[VAULT_SESSION_KEY]).toBeDefined();
    expect(await restarted.status()).toMatchObject({ locked: true });
    await expect(restarted.getKey('openai')).rejects.toThrow(VaultLockedError);
    expect(await harness.session.get(null)).toEqual({});
    await restarted.unlock('correct horse');
    expect(await restarted.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('applies a shorter auto-lock time from the last activity', async () => {
    const { vault, clock } = await unlockedVault(30 * MINUTE);
    clock.advanceSync(5 * MINUTE);
    const change = nextChange(vault);
    await vault.setAutoLock(2 * MINUTE);
    expect(await change).toEqual({ mode: 'passphrase', locked: true, autoLockMs: 2 * MINUTE });
  });

  it('persists the auto-lock time and rejects invalid values', async () => {
    const harness = createVaultHarness();
    await harness.vault.setAutoLock(5 * MINUTE);
    expect((await harness.restart().status()).autoLockMs).toBe(5 * MINUTE);
    await expect(harness.vault.setAutoLock(-1)).rejects.toThrow(RangeError);
    await expect(harness.vault.setAutoLock(1.5)).rejects.toThrow(RangeError);
    await expect(harness.vault.setAutoLock(Number.NaN)).rejects.toThrow(RangeError);
  });

  it('re-arms a timer that fires before the idle time is over', async () => {
    const { vault, clock } = await unlockedVault(10 * MINUTE);
    // Simulate a timer that fires early (as setTimeout does past its ~24.8-day limit).
    const setTimeout = clock.setTimeout.bind(clock);
    clock.setTimeout = (fn, ms) => setTimeout(fn, Math.min(ms, MINUTE));
    await vault.status(); // re-arms with the capped delay
    const changes: boolean[] = [];
    vault.onChange((status) => changes.push(status.locked));
    for (let i = 0; i < 9; i++) {
      clock.advanceSync(MINUTE);
      await vault.status();
    }
    expect(changes).toEqual([]);
    const change = nextChange(vault);
    clock.advanceSync(MINUTE);
    expect((await change).locked).toBe(true);
  });
});

describe('Vault lock-state notifications', () => {
  it('announces unlock, lock and mode changes once each, until unsubscribed', async () => {
    const { vault } = createVaultHarness();
    const seen: string[] = [];
    const unsubscribe = vault.onChange((s) =>
      seen.push(`${s.mode}:${s.locked ? 'locked' : 'open'}`),
    );
    await vault.enablePassphrase('pass');
    await vault.lock();
    await vault.lock();
    await vault.unlock('pass');
    await vault.removePassphrase('pass');
    unsubscribe();
    await vault.enablePassphrase('pass');
    expect(seen).toEqual([
      'passphrase:open',
      'passphrase:locked',
      'passphrase:open',
      'device:open',
    ]);
  });

  it('keeps notifying other listeners when one throws', async () => {
    const { vault } = createVaultHarness();
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    vault.onChange(() => {
      throw new Error('listener bug');
    });
    const change = nextChange(vault);
    await vault.enablePassphrase('pass');
    expect((await change).mode).toBe('passphrase');
    expect(consoleError).toHaveBeenCalled();
  });
});

describe('Vault passphrase change and removal', () => {
  async function passphraseVault() {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    await harness.vault.setKey('openrouter', OPENROUTER_KEY);
    await harness.vault.enablePassphrase('old pass');
    return harness;
  }

  it('changes the passphrase, keeps every key, and rotates the data key', async () => {
    const harness = await passphraseVault();
    const before = await storedVault(harness);
    await harness.vault.changePassphrase('old pass', 'new pass');
    const after = await storedVault(harness);
    expect(after.records.openai!.ct).not.toBe(before.records.openai!.ct);
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    expect(await harness.vault.getKey('openrouter')).toBe(OPENROUTER_KEY);

    await harness.vault.lock();
    await expect(harness.vault.unlock('old pass')).rejects.toThrow(WrongPassphraseError);
    await harness.vault.unlock('new pass');
    expect(await harness.restart().getKey('openai')).toBe(OPENAI_KEY);
  });

  it('changes the passphrase while locked, leaving the vault unlocked', async () => {
    const harness = await passphraseVault();
    await harness.vault.lock();
    await harness.vault.changePassphrase('old pass', 'new pass');
    expect(await harness.vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });

  it('rejects a wrong old passphrase with no change', async () => {
    const harness = await passphraseVault();
    const stored = storedText(harness);
    await expect(harness.vault.changePassphrase('nope', 'new pass')).rejects.toThrow(
      WrongPassphraseError,
    );
    await expect(harness.vault.removePassphrase('nope')).rejects.toThrow(WrongPassphraseError);
    expect(storedText(harness)).toBe(stored);
  });

  it('ignores a session key left from before a passphrase change (stale key id)', async () => {
    const harness = await passphraseVault();
    const { [VAULT_SESSION_KEY]: oldSession } = await harness.session.get(VAULT_SESSION_KEY);
    // The new session write fails after the new state was stored.
    harness.session.failSetCall(1);
    await expect(harness.vault.changePassphrase('old pass', 'new pass')).rejects.toThrow();
    await harness.session.set({ [VAULT_SESSION_KEY]: oldSession });
    const restarted = harness.restart();
    expect((await restarted.status()).locked).toBe(true);
    await restarted.unlock('new pass');
    expect(await restarted.getKey('openai')).toBe(OPENAI_KEY);
  });

  it('removes the passphrase: back to device mode with every key', async () => {
    const harness = await passphraseVault();
    await harness.vault.lock();
    await harness.vault.removePassphrase('old pass');
    expect(await harness.vault.status()).toMatchObject({ mode: 'device', locked: false });
    const state = await storedVault(harness);
    expect(state.mode).toBe('device');
    expect(state.passphrase).toBeUndefined();
    expect(await harness.session.get(null)).toEqual({});
    const restarted = harness.restart();
    expect(await restarted.getKey('openai')).toBe(OPENAI_KEY);
    expect(await restarted.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });

  it('carries an unreadable record through a mode switch without blocking it', async () => {
    const harness = await passphraseVault();
    await tamper(harness, (state) => {
      state.records.openai!.ct = flipFirstBit(state.records.openai!.ct);
    });
    await harness.vault.removePassphrase('old pass');
    await expect(harness.vault.getKey('openai')).rejects.toThrow(KeyUnreadableError);
    expect(await harness.vault.getKey('openrouter')).toBe(OPENROUTER_KEY);
  });

  it('leaves the old state intact when the final write of a mode switch fails', async () => {
    const harness = createVaultHarness();
    await harness.vault.setKey('openai', OPENAI_KEY);
    const deviceState = harness.local.dump();
    harness.local.failSetCall(1);
    await expect(harness.vault.enablePassphrase('pass')).rejects.toThrow(/injected/);
    expect(harness.local.dump()).toBe(deviceState);
    expect(await harness.vault.status()).toMatchObject({ mode: 'device', locked: false });
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);

    await harness.vault.enablePassphrase('pass');
    const passphraseState = harness.local.dump();
    harness.local.failSetCall(1);
    await expect(harness.vault.removePassphrase('pass')).rejects.toThrow(/injected/);
    harness.local.failSetCall(1);
    await expect(harness.vault.changePassphrase('pass', 'other')).rejects.toThrow(/injected/);
    expect(harness.local.dump()).toBe(passphraseState);
    expect(await harness.vault.status()).toMatchObject({ mode: 'passphrase', locked: false });
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
    await harness.vault.lock();
    await harness.vault.unlock('pass');
  });

  it('reset() forgets a lost passphrase and every key, and the vault works again', async () => {
    const harness = await passphraseVault();
    await harness.vault.lock();
    const change = nextChange(harness.vault);
    await harness.vault.reset();
    expect(await change).toMatchObject({ mode: 'device', locked: false });
    expect(await harness.vault.maskedKeys()).toEqual({});
    expect(await harness.session.get(null)).toEqual({});
    await harness.vault.setKey('openai', OPENAI_KEY);
    expect(await harness.vault.getKey('openai')).toBe(OPENAI_KEY);
  });
});
