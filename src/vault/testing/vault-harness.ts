// Builds a vault on in-memory storage, a private fake IndexedDB and a fake clock. `restart()`
// makes a new Vault on the same storage, as a restarted service worker would.

import { IDBFactory } from 'fake-indexeddb';
import { FakeClock } from '@/client/testing/fake-clock';
import { IndexedDbDeviceKeyStore } from '../device-key-store';
import { Vault, type VaultStatus } from '../vault';
import { MemoryStorageArea } from './memory-storage-area';

/** Low so tests stay fast; the production default is asserted separately. */
export const TEST_PBKDF2_ITERATIONS = 1_000;

export function createVaultHarness() {
  const local = new MemoryStorageArea();
  const session = new MemoryStorageArea();
  const clock = new FakeClock();
  const indexedDb = new IDBFactory();
  const restart = (deviceKeyFactory: IDBFactory = indexedDb) =>
    new Vault({
      local,
      session,
      deviceKeys: new IndexedDbDeviceKeyStore(deviceKeyFactory),
      clock,
      pbkdf2Iterations: TEST_PBKDF2_ITERATIONS,
    });
  return { local, session, clock, indexedDb, vault: restart(), restart };
}

/** Resolves with the next status the vault announces. */
export function nextChange(vault: Vault): Promise<VaultStatus> {
  return new Promise((resolve) => {
    const unsubscribe = vault.onChange((status) => {
      unsubscribe();
      resolve(status);
    });
  });
}

/** Everything stored in both areas, as Chrome would hold it. */
export function storedText(harness: { local: MemoryStorageArea; session: MemoryStorageArea }) {
  return harness.local.dump() + harness.session.dump();
}
