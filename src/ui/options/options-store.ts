// The options page's state: settings, vault status, model lists and usage, kept current from the
// background's events. Actions return an `Outcome` so each control shows its own failure next to
// itself, in the background's words.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelInfo } from '@/client/types';
import type {
  ProviderCheck,
  RequestError,
  RequestName,
  RequestPayload,
  RequestResults,
  UsageTotals,
  VaultStatus,
} from '@/shared/protocol';
import type { SettingsView } from '@/shared/settings';
import { RequestFailedError, type ConnectionState, type PortClient } from '../port-client';

/** A failed request, as the page shows it. */
export interface RequestProblem {
  message: string;
  code?: RequestError['code'];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: RequestProblem };

/** The requests whose result is a `T`. */
type RequestReturning<T> = {
  [N in RequestName]: RequestResults[N] extends T ? N : never;
}[RequestName];

export interface ModelList {
  models: ModelInfo[];
  loading: boolean;
  problem?: RequestProblem;
}

export interface UsageState {
  totals: UsageTotals | null;
  loading: boolean;
  problem: RequestProblem | null;
}

export type OptionsClient = Pick<
  PortClient,
  'request' | 'on' | 'onState' | 'onConnected' | 'connectionState'
>;

export interface OptionsState {
  connection: ConnectionState;
  settings: SettingsView | null;
  /** Why the settings could not be loaded, shown in place of the provider list. */
  settingsProblem: RequestProblem | null;
  vault: VaultStatus | null;
  models: Record<string, ModelList>;
  usage: UsageState;
  /** A background failure not tied to a request (the `notice` event). */
  notice: { level: 'info' | 'warning' | 'error'; message: string } | null;

  start(): void;
  saveProvider(
    payload: RequestPayload<'provider.save'>,
  ): Promise<Outcome<RequestResults['provider.save']>>;
  removeProvider(providerId: string): Promise<Outcome<SettingsView>>;
  /** Moves a provider one place up (-1) or down (+1) in the user's order. */
  moveProvider(providerId: string, step: -1 | 1): Promise<Outcome<SettingsView>>;
  checkProvider(providerId: string): Promise<Outcome<ProviderCheck>>;
  makeDefault(providerId: string): Promise<Outcome<SettingsView>>;
  saveSystemPrompt(systemPrompt: string): Promise<Outcome<SettingsView>>;
  setModelTitles(on: boolean): Promise<Outcome<SettingsView>>;
  loadModels(providerId: string, refresh: boolean): Promise<void>;
  exportSettings(): Promise<Outcome<string>>;
  importSettings(json: string): Promise<Outcome<number>>;
  loadUsage(): Promise<void>;
  unlock(passphrase: string): Promise<Outcome<VaultStatus>>;
  lock(): Promise<Outcome<VaultStatus>>;
  enablePassphrase(passphrase: string): Promise<Outcome<VaultStatus>>;
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<Outcome<VaultStatus>>;
  removePassphrase(passphrase: string): Promise<Outcome<VaultStatus>>;
  setAutoLock(ms: number): Promise<Outcome<VaultStatus>>;
  resetVault(): Promise<Outcome<VaultStatus>>;
  dismissNotice(): void;
}

function problemOf(err: unknown): RequestProblem {
  if (err instanceof RequestFailedError) {
    return { message: err.message, ...(err.code ? { code: err.code } : {}) };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

export function createOptionsStore(client: OptionsClient): StoreApi<OptionsState> {
  return createStore<OptionsState>()((set, get) => {
    const refreshVault = async () => {
      try {
        set({ vault: await client.request('vault.status', {}) });
      } catch {
        // The request that needed the vault already reports its own failure.
      }
    };

    /** Sends a request; a locked vault also refreshes the status so the page offers to unlock. */
    const call = async <N extends RequestName>(
      name: N,
      payload: RequestPayload<N>,
    ): Promise<Outcome<RequestResults[N]>> => {
      try {
        return { ok: true, value: await client.request(name, payload) };
      } catch (err) {
        const problem = problemOf(err);
        if (problem.code === 'vault_locked') void refreshVault();
        return { ok: false, problem };
      }
    };

    /** Makes a `call` for requests answering with a `T`, which `keep` stores on success. */
    const callKeeping =
      <T>(keep: (result: T) => Partial<OptionsState>) =>
      async <N extends RequestReturning<T>>(
        name: N,
        payload: RequestPayload<N>,
      ): Promise<Outcome<T>> => {
        // The constraint on N guarantees the result is a T; TypeScript cannot follow it here.
        const outcome = (await call(name, payload)) as Outcome<T>;
        if (outcome.ok) set(keep(outcome.value));
        return outcome;
      };
    const settingsCall = callKeeping((settings: SettingsView) => ({ settings }));
    const vaultCall = callKeeping((vault: VaultStatus) => ({ vault }));

    const loadSettings = async () => {
      const outcome = await call('settings.get', {});
      if (outcome.ok) set({ settings: outcome.value, settingsProblem: null });
      else set({ settingsProblem: outcome.problem });
    };

    const refreshAll = () => {
      void loadSettings();
      void refreshVault();
      void get().loadUsage();
    };

    return {
      connection: client.connectionState,
      settings: null,
      settingsProblem: null,
      vault: null,
      models: {},
      usage: { totals: null, loading: false, problem: null },
      notice: null,

      start() {
        client.onState((connection) => set({ connection }));
        client.onConnected(refreshAll);
        client.on('settings.changed', ({ settings }) => set({ settings, settingsProblem: null }));
        client.on('vault.changed', ({ status }) => set({ vault: status }));
        client.on('notice', ({ level, message }) => set({ notice: { level, message } }));
        if (client.connectionState === 'connected') refreshAll();
      },

      async saveProvider(payload) {
        const outcome = await call('provider.save', payload);
        if (outcome.ok) {
          // The background also broadcasts `settings.changed`; merging here keeps the list right
          // even if that event is missed.
          const saved = outcome.value.provider;
          const current = get().settings ?? { providers: [] };
          const exists = current.providers.some((p) => p.id === saved.id);
          set({
            settings: {
              ...current,
              providers: exists
                ? current.providers.map((p) => (p.id === saved.id ? saved : p))
                : [...current.providers, saved],
            },
          });
        }
        return outcome;
      },

      removeProvider(providerId) {
        return settingsCall('provider.remove', { providerId });
      },

      async moveProvider(providerId, step) {
        const ids = (get().settings?.providers ?? []).map((p) => p.id);
        const from = ids.indexOf(providerId);
        const to = from + step;
        if (from < 0 || to < 0 || to >= ids.length) {
          return { ok: false, problem: { message: 'That provider cannot move further.' } };
        }
        [ids[from], ids[to]] = [ids[to]!, ids[from]!];
        return settingsCall('provider.reorder', { providerIds: ids });
      },

      checkProvider(providerId) {
        return call('provider.check', { providerId });
      },

      makeDefault(providerId) {
        return settingsCall('settings.update', { defaultProviderId: providerId });
      },

      saveSystemPrompt(systemPrompt) {
        return settingsCall('settings.update', { systemPrompt });
      },

      setModelTitles(modelTitles) {
        return settingsCall('settings.update', { modelTitles });
      },

      async loadModels(providerId, refresh) {
        const previous = get().models[providerId]?.models ?? [];
        const put = (entry: ModelList) => set({ models: { ...get().models, [providerId]: entry } });
        put({ models: previous, loading: true });
        const outcome = await call('models.list', { providerId, refresh });
        if (outcome.ok) put({ models: outcome.value.models, loading: false });
        else put({ models: previous, loading: false, problem: outcome.problem });
      },

      async exportSettings() {
        const outcome = await call('settings.export', {});
        return outcome.ok ? { ok: true, value: outcome.value.json } : outcome;
      },

      async importSettings(json) {
        const outcome = await call('settings.import', { json });
        if (!outcome.ok) return outcome;
        set({ settings: outcome.value.settings });
        return { ok: true, value: outcome.value.imported };
      },

      async loadUsage() {
        set({ usage: { ...get().usage, loading: true } });
        const outcome = await call('usage.get', {});
        set({
          usage: outcome.ok
            ? { totals: outcome.value, loading: false, problem: null }
            : { ...get().usage, loading: false, problem: outcome.problem },
        });
      },

      unlock(passphrase) {
        return vaultCall('vault.unlock', { passphrase });
      },
      lock() {
        return vaultCall('vault.lock', {});
      },
      enablePassphrase(passphrase) {
        return vaultCall('vault.enablePassphrase', { passphrase });
      },
      changePassphrase(oldPassphrase, newPassphrase) {
        return vaultCall('vault.changePassphrase', { oldPassphrase, newPassphrase });
      },
      removePassphrase(passphrase) {
        return vaultCall('vault.removePassphrase', { passphrase });
      },
      resetVault() {
        return vaultCall('vault.reset', { confirm: 'delete all keys' });
      },
      setAutoLock(ms) {
        return vaultCall('vault.setAutoLock', { ms });
      },

      dismissNotice() {
        set({ notice: null });
      },
    };
  });
}
