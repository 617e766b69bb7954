import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '@/shared/settings';
import { BackgroundRefusal } from '../testing/fake-background';
import { ollamaProvider, openAiProvider, startupHandlers } from './testing/fixtures';
import { findProviderForm, renderOptions } from './testing/render-options';

afterEach(cleanup);

const settings: SettingsView = { providers: [openAiProvider, ollamaProvider] };

function reorderFrom(view: SettingsView) {
  return ({ providerIds }: { providerIds: string[] }): SettingsView => ({
    ...view,
    providers: providerIds.map((id) => view.providers.find((p) => p.id === id)!),
  });
}

describe('provider list', () => {
  it('explains what a provider is when there is none', async () => {
    renderOptions();
    expect(await screen.findByText('No providers yet.')).toBeTruthy();
    expect(screen.getByText(/A provider is the service that runs the model/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Providers' })).toBeNull();
  });

  it('shows each provider in order with its preset, address, masked key and model', async () => {
    renderOptions(startupHandlers(settings));
    const list = await screen.findByRole('list', { name: 'Providers' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('.provider-name')?.textContent)).toEqual([
      'OpenAI',
      'Home Ollama',
    ]);
    const [openAi, ollama] = rows.map((row) => within(row));
    expect(openAi!.getByText('sk-…abcd')).toBeTruthy();
    expect(openAi!.getByText('https://api.openai.com/v1')).toBeTruthy();
    expect(openAi!.getByText('gpt-4.1-mini')).toBeTruthy();
    expect(ollama!.getByText('Ollama')).toBeTruthy();
    expect(ollama!.getByText('No key')).toBeTruthy();
    expect(ollama!.getByText('http://localhost:11434/v1')).toBeTruthy();
  });

  it('marks the first provider as the default when none was chosen, and changes it', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers(settings),
      'settings.update': ({ defaultProviderId }) => ({ ...settings, defaultProviderId }),
    });
    const group = await screen.findByRole('radiogroup', { name: 'Default provider' });
    const openAi = within(group).getByRole('radio', { name: 'Make OpenAI the default' });
    const ollama = within(group).getByRole('radio', { name: 'Make Home Ollama the default' });
    expect(openAi).toHaveProperty('checked', true);
    await user.click(ollama);
    expect(background.payloadsOf('settings.update')).toEqual([{ defaultProviderId: 'ollama-1' }]);
    expect(ollama).toHaveProperty('checked', true);
    expect(openAi).toHaveProperty('checked', false);
  });

  it('moves a provider down and keeps focus on its move button', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers(settings),
      'provider.reorder': reorderFrom(settings),
    });
    const up = await screen.findByRole('button', { name: 'Move OpenAI up' });
    expect(up).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Move Home Ollama down' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(screen.getByRole('button', { name: 'Move OpenAI down' }));
    expect(background.payloadsOf('provider.reorder')).toEqual([
      { providerIds: ['ollama-1', 'openai-1'] },
    ]);
    const names = () =>
      [...document.querySelectorAll('.provider-row .provider-name')].map((n) => n.textContent);
    await waitFor(() => expect(names()).toEqual(['Home Ollama', 'OpenAI']));
    // It reached the bottom, so focus goes to the move button that still works.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move OpenAI up' }));
  });

  it('asks for confirmation before removing, and can be cancelled', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers(settings),
      'provider.remove': ({ providerId }) => ({
        providers: settings.providers.filter((p) => p.id !== providerId),
      }),
    });
    const row = within(await screen.findByRole('listitem', { name: 'Home Ollama' }));
    await user.click(row.getByRole('button', { name: 'Remove' }));
    const confirm = within(row.getByRole('group', { name: 'Remove Home Ollama?' }));
    expect(document.activeElement).toBe(confirm.getByRole('button', { name: 'Cancel' }));
    await user.click(confirm.getByRole('button', { name: 'Cancel' }));
    expect(background.payloadsOf('provider.remove')).toEqual([]);

    await user.click(row.getByRole('button', { name: 'Remove' }));
    await user.click(row.getByRole('button', { name: 'Remove provider' }));
    expect(background.payloadsOf('provider.remove')).toEqual([{ providerId: 'ollama-1' }]);
    expect(screen.queryByRole('listitem', { name: 'Home Ollama' })).toBeNull();
    expect(screen.getByRole('listitem', { name: 'OpenAI' })).toBeTruthy();
  });

  it('returns the form to "Add a provider" when the provider being edited is removed', async () => {
    const { user } = renderOptions({
      ...startupHandlers(settings),
      'provider.remove': () => ({ providers: [ollamaProvider] }),
    });
    const row = within(await screen.findByRole('listitem', { name: 'OpenAI' }));
    await user.click(row.getByRole('button', { name: 'Edit' }));
    await findProviderForm('Edit provider');
    await user.click(row.getByRole('button', { name: 'Remove' }));
    await user.click(row.getByRole('button', { name: 'Remove provider' }));
    const form = await findProviderForm('Add a provider');
    expect(form.getByRole('textbox', { name: 'Name' })).toHaveProperty('value', '');
  });

  it('tests a provider and shows the result in its row', async () => {
    const { user, background } = renderOptions({
      ...startupHandlers(settings),
      'provider.check': ({ providerId }) =>
        providerId === 'openai-1'
          ? { status: 'valid', modelCount: 87 }
          : {
              status: 'unreachable',
              message: 'Connection refused.',
              baseURL: 'http://localhost:11434/v1',
            },
    });
    const openAi = within(await screen.findByRole('listitem', { name: 'OpenAI' }));
    await user.click(openAi.getByRole('button', { name: 'Test' }));
    expect((await openAi.findByRole('status')).textContent).toBe('Key works: 87 models available.');

    const ollama = within(screen.getByRole('listitem', { name: 'Home Ollama' }));
    await user.click(ollama.getByRole('button', { name: 'Test' }));
    const alert = await ollama.findByRole('alert');
    expect(alert.textContent).toContain('Connection refused.');
    expect(alert.textContent).toContain('http://localhost:11434/v1');
    expect(background.payloadsOf('provider.check')).toEqual([
      { providerId: 'openai-1' },
      { providerId: 'ollama-1' },
    ]);
  });

  it('says when a stored key cannot be read instead of "No key", and tests it as keyless', async () => {
    const keyError = 'It was saved by another browser profile. Enter the key again.';
    const { user } = renderOptions({
      ...startupHandlers({ providers: [{ ...openAiProvider, keyError }] }),
      'provider.check': () => ({ status: 'valid', modelCount: 3 }),
    });
    const row = within(await screen.findByRole('listitem', { name: 'OpenAI' }));
    const problem = row.getByText('Key unreadable.').parentElement!;
    expect(problem.className).toBe('key-error');
    expect(problem.textContent).toBe(`Key unreadable. ${keyError}`);
    expect(row.queryByText('No key')).toBeNull();
    await user.click(row.getByRole('button', { name: 'Test' }));
    expect((await row.findByRole('status')).textContent).toBe('Connected: 3 models available.');
  });

  it('shows a failed request in the row that made it', async () => {
    const { user } = renderOptions({
      ...startupHandlers(settings),
      'provider.check': () => {
        throw new BackgroundRefusal({
          message: 'That provider no longer exists.',
          code: 'not_found',
        });
      },
    });
    const ollama = within(await screen.findByRole('listitem', { name: 'Home Ollama' }));
    await user.click(ollama.getByRole('button', { name: 'Test' }));
    expect((await ollama.findByRole('alert')).textContent).toBe('That provider no longer exists.');
    const openAi = within(screen.getByRole('listitem', { name: 'OpenAI' }));
    expect(openAi.queryByRole('alert')).toBeNull();
  });
});
