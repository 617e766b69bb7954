import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@/shared/protocol';
import { createOptionsStore } from './options-store';
import { OptionsApp } from './OptionsApp';
import { createFakeBackground } from '../testing/fake-background';
import { startupHandlers } from './testing/fixtures';
import { renderOptions } from './testing/render-options';
import { OptionsStoreContext } from './use-options';

afterEach(cleanup);

describe('options page', () => {
  it('has one landmark per section, reachable from the page navigation', async () => {
    renderOptions();
    expect(screen.getByRole('heading', { level: 1, name: 'Parley settings' })).toBeTruthy();
    const names = ['Providers', 'Key security', 'Defaults', 'Backup', 'Usage'];
    for (const name of names) {
      const region = screen.getByRole('region', { name });
      const link = screen.getByRole('link', { name });
      expect(link.getAttribute('href')).toBe(`#${region.id}`);
    }
  });

  it('says when it is reconnecting, and stops saying it once back', async () => {
    const { background } = renderOptions();
    await screen.findByText('No providers yet.');
    background.dropConnection();
    const banner = await screen.findByText(/Reconnecting to Parley/);
    expect(banner.getAttribute('role')).toBe('status');
    background.reconnect();
    await screen.findByText('No providers yet.');
    await waitFor(() => expect(screen.queryByText(/Reconnecting/)).toBeNull());
  });

  it('asks for a reload when the background speaks a newer protocol', async () => {
    const background = createFakeBackground(startupHandlers(), { protocol: PROTOCOL_VERSION + 1 });
    const store = createOptionsStore(background.client);
    store.getState().start();
    render(
      <OptionsStoreContext.Provider value={store}>
        <OptionsApp />
      </OptionsStoreContext.Provider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Parley was updated\. Reload this page/);
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('shows background notices and lets them be dismissed', async () => {
    const { background, user } = renderOptions();
    await screen.findByText('No providers yet.');
    background.emit('notice', { level: 'error', message: 'Storage refused to save settings.' });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Storage refused to save settings.',
    );
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Storage refused to save settings.')).toBeNull();
  });
});
