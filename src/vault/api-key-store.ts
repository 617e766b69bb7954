// The one interface the rest of the background uses to reach API keys. The walking skeleton
// kept keys in plain storage behind it; the encrypted vault implements it now, so that swap
// stayed local. Raw keys returned here must never leave the background.

export interface ApiKeyStore {
  /** The raw key, or undefined when none is stored. Throws `VaultLockedError` / `KeyUnreadableError`. */
  getKey(providerId: string): Promise<string | undefined>;
  setKey(providerId: string, apiKey: string): Promise<void>;
  removeKey(providerId: string): Promise<void>;
  /** A display form such as `sk-…abcd`, readable even while the vault is locked; null when no key. */
  maskedKey(providerId: string): Promise<string | null>;
  /** Every stored key's display form, by provider id, in one read. */
  maskedKeys(): Promise<Record<string, string>>;
}

/** The subset of `browser.storage.local` / `.session` the vault needs (WXT's fakeBrowser has it too). */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
