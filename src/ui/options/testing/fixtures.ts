// Sample background data for the options page's tests.
import type { UsageTotals, VaultStatus } from '@/shared/protocol';
import type { ProviderView, SettingsView } from '@/shared/settings';
import type { Handlers } from '../../testing/fake-background';

export const openAiProvider: ProviderView = {
  id: 'openai-1',
  name: 'OpenAI',
  preset: 'openai',
  kind: 'openai',
  api: 'responses',
  baseURL: 'https://api.openai.com/v1',
  defaultModel: 'gpt-4.1-mini',
  maskedKey: 'sk-…abcd',
};

export const ollamaProvider: ProviderView = {
  id: 'ollama-1',
  name: 'Home Ollama',
  preset: 'ollama',
  kind: 'compatible',
  api: 'chat',
  baseURL: 'http://localhost:11434/v1',
  maskedKey: null,
};

export const deviceVault: VaultStatus = { mode: 'device', locked: false, autoLockMs: 900_000 };
export const lockedVault: VaultStatus = { mode: 'passphrase', locked: true, autoLockMs: 900_000 };
export const unlockedVault: VaultStatus = {
  mode: 'passphrase',
  locked: false,
  autoLockMs: 900_000,
};

export const noUsage: UsageTotals = { rows: [] };

/** A background with the given settings and vault, answering the page's start-up reads. */
export function startupHandlers(
  settings: SettingsView = { providers: [] },
  vault: VaultStatus = deviceVault,
): Handlers {
  return {
    'settings.get': () => settings,
    'vault.status': () => vault,
    'usage.get': () => noUsage,
  };
}
