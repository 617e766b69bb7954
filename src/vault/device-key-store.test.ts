// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_KEY_DATABASE,
  DEVICE_KEY_OBJECT_STORE,
  IndexedDbDeviceKeyStore,
} from './device-key-store';

const { subtle } = globalThis.crypto;

async function decryptsWhatTheOtherEncrypts(a: CryptoKey, b: CryptoKey): Promise<boolean> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = await subtle.encrypt({ name: 'AES-GCM', iv }, a, new TextEncoder().encode('probe'));
  try {
    await subtle.decrypt({ name: 'AES-GCM', iv }, b, ct);
    return true;
  } catch {
    return false;
  }
}

describe('IndexedDbDeviceKeyStore', () => {
  it('creates a non-extractable AES-GCM key on first use', async () => {
    const key = await new IndexedDbDeviceKeyStore(new IDBFactory()).getOrCreate();
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('keeps the key in the parley-vault database, so a new store instance finds the same key', async () => {
    const factory = new IDBFactory();
    const first = await new IndexedDbDeviceKeyStore(factory).getOrCreate();
    const afterRestart = await new IndexedDbDeviceKeyStore(factory).getOrCreate();
    expect(await decryptsWhatTheOtherEncrypts(first, afterRestart)).toBe(true);

    const databases = await factory.databases();
    expect(databases.map((db) => db.name)).toEqual([DEVICE_KEY_DATABASE]);
    const stored = await new Promise<unknown>((resolve, reject) => {
      const request = factory.open(DEVICE_KEY_DATABASE);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const get = db
          .transaction(DEVICE_KEY_OBJECT_STORE)
          .objectStore(DEVICE_KEY_OBJECT_STORE)
          .getAll();
        get.onsuccess = () => {
          db.close();
          resolve(get.result);
        };
      };
    });
    expect(stored).toHaveLength(1);
  });

  it('gives another profile (another IndexedDB) a different key', async () => {
    const here = await new IndexedDbDeviceKeyStore(new IDBFactory()).getOrCreate();
    const elsewhere = await new IndexedDbDeviceKeyStore(new IDBFactory()).getOrCreate();
    expect(await decryptsWhatTheOtherEncrypts(here, elsewhere)).toBe(false);
  });

  it('ends up with one key when two store instances create it at the same time', async () => {
    const factory = new IDBFactory();
    const [a, b] = await Promise.all([
      new IndexedDbDeviceKeyStore(factory).getOrCreate(),
      new IndexedDbDeviceKeyStore(factory).getOrCreate(),
    ]);
    const later = await new IndexedDbDeviceKeyStore(factory).getOrCreate();
    expect(await decryptsWhatTheOtherEncrypts(a, later)).toBe(true);
    expect(await decryptsWhatTheOtherEncrypts(b, later)).toBe(true);
  });

  it('retries after a failed open instead of caching the failure', async () => {
    const factory = new IDBFactory();
    const realOpen = factory.open.bind(factory);
    let calls = 0;
    factory.open = (name: string, version?: number) => {
      calls++;
      if (calls === 1) throw new DOMException('injected', 'UnknownError');
      return realOpen(name, version);
    };
    const store = new IndexedDbDeviceKeyStore(factory);
    await expect(store.getOrCreate()).rejects.toThrow('injected');
    await expect(store.getOrCreate()).resolves.toBeDefined();
  });
});
