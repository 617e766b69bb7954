// A test double for `browser.storage.local` / `.session`. Values go through JSON like Chrome's
// storage does (so a Uint8Array or CryptoKey stored by mistake comes back broken, as it would in
// Chrome), and `set` can be made to fail to test that failures leave the stored state intact.

import type { StorageArea } from '../api-key-store';

export class MemoryStorageArea implements StorageArea {
  private items: Record<string, string> = {};
  /** Calls to `set` that fail (1 = the next one), counting down; 0 = none. */
  private failingSetIn = 0;

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted =
      keys == null ? Object.keys(this.items) : typeof keys === 'string' ? [keys] : keys;
    const result: Record<string, unknown> = {};
    for (const key of wanted) {
      const json = this.items[key];
      if (json !== undefined) result[key] = JSON.parse(json);
    }
    return result;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failingSetIn > 0 && --this.failingSetIn === 0) {
      throw new Error('MemoryStorageArea: injected write failure');
    }
    for (const [key, value] of Object.entries(items)) {
      if (value !== undefined) this.items[key] = JSON.stringify(value);
    }
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) delete this.items[key];
  }

  /** Makes the `n`th next call to `set` throw (without writing anything). */
  failSetCall(n = 1): void {
    this.failingSetIn = n;
  }

  /** Everything stored, as Chrome would hold it. */
  dump(): string {
    return JSON.stringify(this.items);
  }
}
