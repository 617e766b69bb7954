// The encrypted API key vault. Lives in the background only; raw keys leave it solely through
// `getKey`, to the code that calls the provider. Storage areas, the device key store, the clock
// and WebCrypto are injected, so the whole module runs in plain Node tests.
//
// Device mode: records are encrypted under a non-extractable key kept in IndexedDB.
// Passphrase mode: records are encrypted under a random data key that is stored only wrapped by a
// PBKDF2-derived key; while unlocked, the raw data key sits in memory and in storage.session
// (trusted contexts only) with the last-activity time, so a restarted worker stays unlocked
// until the idle time runs out, and then finds itself locked.

import { systemClock } from '@/client/clock';
import type { Clock } from '@/client/types';
import type { ApiKeyStore, StorageArea } from './api-key-store';
import type { DeviceKeyStore } from './device-key-store';
import { KeyUnreadableError, VaultError, VaultLockedError } from './errors';
import { maskApiKey } from './mask-api-key';
import {
  PBKDF2_ITERATIONS,
  exportDataKey,
  generateDataKey,
  importDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './passphrase-crypto';
import { decryptApiKey, encryptApiKey } from './record-cipher';
import { SerialQueue } from './serial-queue';
import {
  VAULT_SESSION_KEY,
  VAULT_STORAGE_KEY,
  isAutoLockMs,
  parseUnlockedSession,
  parseVaultState,
  type StoredKeyRecord,
  type UnlockedSession,
  type VaultMode,
  type VaultState,
} from './vault-state';

export interface VaultStatus {
  mode: VaultMode;
  /** Only a passphrase vault can be locked. */
  locked: boolean;
  /** Idle time before auto-lock; 0 = never. */
  autoLockMs: number;
}

export type VaultChangeListener = (status: VaultStatus) => void;

export interface VaultOptions {
  /** `browser.storage.local`: ciphertext records and settings. Never storage.sync. */
  local: StorageArea;
  /** `browser.storage.session`: the unlocked data key and last activity (passphrase mode). */
  session: StorageArea;
  deviceKeys: DeviceKeyStore;
  /** Auto-lock's time source; the real clock by default. */
  clock?: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  crypto?: Crypto;
  /** Tests only, to stay fast; production uses `PBKDF2_ITERATIONS`. */
  pbkdf2Iterations?: number;
}

interface CachedDataKey {
  keyId: string;
  raw: string;
  key: CryptoKey;
}

export class Vault implements ApiKeyStore {
  private readonly local: StorageArea;
  private readonly session: StorageArea;
  private readonly deviceKeys: DeviceKeyStore;
  private readonly clock: Required<VaultOptions>['clock'];
  private readonly crypto: Crypto;
  private readonly pbkdf2Iterations: number;
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<VaultChangeListener>();
  private lastEmitted: VaultStatus | undefined;
  private cachedDataKey: CachedDataKey | undefined;
  private cancelAutoLockTimer: (() => void) | undefined;

  constructor(options: VaultOptions) {
    this.local = options.local;
    this.session = options.session;
    this.deviceKeys = options.deviceKeys;
    this.clock = options.clock ?? systemClock;
    this.crypto = options.crypto ?? globalThis.crypto;
    this.pbkdf2Iterations = options.pbkdf2Iterations ?? PBKDF2_ITERATIONS;
  }

  // --- ApiKeyStore -------------------------------------------------------------------------

  getKey(providerId: string): Promise<string | undefined> {
    return this.queue.run(async () => {
      const state = await this.readState();
      const record = recordOf(state, providerId);
      if (!record) return undefined;
      const { key, session } = await this.recordKey(state);
      const apiKey = await decryptApiKey(this.crypto.subtle, key, providerId, record);
      if (session) await this.recordActivity(state, session);
      return apiKey;
    });
  }

  async setKey(providerId: string, apiKey: string): Promise<void> {
    requireNonEmpty(providerId, 'A provider id');
    requireNonEmpty(apiKey, 'An API key');
    return this.queue.run(async () => {
      const state = await this.readState();
      const { key, session } = await this.recordKey(state);
      const encrypted = await encryptApiKey(
        this.crypto.subtle,
        this.crypto,
        key,
        providerId,
        apiKey,
      );
      const record: StoredKeyRecord = {
        ...encrypted,
        mask: maskApiKey(apiKey),
        updatedAt: this.clock.now(),
      };
      await this.writeState({ ...state, records: { ...state.records, [providerId]: record } });
      if (session) await this.recordActivity(state, session);
    });
  }

  /** Works while locked: deleting a record needs no key. */
  removeKey(providerId: string): Promise<void> {
    return this.queue.run(async () => {
      const state = await this.readState();
      if (!recordOf(state, providerId)) return;
      const { [providerId]: _removed, ...records } = state.records;
      await this.writeState({ ...state, records });
    });
  }

  maskedKey(providerId: string): Promise<string | null> {
    return this.queue.run(async () => maskOf(recordOf(await this.readState(), providerId)));
  }

  // --- Additions for the options page and the background -----------------------------------

  /** Masked form of every stored key, by provider id; readable while locked. */
  maskedKeys(): Promise<Record<string, string>> {
    return this.queue.run(async () => {
      const state = await this.readState();
      const masks: Record<string, string> = {};
      for (const providerId of Object.keys(state.records)) {
        const mask = maskOf(recordOf(state, providerId));
        if (mask !== null) masks[providerId] = mask;
      }
      return masks;
    });
  }

  /** Also applies auto-lock, so a restarted worker past its idle time reports `locked`. */
  status(): Promise<VaultStatus> {
    return this.queue.run(async () => {
      const state = await this.readState();
      const session = await this.activeSession(state);
      if (session) this.armAutoLock(state, session);
      return statusOf(state, session);
    });
  }

  /**
   * Locks now if the idle time has passed. The in-worker timer calls it. Timers die with a
   * stopped worker, so a worker that slept through the idle time locks on its next use instead.
   */
  checkAutoLock(): Promise<VaultStatus> {
    return this.status();
  }

  /** Notified on lock, unlock, mode and auto-lock changes; returns an unsubscribe function. */
  onChange(listener: VaultChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `ms` = idle time before a passphrase vault locks itself; 0 = never. */
  async setAutoLock(ms: number): Promise<void> {
    if (!isAutoLockMs(ms)) {
      throw new RangeError('The auto-lock time must be a whole number of milliseconds, 0 or more.');
    }
    return this.queue.run(async () => {
      const state = await this.readState();
      const updated: VaultState = { ...state, autoLockMs: ms };
      await this.writeState(updated);
      // Measured from the last activity, so a shorter limit may lock at once.
      const session = await this.activeSession(updated);
      if (session) this.armAutoLock(updated, session);
      this.emit(statusOf(updated, session));
    });
  }

  /** Device → passphrase mode; re-encrypts every record under a new data key; leaves it unlocked. */
  async enablePassphrase(passphrase: string): Promise<void> {
    requireNonEmpty(passphrase, 'A passphrase');
    return this.queue.run(async () => {
      const state = await this.readState();
      if (state.mode !== 'device') {
        throw new VaultError('A passphrase is already set. Use "Change passphrase" instead.');
      }
      const deviceKey = await this.deviceKeys.getOrCreate();
      const dataKey = await generateDataKey(this.crypto.subtle);
      const records = await this.reencryptRecords(state.records, deviceKey, dataKey);
      const block = await wrapDataKey(this.crypto, dataKey, passphrase, this.pbkdf2Iterations);
      const updated: VaultState = { ...state, mode: 'passphrase', records, passphrase: block };
      await this.writeState(updated);
      await this.startSession(updated, dataKey);
    });
  }

  /** Throws `WrongPassphraseError` (nothing changes). A no-op in device mode. */
  unlock(passphrase: string): Promise<void> {
    return this.queue.run(async () => {
      const state = await this.readState();
      if (!state.passphrase) return;
      const dataKey = await unwrapDataKey(this.crypto.subtle, state.passphrase, passphrase);
      await this.startSession(state, dataKey);
    });
  }

  /** A no-op in device mode. */
  lock(): Promise<void> {
    return this.queue.run(async () => {
      const state = await this.readState();
      if (state.mode === 'passphrase') await this.endSession(state);
    });
  }

  /**
   * Also rotates the data key (records re-encrypted), so someone holding an old copy of the
   * stored data and the old passphrase cannot read keys saved later. Leaves the vault unlocked.
   */
  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    requireNonEmpty(newPassphrase, 'A passphrase');
    return this.queue.run(async () => {
      const state = await this.readState();
      const block = requirePassphraseMode(state);
      const oldKey = await unwrapDataKey(this.crypto.subtle, block, oldPassphrase);
      const newKey = await generateDataKey(this.crypto.subtle);
      const records = await this.reencryptRecords(state.records, oldKey, newKey);
      const passphrase = await wrapDataKey(
        this.crypto,
        newKey,
        newPassphrase,
        this.pbkdf2Iterations,
      );
      const updated: VaultState = { ...state, records, passphrase };
      await this.writeState(updated);
      await this.startSession(updated, newKey);
    });
  }

  /** Passphrase → device mode; re-encrypts every record under the device key. */
  removePassphrase(passphrase: string): Promise<void> {
    return this.queue.run(async () => {
      const state = await this.readState();
      const block = requirePassphraseMode(state);
      const dataKey = await unwrapDataKey(this.crypto.subtle, block, passphrase);
      const deviceKey = await this.deviceKeys.getOrCreate();
      const records = await this.reencryptRecords(state.records, dataKey, deviceKey);
      const updated: VaultState = {
        version: state.version,
        mode: 'device',
        autoLockMs: state.autoLockMs,
        records,
      };
      await this.writeState(updated);
      await this.clearSession();
      this.emit(statusOf(updated, undefined));
    });
  }

  /**
   * Deletes every stored key and the passphrase, back to an empty device-mode vault. The way out
   * of a forgotten passphrase or damaged vault data; it needs no passphrase because it reveals
   * nothing.
   */
  reset(): Promise<void> {
    return this.queue.run(async () => {
      await this.local.remove(VAULT_STORAGE_KEY);
      await this.clearSession();
      this.emit(statusOf(await this.readState(), undefined));
    });
  }

  // --- Internals (called only from inside queued tasks) -------------------------------------

  private async readState(): Promise<VaultState> {
    const stored = await this.local.get(VAULT_STORAGE_KEY);
    return parseVaultState(stored[VAULT_STORAGE_KEY]);
  }

  /** One write per operation: a failure before it leaves the stored vault as it was. */
  private writeState(state: VaultState): Promise<void> {
    return this.local.set({ [VAULT_STORAGE_KEY]: state });
  }

  /** The key records are encrypted under; throws `VaultLockedError` when it is not available. */
  private async recordKey(
    state: VaultState,
  ): Promise<{ key: CryptoKey; session?: UnlockedSession }> {
    if (state.mode === 'device') return { key: await this.deviceKeys.getOrCreate() };
    const session = await this.activeSession(state);
    if (!session) throw new VaultLockedError();
    return { key: await this.sessionDataKey(session), session };
  }

  /** The unlocked session, if any; locks (and notifies) when it expired or is stale. */
  private async activeSession(state: VaultState): Promise<UnlockedSession | undefined> {
    if (!state.passphrase) return undefined;
    const stored = await this.session.get(VAULT_SESSION_KEY);
    const session = parseUnlockedSession(stored[VAULT_SESSION_KEY]);
    if (!session) {
      this.forgetSession();
      return undefined;
    }
    const stale = session.keyId !== state.passphrase.keyId;
    if (stale || isIdleExpired(state.autoLockMs, session.lastActivityAt, this.clock.now())) {
      await this.endSession(state);
      return undefined;
    }
    return session;
  }

  private async sessionDataKey(session: UnlockedSession): Promise<CryptoKey> {
    const cached = this.cachedDataKey;
    if (cached && cached.keyId === session.keyId && cached.raw === session.dataKey)
      return cached.key;
    const key = await importDataKey(this.crypto.subtle, session.dataKey);
    this.cachedDataKey = { keyId: session.keyId, raw: session.dataKey, key };
    return key;
  }

  private async startSession(state: VaultState, dataKey: CryptoKey): Promise<void> {
    if (!state.passphrase) return;
    const raw = await exportDataKey(this.crypto.subtle, dataKey);
    const session: UnlockedSession = {
      dataKey: raw,
      keyId: state.passphrase.keyId,
      lastActivityAt: this.clock.now(),
    };
    await this.session.set({ [VAULT_SESSION_KEY]: session });
    this.cachedDataKey = { keyId: session.keyId, raw, key: dataKey };
    this.armAutoLock(state, session);
    this.emit(statusOf(state, session));
  }

  private async endSession(state: VaultState): Promise<void> {
    await this.clearSession();
    this.emit(statusOf(state, undefined));
  }

  private async clearSession(): Promise<void> {
    this.forgetSession();
    await this.session.remove(VAULT_SESSION_KEY);
  }

  private forgetSession(): void {
    this.cachedDataKey = undefined;
    this.cancelAutoLockTimer?.();
    this.cancelAutoLockTimer = undefined;
  }

  private async recordActivity(state: VaultState, session: UnlockedSession): Promise<void> {
    const refreshed: UnlockedSession = { ...session, lastActivityAt: this.clock.now() };
    await this.session.set({ [VAULT_SESSION_KEY]: refreshed });
    this.armAutoLock(state, refreshed);
  }

  private armAutoLock(state: VaultState, session: UnlockedSession): void {
    this.cancelAutoLockTimer?.();
    this.cancelAutoLockTimer = undefined;
    if (state.autoLockMs === 0) return;
    const delay = Math.max(0, session.lastActivityAt + state.autoLockMs - this.clock.now());
    const timer = this.clock.setTimeout(() => {
      this.cancelAutoLockTimer = undefined;
      this.checkAutoLock().catch((error: unknown) => {
        console.error('Parley vault: the auto-lock check failed', error);
      });
    }, delay);
    this.cancelAutoLockTimer = () => this.clock.clearTimeout(timer);
  }

  /**
   * Records that do not decrypt under the old key are kept as they are: they stay unreadable
   * (reported per provider on use) instead of blocking the whole switch.
   */
  private async reencryptRecords(
    records: VaultState['records'],
    oldKey: CryptoKey,
    newKey: CryptoKey,
  ): Promise<VaultState['records']> {
    const reencrypted: VaultState['records'] = {};
    for (const [providerId, record] of Object.entries(records)) {
      try {
        const apiKey = await decryptApiKey(this.crypto.subtle, oldKey, providerId, record);
        const encrypted = await encryptApiKey(
          this.crypto.subtle,
          this.crypto,
          newKey,
          providerId,
          apiKey,
        );
        reencrypted[providerId] = { ...record, ...encrypted };
      } catch (error) {
        if (!(error instanceof KeyUnreadableError)) throw error;
        reencrypted[providerId] = record;
      }
    }
    return reencrypted;
  }

  private emit(status: VaultStatus): void {
    const last = this.lastEmitted;
    if (
      last &&
      last.mode === status.mode &&
      last.locked === status.locked &&
      last.autoLockMs === status.autoLockMs
    ) {
      return;
    }
    this.lastEmitted = status;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch (error) {
        console.error('Parley vault: a change listener failed', error);
      }
    }
  }
}

function statusOf(state: VaultState, session: UnlockedSession | undefined): VaultStatus {
  return {
    mode: state.mode,
    locked: state.mode === 'passphrase' && !session,
    autoLockMs: state.autoLockMs,
  };
}

function isIdleExpired(autoLockMs: number, lastActivityAt: number, now: number): boolean {
  return autoLockMs > 0 && now - lastActivityAt >= autoLockMs;
}

/** Own properties only: a provider id such as `constructor` must not reach the prototype. */
function recordOf(state: VaultState, providerId: string): StoredKeyRecord | undefined {
  return Object.hasOwn(state.records, providerId) ? state.records[providerId] : undefined;
}

function maskOf(record: StoredKeyRecord | undefined): string | null {
  return typeof record?.mask === 'string' ? record.mask : null;
}

function requirePassphraseMode(state: VaultState) {
  if (!state.passphrase) throw new VaultError('No passphrase is set; the vault is in device mode.');
  return state.passphrase;
}

/** Callers are `async`, so this surfaces as a rejected promise. The value is never echoed. */
function requireNonEmpty(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${what} must be a non-empty string.`);
  }
}
