import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProviderCheck } from '@/shared/protocol';
import type { ProviderView } from '@/shared/settings';
import { BackgroundRefusal, type Handlers } from '../testing/fake-background';
import {
  lockedVault,
  ollamaProvider,
  openAiProvider,
  startupHandlers,
  unlockedVault,
} from './testing/fixtures';
import { findProviderForm, renderOptions } from './testing/render-options';

afterEach(cleanup);

const RAW_KEY = 'sk-proj-THIS-IS-THE-RAW-SECRET-abcd';

/** Masks of keys the background already holds, by provider id. */
const STORED_MASKS: Record<string, string> = { [openAiProvider.id]: openAiProvider.maskedKey! };

/**
 * A background whose `provider.save` stores the provider and answers `check`, treating `apiKey`
 * as the real one does: a string replaces the key, null removes it, absent keeps it.
 */
function savingBackground(check: ProviderCheck, extra: Handlers = {}): Handlers {
  return {
    'provider.save': ({ provider, apiKey }) => {
      const kept = provider.id ? (STORED_MASKS[provider.id] ?? null) : null;
      const saved: ProviderView = {
        id: provider.id ?? 'new-1',
        name: provider.name,
        preset: provider.preset,
        kind: provider.preset === 'openai' ? 'openai' : 'compatible',
        api: provider.api ?? 'chat',
        baseURL: provider.baseURL,
        ...(provider.defaultModel ? { defaultModel: provider.defaultModel } : {}),
        maskedKey: apiKey ? `sk-…${apiKey.slice(-4)}` : apiKey === null ? null : kept,
      };
      return { provider: saved, check };
    },
    ...extra,
  };
}

function allowAccess(granted = true) {
  return vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(granted);
}

describe('provider form', () => {
  it('has fields with exactly the expected accessible names', async () => {
    renderOptions();
    const form = await findProviderForm('Add a provider');
    const preset = form.getByRole('combobox', { name: 'Provider' });
    expect(preset.tagName).toBe('SELECT');
    expect(
      within(preset)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['OpenAI', 'OpenRouter', 'Ollama', 'LM Studio', 'OpenAI-compatible']);
    expect(form.getByRole('textbox', { name: 'Base URL' })).toBeTruthy();
    expect(form.getByLabelText('API key')).toHaveProperty('type', 'password');
    const model = form.getByLabelText('Model') as HTMLInputElement;
    expect(model.tagName).toBe('INPUT');
    expect(model.list?.tagName).toBe('DATALIST');
    expect(form.getByRole('textbox', { name: 'Name' })).toBeTruthy();
    expect(form.getByRole('button', { name: 'Save' })).toHaveProperty('type', 'submit');
  });

  it('fills the base URL from the chosen preset; the user types it for OpenAI-compatible', async () => {
    const { user } = renderOptions();
    const form = await findProviderForm('Add a provider');
    const baseUrl = form.getByRole('textbox', { name: 'Base URL' }) as HTMLInputElement;
    const preset = form.getByRole('combobox', { name: 'Provider' });
    expect(baseUrl.value).toBe('https://api.openai.com/v1');
    await user.selectOptions(preset, 'Ollama');
    expect(baseUrl.value).toBe('http://localhost:11434/v1');
    await user.selectOptions(preset, 'LM Studio');
    expect(baseUrl.value).toBe('http://localhost:1234/v1');
    await user.selectOptions(preset, 'OpenRouter');
    expect(baseUrl.value).toBe('https://openrouter.ai/api/v1');
    await user.selectOptions(preset, 'OpenAI-compatible');
    expect(baseUrl.value).toBe('');
  });

  it('says the key is optional for local servers', async () => {
    const { user } = renderOptions();
    const form = await findProviderForm('Add a provider');
    const key = form.getByLabelText('API key');
    expect(key.getAttribute('aria-describedby')).toBeTruthy();
    await user.selectOptions(form.getByRole('combobox', { name: 'Provider' }), 'Ollama');
    expect(document.getElementById(key.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Optional for local servers.',
    );
  });

  it('offers the API choice for OpenAI only and sends it', async () => {
    allowAccess();
    const { user, background } = renderOptions(
      savingBackground({ status: 'valid', modelCount: 1 }),
    );
    const form = await findProviderForm('Add a provider');
    expect(form.getByRole('radio', { name: 'Responses' })).toHaveProperty('checked', true);
    await user.click(form.getByRole('radio', { name: 'Chat Completions' }));
    await user.type(form.getByLabelText('API key'), RAW_KEY);
    await user.click(form.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Key works/);
    expect(background.payloadsOf('provider.save')[0]?.provider.api).toBe('chat');

    await user.click(screen.getByRole('button', { name: '+ New provider' }));
    const fresh = await findProviderForm('Add a provider');
    await user.selectOptions(fresh.getByRole('combobox', { name: 'Provider' }), 'Ollama');
    expect(fresh.queryByRole('radio', { name: 'Chat Completions' })).toBeNull();
  });

  it('saves a new OpenAI provider without asking for access, then shows only the masked key', async () => {
    const request = allowAccess();
    const { user, background } = renderOptions(
      savingBackground(
        { status: 'valid', modelCount: 12 },
        {
          'models.list': () => ({
            models: [{ id: 'gpt-4.1' }, { id: 'gpt-4.1-mini' }],
            fetchedAt: 1,
          }),
        },
      ),
    );
    const form = await findProviderForm('Add a provider');
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Work');
    await user.type(form.getByLabelText('API key'), RAW_KEY);
    await user.type(form.getByLabelText('Model'), 'gpt-4.1');
    await user.click(form.getByRole('button', { name: 'Save' }));

    const result = await screen.findByText('Key works: 12 models available.');
    expect(result.closest('[role="status"]')).not.toBeNull();
    expect(request).not.toHaveBeenCalled();
    expect(background.payloadsOf('provider.save')).toEqual([
      {
        provider: {
          name: 'Work',
          preset: 'openai',
          baseURL: 'https://api.openai.com/v1',
          api: 'responses',
          defaultModel: 'gpt-4.1',
        },
        apiKey: RAW_KEY,
      },
    ]);

    // Now editing the saved provider; the key field is empty and the list shows the mask.
    const edit = await findProviderForm('Edit provider');
    expect(edit.getByLabelText('API key')).toHaveProperty('value', '');
    const row = screen.getByRole('listitem', { name: 'Work' });
    expect(within(row).getByText('sk-…abcd')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('THIS-IS-THE-RAW-SECRET');
    for (const input of document.querySelectorAll('input')) {
      expect(input.value).not.toContain('THIS-IS-THE-RAW-SECRET');
    }
    // A valid check loads the model list for the datalist.
    await waitFor(() =>
      expect(
        [...(edit.getByLabelText('Model') as HTMLInputElement).list!.options].map((o) => o.value),
      ).toEqual(['gpt-4.1', 'gpt-4.1-mini']),
    );
  });

  it('asks for access to a custom origin in the submit event itself, before saving', async () => {
    let savesWhenAsked = -1;
    const { background, user } = renderOptions(
      savingBackground({ status: 'valid', modelCount: 2 }),
    );
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
      savesWhenAsked = background.payloadsOf('provider.save').length;
      return true;
    });
    const form = await findProviderForm('Add a provider');
    await user.selectOptions(form.getByRole('combobox', { name: 'Provider' }), 'Ollama');

    fireEvent.submit(screen.getByRole('form', { name: 'Add a provider' }));
    // Synchronously within the submit event: Chrome needs the user gesture.
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost:11434/*'] });
    expect(savesWhenAsked).toBe(0);

    expect(await screen.findByText('Connected: 2 models available.')).toBeTruthy();
    expect(background.payloadsOf('provider.save')).toHaveLength(1);
    expect(screen.queryByText(/could not get access/)).toBeNull();
  });

  it.each([
    ['refused', () => allowAccess(false)],
    [
      'failed',
      () => vi.spyOn(fakeBrowser.permissions, 'request').mockRejectedValue(new Error('no gesture')),
    ],
  ])('still saves when access is %s, and explains what that means', async (_case, mock) => {
    mock();
    const { background, user } = renderOptions(
      savingBackground({
        status: 'unreachable',
        message: 'Could not connect.',
        baseURL: 'http://localhost:11434/v1',
      }),
    );
    const form = await findProviderForm('Add a provider');
    await user.selectOptions(form.getByRole('combobox', { name: 'Provider' }), 'Ollama');
    await user.click(form.getByRole('button', { name: 'Save' }));

    const warning = await screen.findByText(
      /Parley could not get access to http:\/\/localhost:11434/,
    );
    const alert = warning.closest('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('OLLAMA_ORIGINS=chrome-extension://*');
    expect(alert.textContent).toContain('CORS');
    expect(alert.textContent).toContain('Site access');
    expect(background.payloadsOf('provider.save')).toHaveLength(1);
  });

  it.each<[string, ProviderCheck, string[]]>([
    [
      'rejected',
      { status: 'rejected', message: 'Incorrect API key provided.' },
      ['rejected the key', 'Incorrect API key provided.'],
    ],
    [
      'unreachable',
      { status: 'unreachable', message: 'Network error.', baseURL: 'https://api.openai.com/v1' },
      ['Could not reach', 'Network error.', 'https://api.openai.com/v1'],
    ],
    [
      'error',
      { status: 'error', message: 'Server said 500.' },
      ['returned an error', 'Server said 500.'],
    ],
  ])('shows a %s check as an alert in the background’s words', async (_status, check, words) => {
    allowAccess();
    const { user } = renderOptions(savingBackground(check));
    const form = await findProviderForm('Add a provider');
    await user.type(form.getByLabelText('API key'), 'sk-test-key-1234567890');
    await user.click(form.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    for (const word of words) expect(alert.textContent).toContain(word);
    expect(alert.textContent).toContain('Saved “OpenAI”.');
  });

  it('shows a skipped check (vault locked) as a status', async () => {
    allowAccess();
    const { user } = renderOptions(
      savingBackground({ status: 'skipped', message: 'Your saved API keys are locked.' }),
    );
    const form = await findProviderForm('Add a provider');
    await user.click(form.getByRole('button', { name: 'Save' }));
    const message = await screen.findByText('Your saved API keys are locked.');
    expect(message.closest('[role="status"]')?.textContent).toContain('Not checked yet.');
  });

  it('keeps everything the user typed when saving fails', async () => {
    allowAccess();
    const { user } = renderOptions({
      'provider.save': () => {
        throw new BackgroundRefusal({ message: 'Storage refused the write.', code: 'storage' });
      },
    });
    const form = await findProviderForm('Add a provider');
    await user.selectOptions(form.getByRole('combobox', { name: 'Provider' }), 'OpenAI-compatible');
    await user.type(form.getByRole('textbox', { name: 'Base URL' }), 'https://gw.example.com/v1');
    await user.type(form.getByLabelText('API key'), 'sk-typed-key-000');
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Gateway');
    await user.type(form.getByLabelText('Model'), 'my-model');
    await user.click(form.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Storage refused the write.');
    const same = await findProviderForm('Add a provider');
    expect(same.getByRole('combobox', { name: 'Provider' })).toHaveProperty('value', 'custom');
    expect(same.getByRole('textbox', { name: 'Base URL' })).toHaveProperty(
      'value',
      'https://gw.example.com/v1',
    );
    expect(same.getByLabelText('API key')).toHaveProperty('value', 'sk-typed-key-000');
    expect(same.getByRole('textbox', { name: 'Name' })).toHaveProperty('value', 'Gateway');
    expect(same.getByLabelText('Model')).toHaveProperty('value', 'my-model');
  });

  it('blocks an invalid base URL before asking for access or saving', async () => {
    const request = allowAccess();
    const { user, background } = renderOptions();
    const form = await findProviderForm('Add a provider');
    await user.selectOptions(form.getByRole('combobox', { name: 'Provider' }), 'OpenAI-compatible');
    await user.type(form.getByRole('textbox', { name: 'Base URL' }), 'localhost:8080');
    await user.click(form.getByRole('button', { name: 'Save' }));
    const baseUrl = form.getByRole('textbox', { name: 'Base URL' });
    expect(baseUrl.getAttribute('aria-invalid')).toBe('true');
    expect(form.getByText(/http:\/\/ or https:\/\//)).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
    expect(background.payloadsOf('provider.save')).toEqual([]);
  });

  describe('editing', () => {
    const settings = { providers: [openAiProvider, ollamaProvider] };

    async function editOpenAi(handlers: Handlers = {}) {
      allowAccess();
      const rendered = renderOptions({
        ...startupHandlers(settings),
        ...savingBackground({ status: 'valid', modelCount: 5 }),
        ...handlers,
      });
      const row = await screen.findByRole('listitem', { name: 'OpenAI' });
      await rendered.user.click(within(row).getByRole('button', { name: 'Edit' }));
      return { ...rendered, form: await findProviderForm('Edit provider') };
    }

    it('fills the form and keeps the stored key when the key field stays empty', async () => {
      const { form, user, background } = await editOpenAi();
      expect(form.getByRole('textbox', { name: 'Name' })).toHaveProperty('value', 'OpenAI');
      expect(form.getByLabelText('Model')).toHaveProperty('value', 'gpt-4.1-mini');
      expect(form.getByLabelText('API key')).toHaveProperty('value', '');
      expect(form.getByText(/Stored key: sk-…abcd\. Leave empty to keep it/)).toBeTruthy();
      await user.clear(form.getByLabelText('Model'));
      await user.type(form.getByLabelText('Model'), 'o4-mini');
      await user.click(form.getByRole('button', { name: 'Save' }));
      await screen.findByText('Key works: 5 models available.');
      const [payload] = background.payloadsOf('provider.save');
      expect(payload).toEqual({
        provider: {
          id: 'openai-1',
          name: 'OpenAI',
          preset: 'openai',
          baseURL: 'https://api.openai.com/v1',
          api: 'responses',
          defaultModel: 'o4-mini',
        },
      });
      expect(payload).not.toHaveProperty('apiKey');
    });

    it('sends apiKey null when "Remove stored key" is checked', async () => {
      const { form, user, background } = await editOpenAi();
      await user.click(form.getByRole('checkbox', { name: 'Remove stored key' }));
      expect(form.getByLabelText('API key')).toHaveProperty('disabled', true);
      await user.click(form.getByRole('button', { name: 'Save' }));
      await screen.findByText(/Saved “OpenAI”/);
      expect(background.payloadsOf('provider.save')[0]?.apiKey).toBeNull();
    });

    it('sends a replacement key when one is typed', async () => {
      const { form, user, background } = await editOpenAi();
      await user.type(form.getByLabelText('API key'), 'sk-replacement-key-9999');
      await user.click(form.getByRole('button', { name: 'Save' }));
      await screen.findByText(/Saved “OpenAI”/);
      expect(background.payloadsOf('provider.save')[0]?.apiKey).toBe('sk-replacement-key-9999');
    });

    it('loads the provider’s models into the datalist on request', async () => {
      const { form, user, background } = await editOpenAi({
        'models.list': () => ({ models: [{ id: 'gpt-4o' }, { id: 'o3' }], fetchedAt: 1 }),
      });
      await user.click(form.getByRole('button', { name: 'Load models' }));
      await form.findByText('2 models loaded: type to search.');
      const list = (form.getByLabelText('Model') as HTMLInputElement).list!;
      expect([...list.options].map((o) => o.value)).toEqual(['gpt-4o', 'o3']);
      expect(background.payloadsOf('models.list')).toEqual([
        { providerId: 'openai-1', refresh: false },
      ]);
    });

    it('offers to unlock when saving fails because the keys are locked', async () => {
      const { form, user, background } = await editOpenAi({
        'provider.save': () => {
          background.handle({ 'vault.status': () => lockedVault });
          throw new BackgroundRefusal({
            message: 'Your saved API keys are locked.',
            code: 'vault_locked',
          });
        },
        'vault.unlock': () => unlockedVault,
      });
      await user.type(form.getByLabelText('API key'), 'sk-new-key-12345678');
      await user.click(form.getByRole('button', { name: 'Save' }));
      const unlock = within(await form.findByRole('group', { name: 'Unlock your API keys' }));
      // Enter unlocks without submitting the provider form around it.
      await user.type(unlock.getByLabelText('Passphrase'), 'my passphrase{Enter}');
      await form.findByText('Your keys are unlocked now. Try again.');
      expect(background.payloadsOf('vault.unlock')).toEqual([{ passphrase: 'my passphrase' }]);
      expect(background.payloadsOf('provider.save')).toHaveLength(1);
      // What was typed is still there for the retry.
      expect(form.getByLabelText('API key')).toHaveProperty('value', 'sk-new-key-12345678');
    });
  });
});
