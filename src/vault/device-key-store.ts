// Device mode's key: a non-extractable AES-GCM key generated on first use and kept in IndexedDB.
// Its bytes can never be read out (not even by Parley), so a copy of the ciphertext in
// storage.local is useless without this profile's IndexedDB.

import { wrap, type IDBPDatabase } from 'idb';

export interface DeviceKeyStore {
  /** This profile's device key, created on the first call; the same key on every later call. */
  getOrCreate(): Promise<CryptoKey>;
}

export const DEVICE_KEY_DATABASE = 'parley-vault';
export const DEVICE_KEY_OBJECT_STORE = 'keys';
const DEVICE_KEY_ID = 'device';

export class IndexedDbDeviceKeyStore implements DeviceKeyStore {
  private cached: Promise<CryptoKey> | undefined;

  /** In the worker pass the global `indexedDB`; tests pass a fresh fake-indexeddb factory. */
  constructor(
    private readonly factory: IDBFactory,
    private readonly subtle: SubtleCrypto = globalThis.crypto.subtle,
  ) {}

  getOrCreate(): Promise<CryptoKey> {
    this.cached ??= this.loadOrCreate().catch((error: unknown) => {
      this.cached = undefined; // let the next call retry instead of caching a failure
      throw error;
    });
    return this.cached;
  }

  private async loadOrCreate(): Promise<CryptoKey> {
    const db = await this.open();
    try {
      const existing = (await db.get(DEVICE_KEY_OBJECT_STORE, DEVICE_KEY_ID)) as
        CryptoKey | undefined;
      if (existing) return existing;
      const created = await this.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      try {
        // `add`, not `put`: if another context created a key meanwhile, keep theirs.
        await db.add(DEVICE_KEY_OBJECT_STORE, created, DEVICE_KEY_ID);
        return created;
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'ConstraintError')) throw error;
        return (await db.get(DEVICE_KEY_OBJECT_STORE, DEVICE_KEY_ID)) as CryptoKey;
      }
    } finally {
      db.close();
    }
  }

  private async open(): Promise<IDBPDatabase> {
    const request = this.factory.open(DEVICE_KEY_DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(DEVICE_KEY_OBJECT_STORE);
    };
    const db = await wrap(request);
    if (!db) throw new Error(`Parley could not open its "${DEVICE_KEY_DATABASE}" database.`);
    return db;
  }
}
