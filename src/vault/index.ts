// The vault's public surface for the background.
export type { ApiKeyStore, StorageArea } from './api-key-store';
export { IndexedDbDeviceKeyStore, type DeviceKeyStore } from './device-key-store';
export {
  KeyUnreadableError,
  VaultDataError,
  VaultError,
  VaultLockedError,
  WrongPassphraseError,
} from './errors';
export { maskApiKey } from './mask-api-key';
export {
  LEGACY_KEYS_STORAGE_KEY,
  migrateLegacyKeys,
  type LegacyKeyMigration,
} from './migrate-legacy-keys';
export { PBKDF2_ITERATIONS } from './passphrase-crypto';
export { DEFAULT_AUTO_LOCK_MS, type VaultMode } from './vault-state';
export { Vault, type VaultChangeListener, type VaultOptions, type VaultStatus } from './vault';
