// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ClientError } from '@/client';
import type { ModelInfo, ProviderConnection } from '@/client/types';
import type { ApiKeyStore } from '@/vault/api-key-store';
import { normalizeBaseURL, SettingsService } from './settings-service';

/** An in-memory key store standing in for the vault. */
function memoryKeys(): ApiKeyStore & { keys: Map<string, string> } {
  const keys = new Map<string, string>();
  return {
    keys,
    getKey: async (id) => keys.get(id),
    setKey: async (id, key) => void keys.set(id, key),
    removeKey: async (id) => void keys.delete(id),
    maskedKey: async (id) => (keys.has(id) ? `sk-…${keys.get(id)!.slice(-4)}` : null),
    maskedKeys: async () =>
      Object.fromEntries([...keys].map(([id, key]) => [id, `sk-…${key.slice(-4)}`])),
  };
}

function makeService(
  listModels: (conn: ProviderConnection) => Promise<ModelInfo[]> = async () => [{ id: 'm1' }],
) {
  const keys = memoryKeys();
  const onChange = vi.fn();
  let id = 0;
  const service = new SettingsService({
    local: fakeBrowser.storage.local,
    keys,
    listModels,
    now: () => 1_000,
    newId: () => `p${++id}`,
    onChange,
    log: { warn: () => undefined },
  });
  return { service, keys, onChange };
}

describe('normalizeBaseURL', () => {
  it('trims and drops trailing slashes', () => {
    expect(normalizeBaseURL('  http://localhost:11434/v1/ ')).toBe('http://localhost:11434/v1');
  });

  it('refuses what is not an http(s) URL, and keys hidden in the URL', () => {
    expect(() => normalizeBaseURL('localhost:11434')).toThrow(
      /not a valid base URL|must start with http/,
    );
    expect(() => normalizeBaseURL('ftp://example.com')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => normalizeBaseURL('https://user:sk-secret@example.com/v1')).toThrow(/API key/);
  });
});

describe('SettingsService', () => {
  it('saves a provider from a preset, stores the key in the key store only, and checks it', async () => {
    const listModels = vi.fn(async () => [{ id: 'a' }, { id: 'b' }]);
    const { service, keys, onChange } = makeService(listModels);
    const { provider, check } = await service.saveProvider(
      { name: '', preset: 'openrouter', baseURL: '' },
      'sk-or-secret-1234',
    );
    expect(provider).toMatchObject({
      name: 'OpenRouter',
      kind: 'openrouter',
      api: 'chat',
      baseURL: 'https://openrouter.ai/api/v1',
      maskedKey: 'sk-…1234',
    });
    expect(check).toEqual({ status: 'valid', modelCount: 2 });
    expect(listModels).toHaveBeenCalledWith(
      expect.objectContaining({ apiKey: 'sk-or-secret-1234' }),
    );
    expect(keys.keys.get(provider.id)).toBe('sk-or-secret-1234');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(
      'sk-or-secret-1234',
    );
    expect(onChange).toHaveBeenCalled();
  });

  it('reports a rejected key and an unreachable server in words, with the address tried', async () => {
    const { service } = makeService(async (conn) => {
      if (conn.apiKey === 'bad') {
        throw new ClientError({
          kind: 'auth',
          message: 'The provider rejected the API key.',
          retryable: false,
          status: 401,
        });
      }
      throw new ClientError({
        kind: 'network',
        message: 'Could not reach http://localhost:1234/v1.',
        retryable: true,
      });
    });
    const rejected = await service.saveProvider(
      { name: 'OR', preset: 'openai', baseURL: '' },
      'bad',
    );
    expect(rejected.check).toEqual({
      status: 'rejected',
      message: 'The provider rejected the API key.',
    });
    const unreachable = await service.saveProvider(
      { name: 'LM', preset: 'lmstudio', baseURL: '' },
      undefined,
    );
    expect(unreachable.check).toEqual({
      status: 'unreachable',
      message: 'Could not reach http://localhost:1234/v1.',
      baseURL: 'http://localhost:1234/v1',
    });
  });

  it('keeps the stored key when none is given, and removes it on null', async () => {
    const { service, keys } = makeService();
    const { provider } = await service.saveProvider(
      { name: 'A', preset: 'openai', baseURL: '' },
      'sk-first-0000',
    );
    await service.saveProvider(
      { id: provider.id, name: 'A2', preset: 'openai', baseURL: '' },
      undefined,
    );
    expect(keys.keys.get(provider.id)).toBe('sk-first-0000');
    await service.saveProvider(
      { id: provider.id, name: 'A2', preset: 'openai', baseURL: '' },
      null,
    );
    expect(keys.keys.has(provider.id)).toBe(false);
  });

  it('keeps the readable providers of corrupted settings and sets the rest aside', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        providers: [
          {
            id: 'ok',
            name: 'Fine',
            preset: 'openai',
            kind: 'openai',
            api: 'responses',
            baseURL: 'https://api.openai.com/v1',
          },
          { id: 42, name: null },
        ],
        defaultProviderId: 7,
      },
    });
    const { service } = makeService();
    const settings = await service.get();
    expect(settings.providers.map((p) => p.id)).toEqual(['ok']);
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored).some((k) => k.startsWith('settings.corrupted.'))).toBe(true);
  });

  it('exports settings without keys, says so, and imports them back beside existing providers', async () => {
    const { service } = makeService();
    await service.saveProvider({ name: 'Mine', preset: 'ollama', baseURL: '' }, undefined);
    await service.saveProvider(
      { name: 'Keyed', preset: 'openai', baseURL: '' },
      'sk-never-exported-9999',
    );
    const json = await service.exportJson();
    expect(json).not.toContain('sk-never-exported-9999');
    expect(JSON.parse(json).note).toMatch(/API keys are not included/);

    const other = makeService();
    const { imported, settings } = await other.service.importJson(json);
    expect(imported).toBe(2);
    expect(settings.providers.map((p) => p.name)).toEqual(['Mine', 'Keyed']);
    expect(settings.providers.every((p) => p.maskedKey === null)).toBe(true);
    await expect(other.service.importJson('{"format":"something-else"}')).rejects.toThrow(
      /not a Parley settings export/,
    );
    await expect(other.service.importJson('not json')).rejects.toThrow(/not valid JSON/);
  });

  it('serializes quick edits so none is lost, and reorders', async () => {
    const { service } = makeService();
    await Promise.all([
      service.saveProvider({ name: 'One', preset: 'ollama', baseURL: '' }, undefined),
      service.saveProvider({ name: 'Two', preset: 'lmstudio', baseURL: '' }, undefined),
      service.saveProvider(
        { name: 'Three', preset: 'custom', baseURL: 'http://10.0.0.2:8000/v1' },
        undefined,
      ),
    ]);
    const view = await service.view();
    expect(view.providers.map((p) => p.name).sort()).toEqual(['One', 'Three', 'Two']);
    const reordered = await service.reorder([...view.providers].reverse().map((p) => p.id));
    expect(reordered.providers.map((p) => p.name)).toEqual(
      [...view.providers].reverse().map((p) => p.name),
    );
  });

  it('names the provider when its stored key cannot be read, and shows a damaged vault as a key problem', async () => {
    const { service, keys } = makeService();
    const { provider } = await service.saveProvider(
      { name: 'Work', preset: 'openai', baseURL: '' },
      'sk-x-1234',
    );
    keys.getKey = async () => {
      throw Object.assign(new Error('record for some-id unreadable'), {
        name: 'KeyUnreadableError',
      });
    };
    await expect(service.connection(provider.id)).rejects.toMatchObject({
      code: 'key_unreadable',
      message: expect.stringContaining('The saved API key for Work cannot be read'),
    });
    keys.maskedKeys = async () => {
      throw Object.assign(new Error('The saved keys are damaged.'), { name: 'VaultDataError' });
    };
    const view = await service.view();
    expect(view.providers[0]).toMatchObject({
      maskedKey: null,
      keyError: expect.stringContaining('damaged'),
    });
  });

  it('ignores an imported default provider that the file does not contain', async () => {
    const { service } = makeService();
    const json = JSON.stringify({
      format: 'parley-settings',
      version: 1,
      settings: {
        providers: [
          {
            id: 'a',
            name: 'A',
            preset: 'ollama',
            kind: 'compatible',
            api: 'chat',
            baseURL: 'http://localhost:11434/v1',
          },
        ],
        defaultProviderId: 'missing',
      },
    });
    const { settings } = await service.importJson(json);
    expect(settings.defaultProviderId).toBeUndefined();
  });
});
