// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { VaultDataError } from './errors';
import {
  DEFAULT_AUTO_LOCK_MS,
  emptyVaultState,
  parseUnlockedSession,
  parseVaultState,
} from './vault-state';

const block = {
  kdf: 'PBKDF2-SHA-256',
  salt: 'c2FsdA==',
  iterations: 600_000,
  wrappedKey: 'a2V5',
  iv: 'aXY=',
  keyId: 'aWQ=',
};

describe('parseVaultState', () => {
  it('gives an empty device-mode vault when nothing is stored', () => {
    expect(parseVaultState(undefined)).toEqual(emptyVaultState());
    expect(emptyVaultState()).toEqual({
      version: 1,
      mode: 'device',
      autoLockMs: DEFAULT_AUTO_LOCK_MS,
      records: {},
    });
  });

  it('accepts valid device and passphrase states', () => {
    const device = { version: 1, mode: 'device', autoLockMs: 0, records: {} };
    expect(parseVaultState(device)).toEqual(device);
    const passphrase = { ...device, mode: 'passphrase', passphrase: block };
    expect(parseVaultState(passphrase)).toEqual(passphrase);
  });

  it('rejects damaged states as VaultDataError', () => {
    const valid = { version: 1, mode: 'device', autoLockMs: 0, records: {} };
    for (const bad of [
      null,
      'text',
      [],
      { ...valid, version: 0 },
      { ...valid, mode: 'other' },
      { ...valid, records: [] },
      { ...valid, autoLockMs: -1 },
      { ...valid, mode: 'passphrase' },
      { ...valid, mode: 'passphrase', passphrase: { ...block, iterations: 0 } },
      { ...valid, mode: 'passphrase', passphrase: { ...block, kdf: 'scrypt' } },
    ]) {
      expect(() => parseVaultState(bad)).toThrow(VaultDataError);
    }
  });

  it('says a newer format needs a newer Parley', () => {
    expect(() => parseVaultState({ version: 2 })).toThrow(/newer version of Parley/);
  });
});

describe('parseUnlockedSession', () => {
  it('accepts a complete entry and ignores anything else', () => {
    const session = { dataKey: 'a2V5', keyId: 'aWQ=', lastActivityAt: 5 };
    expect(parseUnlockedSession(session)).toEqual(session);
    expect(parseUnlockedSession(undefined)).toBeUndefined();
    expect(parseUnlockedSession({ ...session, lastActivityAt: 'soon' })).toBeUndefined();
    expect(parseUnlockedSession({ ...session, dataKey: undefined })).toBeUndefined();
  });
});
