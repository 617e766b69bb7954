// Provider and settings model, shared by the background (which stores it in storage.local) and
// the pages (which receive a view of it, never a raw key).
import type { ProviderKind, WireApi } from '@/client/types';

export type ProviderPreset = 'openai' | 'openrouter' | 'ollama' | 'lmstudio' | 'custom';

export interface PresetInfo {
  label: string;
  kind: ProviderKind;
  api: WireApi;
  /** Empty for `custom`: the user types it. */
  baseURL: string;
  /** Whether the provider needs an API key (local servers usually do not). */
  needsKey: boolean;
}

export const PRESETS: Record<ProviderPreset, PresetInfo> = {
  openai: {
    label: 'OpenAI',
    kind: 'openai',
    api: 'responses',
    baseURL: 'https://api.openai.com/v1',
    needsKey: true,
  },
  openrouter: {
    label: 'OpenRouter',
    kind: 'openrouter',
    api: 'chat',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
  },
  ollama: {
    label: 'Ollama',
    kind: 'compatible',
    api: 'chat',
    baseURL: 'http://localhost:11434/v1',
    needsKey: false,
  },
  lmstudio: {
    label: 'LM Studio',
    kind: 'compatible',
    api: 'chat',
    baseURL: 'http://localhost:1234/v1',
    needsKey: false,
  },
  custom: {
    label: 'OpenAI-compatible',
    kind: 'compatible',
    api: 'chat',
    baseURL: '',
    needsKey: false,
  },
};

export const PRESET_ORDER: ProviderPreset[] = [
  'openai',
  'openrouter',
  'ollama',
  'lmstudio',
  'custom',
];

export interface ProviderConfig {
  id: string;
  /** What the user calls it; defaults to the preset's label. */
  name: string;
  preset: ProviderPreset;
  kind: ProviderKind;
  api: WireApi;
  baseURL: string;
  defaultModel?: string;
}

/** What a page sees of a provider: the config plus a masked key, never the key itself. */
export interface ProviderView extends ProviderConfig {
  maskedKey: string | null;
  /** Set when the stored key cannot be read (damaged or from another profile): what to do about it. */
  keyError?: string;
}

export interface Settings {
  /** In the user's order; the first is the default unless `defaultProviderId` says otherwise. */
  providers: ProviderConfig[];
  defaultProviderId?: string;
  systemPrompt?: string;
  /** Let the model write a short title after a conversation's first answer (default on). */
  modelTitles?: boolean;
}

export interface SettingsView {
  providers: ProviderView[];
  defaultProviderId?: string;
  systemPrompt?: string;
  /** Absent means on. */
  modelTitles?: boolean;
}

export const EMPTY_SETTINGS: Settings = { providers: [] };

/** The provider a new chat uses: the chosen default if it still exists, else the first one. */
export function defaultProvider<T extends ProviderConfig>(settings: {
  providers: T[];
  defaultProviderId?: string;
}): T | undefined {
  return (
    settings.providers.find((p) => p.id === settings.defaultProviderId) ?? settings.providers[0]
  );
}
