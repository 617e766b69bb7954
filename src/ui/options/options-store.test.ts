// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { SettingsView } from '@/shared/settings';
import { createOptionsStore } from './options-store';
import { BackgroundRefusal, createFakeBackground, type Handlers } from '../testing/fake-background';
import {
  deviceVault,
  lockedVault,
  ollamaProvider,
  openAiProvider,
  startupHandlers,
  unlockedVault,
} from './testing/fixtures';

const twoProviders: SettingsView = { providers: [openAiProvider, ollamaProvider] };

async function startedStore(handlers: Handlers = {}, settings = twoProviders) {
  const background = createFakeBackground({ ...startupHandlers(settings), ...handlers });
  const store = createOptionsStore(background.client);
  store.getState().start();
  await vi.waitFor(() => {
    const state = store.getState();
    expect(state.settings && state.vault && state.usage.totals).toBeTruthy();
  });
  return { background, store };
}

describe('createOptionsStore', () => {
  it('loads settings, vault status and usage once connected', async () => {
    const { store } = await startedStore();
    expect(store.getState()).toMatchObject({
      connection: 'connected',
      settings: twoProviders,
      vault: deviceVault,
      usage: { totals: { rows: [] }, loading: false, problem: null },
    });
  });

  it('reloads everything after the worker restarted', async () => {
    const { background, store } = await startedStore();
    background.dropConnection();
    expect(store.getState().connection).toBe('reconnecting');
    background.handle({ 'vault.status': () => lockedVault });
    background.reconnect();
    await vi.waitFor(() => expect(store.getState().vault).toEqual(lockedVault));
    expect(store.getState().connection).toBe('connected');
    expect(background.payloadsOf('settings.get')).toHaveLength(2);
  });

  it('follows settings, vault and notice events', async () => {
    const { background, store } = await startedStore();
    background.emit('settings.changed', { settings: { providers: [ollamaProvider] } });
    background.emit('vault.changed', { status: unlockedVault });
    background.emit('notice', { level: 'error', message: 'Storage is full.' });
    expect(store.getState().settings).toEqual({ providers: [ollamaProvider] });
    expect(store.getState().vault).toEqual(unlockedVault);
    expect(store.getState().notice).toEqual({ level: 'error', message: 'Storage is full.' });
  });

  it('reports a failed settings load instead of loading forever', async () => {
    const background = createFakeBackground({
      ...startupHandlers(),
      'settings.get': () => {
        throw new BackgroundRefusal({ message: 'Storage is unavailable.', code: 'storage' });
      },
    });
    const store = createOptionsStore(background.client);
    store.getState().start();
    await vi.waitFor(() =>
      expect(store.getState().settingsProblem).toEqual({
        message: 'Storage is unavailable.',
        code: 'storage',
      }),
    );
  });

  it('moves a provider by sending the whole new order', async () => {
    const { background, store } = await startedStore({
      'provider.reorder': ({ providerIds }) => ({
        providers: providerIds.map((id) => twoProviders.providers.find((p) => p.id === id)!),
      }),
    });
    const outcome = await store.getState().moveProvider('ollama-1', -1);
    expect(outcome.ok).toBe(true);
    expect(background.payloadsOf('provider.reorder')).toEqual([
      { providerIds: ['ollama-1', 'openai-1'] },
    ]);
    expect(store.getState().settings?.providers.map((p) => p.id)).toEqual(['ollama-1', 'openai-1']);
  });

  it('does not ask the background to move past either end', async () => {
    const { background, store } = await startedStore();
    expect((await store.getState().moveProvider('openai-1', -1)).ok).toBe(false);
    expect((await store.getState().moveProvider('ollama-1', 1)).ok).toBe(false);
    expect(background.payloadsOf('provider.reorder')).toEqual([]);
  });

  it('puts a saved provider in the list: replaced when edited, appended when new', async () => {
    const renamed = { ...openAiProvider, name: 'Work' };
    const added = { ...ollamaProvider, id: 'new-1', name: 'LM' };
    const { background, store } = await startedStore({
      'provider.save': ({ provider }) => ({
        provider: provider.id ? renamed : added,
        check: { status: 'valid', modelCount: 3 },
      }),
    });
    await store.getState().saveProvider({ provider: { ...renamed, id: 'openai-1' } });
    await store
      .getState()
      .saveProvider({ provider: { name: 'LM', preset: 'lmstudio', baseURL: 'x' } });
    expect(store.getState().settings?.providers.map((p) => p.name)).toEqual([
      'Work',
      'Home Ollama',
      'LM',
    ]);
    expect(background.payloadsOf('provider.save')).toHaveLength(2);
  });

  it('refreshes the vault status when a request fails because the keys are locked', async () => {
    const { background, store } = await startedStore({
      'provider.check': () => {
        background.handle({ 'vault.status': () => lockedVault });
        throw new BackgroundRefusal({ message: 'Your keys are locked.', code: 'vault_locked' });
      },
    });
    const outcome = await store.getState().checkProvider('openai-1');
    expect(outcome).toEqual({
      ok: false,
      problem: { message: 'Your keys are locked.', code: 'vault_locked' },
    });
    await vi.waitFor(() => expect(store.getState().vault).toEqual(lockedVault));
  });

  it('keeps the previous model list when reloading it fails', async () => {
    let fail = false;
    const { store } = await startedStore({
      'models.list': () => {
        if (fail) throw new BackgroundRefusal({ message: 'Server down.' });
        return { models: [{ id: 'llama3' }], fetchedAt: 1 };
      },
    });
    await store.getState().loadModels('ollama-1', false);
    fail = true;
    await store.getState().loadModels('ollama-1', true);
    expect(store.getState().models['ollama-1']).toEqual({
      models: [{ id: 'llama3' }],
      loading: false,
      problem: { message: 'Server down.' },
    });
  });

  it('imports settings and reports how many providers came in', async () => {
    const { background, store } = await startedStore({
      'settings.import': () => ({ settings: { providers: [ollamaProvider] }, imported: 1 }),
    });
    expect(await store.getState().importSettings('{"x":1}')).toEqual({ ok: true, value: 1 });
    expect(background.payloadsOf('settings.import')).toEqual([{ json: '{"x":1}' }]);
    expect(store.getState().settings).toEqual({ providers: [ollamaProvider] });
  });
});
