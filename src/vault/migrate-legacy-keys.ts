// One-time move of the walking skeleton's plaintext keys (storage.local `apiKeys`, a
// `Record<providerId, string>`) into the vault. The plaintext is removed only after every key is
// in the vault and reads back equal, so a failure part-way loses nothing, and a rerun finishes
// the job (providers already in the vault are skipped: their vault key is the newer one).

import { isObject } from '@/client/json';
import type { StorageArea } from './api-key-store';
import { VaultLockedError } from './errors';
import type { Vault } from './vault';

export const LEGACY_KEYS_STORAGE_KEY = 'apiKeys';

export type LegacyKeyMigration =
  | { outcome: 'nothing-to-migrate' }
  | {
      outcome: 'migrated';
      /** Provider ids whose legacy key is now in the vault. */
      migrated: string[];
      /** Provider ids that already had a vault key, which was kept; the legacy copy was dropped. */
      keptVaultKey: string[];
      /** Provider ids whose legacy value was not a non-empty string (nothing to keep). */
      discardedInvalid: string[];
    }
  /** Passphrase vault is locked: the legacy keys stay where they are; run again after unlock. */
  | { outcome: 'deferred-locked'; pending: string[] };

type MigrationVault = Pick<Vault, 'getKey' | 'setKey' | 'maskedKey'>;

/** Safe to call on every background start-up. Throws (leaving `apiKeys` intact) on failure. */
export async function migrateLegacyKeys(
  local: StorageArea,
  vault: MigrationVault,
): Promise<LegacyKeyMigration> {
  const legacy = (await local.get(LEGACY_KEYS_STORAGE_KEY))[LEGACY_KEYS_STORAGE_KEY];
  if (legacy === undefined) return { outcome: 'nothing-to-migrate' };
  const entries = isObject(legacy) ? Object.entries(legacy) : [];
  const providerIds = entries.map(([providerId]) => providerId);

  const result = {
    migrated: [] as string[],
    keptVaultKey: [] as string[],
    discardedInvalid: [] as string[],
  };
  try {
    await moveEntries(entries, vault, result);
  } catch (error) {
    // Locked from the start, or auto-locked part-way: what moved is in the vault, and every
    // original stays in `apiKeys` until a later run completes.
    if (!(error instanceof VaultLockedError)) throw error;
    return { outcome: 'deferred-locked', pending: providerIds };
  }
  await local.remove(LEGACY_KEYS_STORAGE_KEY);
  return { outcome: 'migrated', ...result };
}

async function moveEntries(
  entries: [string, unknown][],
  vault: MigrationVault,
  result: { migrated: string[]; keptVaultKey: string[]; discardedInvalid: string[] },
): Promise<void> {
  for (const [providerId, apiKey] of entries) {
    if (typeof apiKey !== 'string' || apiKey.length === 0) {
      result.discardedInvalid.push(providerId);
    } else if ((await vault.maskedKey(providerId)) !== null) {
      result.keptVaultKey.push(providerId);
    } else {
      await vault.setKey(providerId, apiKey);
      if ((await vault.getKey(providerId)) !== apiKey) {
        throw new Error(`Moving the saved key for "${providerId}" into the vault did not verify.`);
      }
      result.migrated.push(providerId);
    }
  }
}
