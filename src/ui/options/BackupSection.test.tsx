import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundRefusal } from '../testing/fake-background';
import { ollamaProvider, openAiProvider } from './testing/fixtures';
import { renderOptions } from './testing/render-options';

afterEach(cleanup);

async function backup() {
  return within(await screen.findByRole('region', { name: 'Backup' }));
}

describe('backup', () => {
  it('exports the settings JSON as a downloaded file and says keys are not included', async () => {
    const exported = JSON.stringify({ format: 'parley-settings', version: 1, settings: {} });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:parley/export';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    const { user, background } = renderOptions({ 'settings.export': () => ({ json: exported }) });
    const section = await backup();
    expect(section.getByText('API keys are not included.')).toBeTruthy();

    await user.click(section.getByRole('button', { name: 'Export settings' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatch(/^parley-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(JSON.parse(exported));
    expect(background.payloadsOf('settings.export')).toEqual([{}]);
  });

  it('imports a file and says how many providers came in and that keys are needed again', async () => {
    const { user, background } = renderOptions({
      'settings.import': () => ({
        settings: { providers: [openAiProvider, ollamaProvider] },
        imported: 2,
      }),
    });
    const section = await backup();
    const json = '{"format":"parley-settings","version":1}';
    await user.upload(
      section.getByLabelText('Settings file to import'),
      new File([json], 'parley.json', { type: 'application/json' }),
    );
    const status = await section.findByRole('status');
    expect(status.textContent).toBe(
      'Imported 2 providers. Enter their API keys again: keys are never part of an export.',
    );
    expect(background.payloadsOf('settings.import')).toEqual([{ json }]);
    expect(await screen.findByRole('listitem', { name: 'Home Ollama' })).toBeTruthy();
  });

  it('shows why an import was refused', async () => {
    const { user } = renderOptions({
      'settings.import': () => {
        throw new BackgroundRefusal({ message: 'That file is not a Parley settings export.' });
      },
    });
    const section = await backup();
    await user.upload(
      section.getByLabelText('Settings file to import'),
      new File(['{}'], 'other.json', { type: 'application/json' }),
    );
    expect((await section.findByRole('alert')).textContent).toBe(
      'That file is not a Parley settings export.',
    );
  });
});
