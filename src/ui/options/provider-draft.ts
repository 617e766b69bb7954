// The add/edit provider form as plain data: what the user typed, how choosing a preset changes it,
// and the `provider.save` payload it becomes. Kept free of React so every rule has a direct test.
import type { WireApi } from '@/client/types';
import type { RequestPayload } from '@/shared/protocol';
import { PRESETS, type ProviderPreset, type ProviderView } from '@/shared/settings';

export interface ProviderDraftForm {
  /** Set when editing an existing provider. */
  id?: string;
  preset: ProviderPreset;
  name: string;
  baseURL: string;
  /** A new key; empty means "none" when adding and "keep the stored one" when editing. */
  apiKey: string;
  /** Editing only: delete the stored key on save. */
  removeKey: boolean;
  api: WireApi;
  model: string;
}

export function newDraft(preset: ProviderPreset = 'openai'): ProviderDraftForm {
  const info = PRESETS[preset];
  return {
    preset,
    name: '',
    baseURL: info.baseURL,
    apiKey: '',
    removeKey: false,
    api: info.api,
    model: '',
  };
}

export function draftFromProvider(provider: ProviderView): ProviderDraftForm {
  return {
    id: provider.id,
    preset: provider.preset,
    name: provider.name,
    baseURL: provider.baseURL,
    apiKey: '',
    removeKey: false,
    api: provider.api,
    model: provider.defaultModel ?? '',
  };
}

const PRESET_URLS = new Set(Object.values(PRESETS).map((p) => p.baseURL));

/** Choosing a preset fills its base URL; for a custom server, a URL the user typed is kept. */
export function withPreset(draft: ProviderDraftForm, preset: ProviderPreset): ProviderDraftForm {
  const info = PRESETS[preset];
  const typedByUser = !PRESET_URLS.has(draft.baseURL.trim());
  const baseURL = preset === 'custom' ? (typedByUser ? draft.baseURL : '') : info.baseURL;
  return { ...draft, preset, baseURL, api: info.api };
}

/** Only OpenAI itself speaks both wire APIs; everyone else gets the preset's. */
export function hasApiChoice(preset: ProviderPreset): boolean {
  return PRESETS[preset].kind === 'openai';
}

export interface DraftProblems {
  baseURL?: string;
}

/** Checks the browser can tell before asking the background (which checks again). */
export function draftProblems(draft: ProviderDraftForm): DraftProblems {
  const baseURL = draft.baseURL.trim();
  if (!baseURL) {
    return { baseURL: 'Enter the server’s base URL, for example http://localhost:8080/v1.' };
  }
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return { baseURL: 'Enter a full address starting with http:// or https://.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { baseURL: 'The base URL must start with http:// or https://.' };
  }
  return {};
}

export function savePayload(draft: ProviderDraftForm): RequestPayload<'provider.save'> {
  const model = draft.model.trim();
  const key = draft.apiKey.trim();
  const provider: RequestPayload<'provider.save'>['provider'] = {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim() || PRESETS[draft.preset].label,
    preset: draft.preset,
    baseURL: draft.baseURL.trim(),
    ...(hasApiChoice(draft.preset) ? { api: draft.api } : {}),
    ...(model ? { defaultModel: model } : {}),
  };
  // Absent keeps the stored key, null deletes it, a string replaces it.
  if (draft.id && draft.removeKey) return { provider, apiKey: null };
  return key ? { provider, apiKey: key } : { provider };
}
