// Providers, defaults and the model lists, kept in storage.local. Keys go through the ApiKeyStore
// and never appear in settings, views, exports or errors.
import * as v from 'valibot';
import type { ClientErrorInfo, ModelInfo, ProviderConnection } from '@/client/types';
import type { ProviderCheck, ProviderDraft } from '@/shared/protocol';
import {
  EMPTY_SETTINGS,
  PRESETS,
  type ProviderConfig,
  type ProviderView,
  type Settings,
  type SettingsView,
} from '@/shared/settings';
import type { ApiKeyStore, StorageArea } from '@/vault/api-key-store';
import { isKeyAccessError, UserFacingError } from './errors';

const SETTINGS_KEY = 'settings';
const MODELS_KEY_PREFIX = 'models.';
/** Model lists change rarely; refetch after a day or when the user asks. */
const MODEL_CACHE_MS = 24 * 3600 * 1000;

const providerSchema = v.object({
  id: v.string(),
  name: v.string(),
  preset: v.picklist(['openai', 'openrouter', 'ollama', 'lmstudio', 'custom']),
  kind: v.picklist(['openai', 'openrouter', 'compatible']),
  api: v.picklist(['responses', 'chat']),
  baseURL: v.string(),
  defaultModel: v.optional(v.string()),
});
const settingsSchema = v.object({
  providers: v.array(providerSchema),
  defaultProviderId: v.optional(v.string()),
  systemPrompt: v.optional(v.string()),
  modelTitles: v.optional(v.boolean()),
});
const modelCacheSchema = v.object({
  fetchedAt: v.number(),
  models: v.array(v.looseObject({ id: v.string() })),
});

export interface SettingsServiceDeps {
  local: StorageArea;
  keys: ApiKeyStore;
  listModels: (conn: ProviderConnection) => Promise<ModelInfo[]>;
  now?: () => number;
  newId?: () => string;
  /** Told whenever settings change, with the new view (to broadcast to pages). */
  onChange?: (view: SettingsView) => void;
  log?: Pick<Console, 'warn'>;
}

/** Normalizes a base URL: trims, drops trailing slashes; throws a user-facing error when invalid. */
export function normalizeBaseURL(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UserFacingError(
      `"${raw}" is not a valid base URL. Enter a full address such as http://localhost:11434/v1.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserFacingError(`The base URL must start with http:// or https:// (got "${raw}").`);
  }
  if (url.username || url.password) {
    throw new UserFacingError(
      'Put the API key in the "API key" field, not in the base URL: addresses are not encrypted.',
    );
  }
  return trimmed;
}

export class SettingsService {
  private cached: Settings | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: SettingsServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    const stored = (await this.deps.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    if (stored === undefined) {
      this.cached = structuredClone(EMPTY_SETTINGS);
      return this.cached;
    }
    const parsed = v.safeParse(settingsSchema, stored);
    if (parsed.success) {
      this.cached = parsed.output;
      return this.cached;
    }
    // Corrupted settings: keep every provider entry that still reads, set the rest aside.
    this.deps.log?.warn('Parley: stored settings were malformed; keeping the readable parts.');
    const raw = stored as { providers?: unknown[] } | null;
    const providers = Array.isArray(raw?.providers)
      ? raw.providers.flatMap((p) => {
          const one = v.safeParse(providerSchema, p);
          return one.success ? [one.output] : [];
        })
      : [];
    await this.deps.local.set({ [`${SETTINGS_KEY}.corrupted.${this.now()}`]: stored });
    this.cached = { providers };
    await this.deps.local.set({ [SETTINGS_KEY]: this.cached });
    return this.cached;
  }

  async view(): Promise<SettingsView> {
    const settings = await this.get();
    const masks = await this.masks();
    const providers = settings.providers.map((p) => this.providerView(p, masks));
    return {
      providers,
      ...(settings.defaultProviderId ? { defaultProviderId: settings.defaultProviderId } : {}),
      ...(settings.systemPrompt ? { systemPrompt: settings.systemPrompt } : {}),
      modelTitles: settings.modelTitles !== false,
    };
  }

  async provider(providerId: string): Promise<ProviderConfig> {
    const found = (await this.get()).providers.find((p) => p.id === providerId);
    if (!found) {
      throw new UserFacingError(
        'That provider no longer exists. Pick another one or add it again in Parley settings.',
        'not_found',
      );
    }
    return found;
  }

  /** The connection the model client needs, with the key read from the vault. */
  async connection(providerId: string): Promise<ProviderConnection> {
    const provider = await this.provider(providerId);
    let apiKey: string | undefined;
    try {
      apiKey = await this.deps.keys.getKey(providerId);
    } catch (err) {
      if (err instanceof Error && err.name === 'KeyUnreadableError') {
        // The vault only knows the provider's id; the user knows its name.
        throw new UserFacingError(
          `The saved API key for ${provider.name} cannot be read (it was altered, or it comes from another browser profile). Enter the key for ${provider.name} again in Parley settings; other providers are not affected.`,
          'key_unreadable',
          providerId,
        );
      }
      throw err;
    }
    return {
      kind: provider.kind,
      api: provider.api,
      baseURL: provider.baseURL,
      ...(apiKey ? { apiKey } : {}),
    };
  }

  async saveProvider(
    draft: ProviderDraft,
    apiKey: string | null | undefined,
  ): Promise<{ provider: ProviderView; check: ProviderCheck }> {
    const preset = PRESETS[draft.preset];
    const baseURL = normalizeBaseURL(draft.baseURL || preset.baseURL);
    const key = apiKey?.trim();
    if (apiKey !== undefined && apiKey !== null && !key) {
      throw new UserFacingError(
        'The API key is empty. Paste the key, or clear the field to keep the stored one.',
      );
    }
    const saved = await this.update((settings) => {
      const existing = draft.id ? settings.providers.find((p) => p.id === draft.id) : undefined;
      if (draft.id && !existing) {
        throw new UserFacingError(
          'That provider was removed meanwhile. Add it again.',
          'not_found',
        );
      }
      const provider: ProviderConfig = {
        id: existing?.id ?? this.newId(),
        name: draft.name.trim() || preset.label,
        preset: draft.preset,
        kind: preset.kind,
        api: draft.api ?? preset.api,
        baseURL,
        ...(draft.defaultModel?.trim() ? { defaultModel: draft.defaultModel.trim() } : {}),
      };
      const providers = existing
        ? settings.providers.map((p) => (p.id === provider.id ? provider : p))
        : [...settings.providers, provider];
      return { result: provider, settings: { ...settings, providers } };
    });
    if (key) await this.deps.keys.setKey(saved.result.id, key);
    else if (apiKey === null) await this.deps.keys.removeKey(saved.result.id);
    let view = saved.view;
    if (key || apiKey === null) view = await this.publish();
    const check = await this.check(saved.result.id);
    const provider = view.providers.find((p) => p.id === saved.result.id)!;
    return { provider, check };
  }

  async removeProvider(providerId: string): Promise<SettingsView> {
    // Key and model list first: if the settings write then fails, the provider is still listed
    // (without a key) rather than gone with its key left behind.
    await this.deps.keys.removeKey(providerId);
    await this.deps.local.remove(MODELS_KEY_PREFIX + providerId);
    const { view } = await this.update((settings) => ({
      result: null,
      settings: {
        ...settings,
        providers: settings.providers.filter((p) => p.id !== providerId),
        ...(settings.defaultProviderId === providerId ? { defaultProviderId: undefined } : {}),
      },
    }));
    return view;
  }

  async reorder(providerIds: string[]): Promise<SettingsView> {
    const { view } = await this.update((settings) => {
      const rank = new Map(providerIds.map((id, index) => [id, index]));
      const providers = [...settings.providers].sort(
        (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity),
      );
      return { result: null, settings: { ...settings, providers } };
    });
    return view;
  }

  async updateDefaults(patch: {
    defaultProviderId?: string;
    systemPrompt?: string;
    modelTitles?: boolean;
  }): Promise<SettingsView> {
    const { view } = await this.update((settings) => {
      if (
        patch.defaultProviderId &&
        !settings.providers.some((p) => p.id === patch.defaultProviderId)
      ) {
        throw new UserFacingError('That provider no longer exists.', 'not_found');
      }
      const next = { ...settings };
      if (patch.defaultProviderId !== undefined) next.defaultProviderId = patch.defaultProviderId;
      if (patch.systemPrompt !== undefined) {
        next.systemPrompt = patch.systemPrompt.trim() ? patch.systemPrompt : undefined;
      }
      if (patch.modelTitles !== undefined) next.modelTitles = patch.modelTitles;
      return { result: null, settings: next };
    });
    return view;
  }

  /** Lists a provider's models to validate its key and base URL. */
  async check(providerId: string): Promise<ProviderCheck> {
    const provider = await this.provider(providerId);
    try {
      const models = await this.models(providerId, true);
      return { status: 'valid', modelCount: models.models.length };
    } catch (err) {
      return checkFromError(err, provider.baseURL);
    }
  }

  async models(
    providerId: string,
    refresh = false,
  ): Promise<{ models: ModelInfo[]; fetchedAt: number }> {
    const cacheKey = MODELS_KEY_PREFIX + providerId;
    if (!refresh) {
      const cached = v.safeParse(modelCacheSchema, (await this.deps.local.get(cacheKey))[cacheKey]);
      if (cached.success && this.now() - cached.output.fetchedAt < MODEL_CACHE_MS) {
        return cached.output as { models: ModelInfo[]; fetchedAt: number };
      }
    }
    const models = await this.deps.listModels(await this.connection(providerId));
    models.sort((a, b) => a.id.localeCompare(b.id));
    const entry = { models, fetchedAt: this.now() };
    await this.deps.local.set({ [cacheKey]: entry });
    return entry;
  }

  /** Settings as JSON for backup or another machine. Keys are never included. */
  async exportJson(): Promise<string> {
    const settings = await this.get();
    return JSON.stringify(
      {
        format: 'parley-settings',
        version: 1,
        exportedAt: new Date(this.now()).toISOString(),
        note: 'API keys are not included in this export. Enter them again after importing.',
        settings,
      },
      null,
      2,
    );
  }

  async importJson(json: string): Promise<{ settings: SettingsView; imported: number }> {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      throw new UserFacingError(
        'That file is not valid JSON. Choose a file exported from Parley settings.',
      );
    }
    const envelope = v.safeParse(
      v.object({
        format: v.literal('parley-settings'),
        version: v.literal(1),
        settings: settingsSchema,
      }),
      data,
    );
    if (!envelope.success) {
      throw new UserFacingError(
        'That file is not a Parley settings export (or it is from a newer version).',
      );
    }
    const incoming = envelope.output.settings;
    let imported = 0;
    const { view } = await this.update((settings) => {
      // Imported providers are added beside existing ones; the same id replaces its config only.
      const byId = new Map(settings.providers.map((p) => [p.id, p]));
      for (const provider of incoming.providers) {
        const preset = PRESETS[provider.preset];
        byId.set(provider.id, {
          ...provider,
          kind: preset.kind,
          baseURL: normalizeBaseURL(provider.baseURL),
        });
        imported++;
      }
      const providers = [...byId.values()];
      // An imported default that names no provider would leave new chats without one.
      const importedDefault = providers.some((p) => p.id === incoming.defaultProviderId)
        ? incoming.defaultProviderId
        : undefined;
      return {
        result: null,
        settings: {
          providers,
          defaultProviderId: importedDefault ?? settings.defaultProviderId,
          systemPrompt: incoming.systemPrompt ?? settings.systemPrompt,
          modelTitles: incoming.modelTitles ?? settings.modelTitles,
        },
      };
    });
    return { settings: view, imported };
  }

  /** Tells pages about the current settings (e.g. after the vault's keys changed); returns the view. */
  async publish(): Promise<SettingsView> {
    const view = await this.view();
    this.deps.onChange?.(view);
    return view;
  }

  /** Every provider's masked key in one vault read; a damaged vault shows as a key problem, not a failure. */
  private async masks(): Promise<{ masks: Record<string, string>; error?: string }> {
    try {
      return { masks: await this.deps.keys.maskedKeys() };
    } catch (err) {
      this.deps.log?.warn('Parley: the stored keys could not be listed', err);
      return {
        masks: {},
        error: `${err instanceof Error ? err.message : String(err)} Enter the key again to replace it.`,
      };
    }
  }

  private providerView(
    provider: ProviderConfig,
    { masks, error }: { masks: Record<string, string>; error?: string },
  ): ProviderView {
    return {
      ...provider,
      maskedKey: masks[provider.id] ?? null,
      ...(error ? { keyError: error } : {}),
    };
  }

  /** Serialized read-modify-write, so two quick edits never overwrite each other; publishes the result. */
  private update<T>(
    change: (settings: Settings) => { result: T; settings: Settings },
  ): Promise<{ result: T; view: SettingsView }> {
    const run = this.writes.then(async () => {
      const { result, settings } = change(structuredClone(await this.get()));
      const clean = v.parse(settingsSchema, JSON.parse(JSON.stringify(settings)));
      await this.deps.local.set({ [SETTINGS_KEY]: clean });
      this.cached = clean;
      return { result, view: await this.publish() };
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}

function checkFromError(err: unknown, baseURL: string): ProviderCheck {
  const info = (err as { info?: ClientErrorInfo }).info;
  if (info) {
    if (info.kind === 'auth' || info.kind === 'permission') {
      return { status: 'rejected', message: info.message };
    }
    if (info.kind === 'network' || info.kind === 'idle_timeout') {
      return { status: 'unreachable', message: info.message, baseURL };
    }
    return { status: 'error', message: info.message };
  }
  if (err instanceof UserFacingError && err.code === 'key_unreadable') {
    return { status: 'skipped', message: err.message };
  }
  if (isKeyAccessError(err)) return { status: 'skipped', message: err.message };
  if (err instanceof UserFacingError) return { status: 'error', message: err.message };
  return { status: 'error', message: err instanceof Error ? err.message : String(err) };
}
