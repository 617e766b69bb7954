import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultStatus } from '@/shared/protocol';
import { BackgroundRefusal, type Handlers } from '../testing/fake-background';
import { deviceVault, lockedVault, startupHandlers, unlockedVault } from './testing/fixtures';
import { renderOptions } from './testing/render-options';

afterEach(cleanup);

const wrongPassphrase = () => {
  throw new BackgroundRefusal({
    message: 'That passphrase is not correct. Nothing was changed; check it and try again.',
    code: 'invalid',
  });
};

function renderWithVault(vault: VaultStatus, handlers: Handlers = {}) {
  return renderOptions({ ...startupHandlers(undefined, vault), ...handlers });
}

async function securitySection() {
  return within(await screen.findByRole('region', { name: 'Key security' }));
}

describe('key security', () => {
  it('explains honestly what each mode protects against', async () => {
    renderWithVault(deviceVault);
    const section = await securitySection();
    const text = (await section.findByText(/Protected on this device/)).closest(
      'section',
    )!.textContent!;
    for (const fact of [
      'AES-GCM',
      'IndexedDB',
      'never synced',
      'never included in exports',
      'does not protect against malware',
      'PBKDF2-SHA-256, 600,000 iterations',
      'cannot recover a forgotten passphrase',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(fact);
    }
  });

  it('blocks a passphrase that does not match its confirmation, without a request', async () => {
    const { user, background } = renderWithVault(deviceVault);
    const form = within(await screen.findByRole('form', { name: 'Set a passphrase' }));
    await user.type(form.getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(form.getByLabelText('Confirm passphrase'), 'correct horse batterY');
    await user.click(form.getByRole('button', { name: 'Set passphrase' }));
    expect(form.getByRole('alert').textContent).toMatch(/do not match/);
    expect(background.payloadsOf('vault.enablePassphrase')).toEqual([]);
  });

  it('blocks a passphrase shorter than 8 characters and hints at strength while typing', async () => {
    const { user, background } = renderWithVault(deviceVault);
    const form = within(await screen.findByRole('form', { name: 'Set a passphrase' }));
    const passphrase = form.getByLabelText('Passphrase');
    await user.type(passphrase, 'short');
    const hint = () => document.getElementById(passphrase.getAttribute('aria-describedby')!);
    expect(hint()?.textContent).toMatch(/Too short/);
    await user.type(form.getByLabelText('Confirm passphrase'), 'short');
    await user.click(form.getByRole('button', { name: 'Set passphrase' }));
    expect(form.getByRole('alert').textContent).toMatch(/at least 8/);
    expect(background.payloadsOf('vault.enablePassphrase')).toEqual([]);
    await user.type(passphrase, ' and a few more words');
    expect(hint()?.textContent).toMatch(/^Strong/);
  });

  it('sets a passphrase and switches to the passphrase controls', async () => {
    const { user, background } = renderWithVault(deviceVault, {
      'vault.enablePassphrase': () => unlockedVault,
    });
    const form = within(await screen.findByRole('form', { name: 'Set a passphrase' }));
    await user.type(form.getByLabelText('Passphrase'), 'correct horse battery');
    await user.type(form.getByLabelText('Confirm passphrase'), 'correct horse battery');
    await user.click(form.getByRole('button', { name: 'Set passphrase' }));
    expect(await screen.findByRole('button', { name: 'Lock now' })).toBeTruthy();
    expect(background.payloadsOf('vault.enablePassphrase')).toEqual([
      { passphrase: 'correct horse battery' },
    ]);
    expect(screen.queryByRole('form', { name: 'Set a passphrase' })).toBeNull();
  });

  it('unlocks, showing a wrong passphrase inline', async () => {
    let attempts = 0;
    const { user } = renderWithVault(lockedVault, {
      'vault.unlock': () => (++attempts === 1 ? wrongPassphrase() : unlockedVault),
    });
    const section = await securitySection();
    expect(await section.findByText('Locked.')).toBeTruthy();
    const unlock = within(section.getByRole('group', { name: 'Unlock your API keys' }));
    await user.type(unlock.getByLabelText('Passphrase'), 'wrong one');
    await user.click(unlock.getByRole('button', { name: 'Unlock' }));
    expect((await unlock.findByRole('alert')).textContent).toMatch(/not correct/);
    expect(unlock.getByLabelText('Passphrase').getAttribute('aria-invalid')).toBe('true');
    await user.clear(unlock.getByLabelText('Passphrase'));
    await user.type(unlock.getByLabelText('Passphrase'), 'right one{Enter}');
    expect(await section.findByText('Unlocked.')).toBeTruthy();
  });

  it('follows vault.changed events (e.g. auto-lock while the page is open)', async () => {
    const { background } = renderWithVault(unlockedVault);
    const section = await securitySection();
    await section.findByText('Unlocked.');
    background.emit('vault.changed', { status: lockedVault });
    expect(await section.findByText('Locked.')).toBeTruthy();
    expect(section.getByRole('group', { name: 'Unlock your API keys' })).toBeTruthy();
  });

  it('locks now and sets the auto-lock time', async () => {
    const { user, background } = renderWithVault(unlockedVault, {
      'vault.lock': () => lockedVault,
      'vault.setAutoLock': ({ ms }) => ({ ...unlockedVault, autoLockMs: ms }),
    });
    const section = await securitySection();
    const select = await section.findByRole('combobox', { name: 'Lock automatically after' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      '5 minutes without use',
      '15 minutes without use',
      '1 hour without use',
      '4 hours without use',
      'Never (until the browser restarts)',
    ]);
    await user.selectOptions(select, '1 hour without use');
    expect(background.payloadsOf('vault.setAutoLock')).toEqual([{ ms: 3_600_000 }]);
    expect(await section.findByText(/after 1 hour without use/)).toBeTruthy();
    await user.selectOptions(select, 'Never (until the browser restarts)');
    expect(background.payloadsOf('vault.setAutoLock')[1]).toEqual({ ms: 0 });

    await user.click(section.getByRole('button', { name: 'Lock now' }));
    expect(background.payloadsOf('vault.lock')).toEqual([{}]);
    expect(await section.findByText('Locked.')).toBeTruthy();
  });

  it('changes the passphrase, blocking a mismatch and showing a wrong old one inline', async () => {
    let attempts = 0;
    const { user, background } = renderWithVault(unlockedVault, {
      'vault.changePassphrase': () => (++attempts === 1 ? wrongPassphrase() : unlockedVault),
    });
    const section = await securitySection();
    await user.click(await section.findByRole('button', { name: 'Change passphrase…' }));
    const form = within(section.getByRole('form', { name: 'Change passphrase' }));
    await user.type(form.getByLabelText('Current passphrase'), 'old passphrase');
    await user.type(form.getByLabelText('New passphrase'), 'new passphrase here');
    await user.type(form.getByLabelText('Confirm new passphrase'), 'new passphrase HERE');
    await user.click(form.getByRole('button', { name: 'Save new passphrase' }));
    expect(form.getByRole('alert').textContent).toMatch(/do not match/);
    expect(background.payloadsOf('vault.changePassphrase')).toEqual([]);

    await user.clear(form.getByLabelText('Confirm new passphrase'));
    await user.type(form.getByLabelText('Confirm new passphrase'), 'new passphrase here');
    await user.click(form.getByRole('button', { name: 'Save new passphrase' }));
    expect((await form.findByRole('alert')).textContent).toMatch(/not correct/);
    await user.click(form.getByRole('button', { name: 'Save new passphrase' }));
    expect(background.payloadsOf('vault.changePassphrase')).toEqual([
      { oldPassphrase: 'old passphrase', newPassphrase: 'new passphrase here' },
      { oldPassphrase: 'old passphrase', newPassphrase: 'new passphrase here' },
    ]);
    await screen.findByRole('button', { name: 'Change passphrase…' });
    expect(screen.queryByRole('form', { name: 'Change passphrase' })).toBeNull();
  });

  it('removes the passphrase with the current one', async () => {
    const { user, background } = renderWithVault(lockedVault, {
      'vault.removePassphrase': () => deviceVault,
    });
    const section = await securitySection();
    await user.click(await section.findByRole('button', { name: 'Remove passphrase…' }));
    const form = within(section.getByRole('form', { name: 'Remove passphrase' }));
    await user.type(form.getByLabelText('Current passphrase'), 'my passphrase');
    await user.click(form.getByRole('button', { name: 'Remove passphrase' }));
    expect(await section.findByText('Protected on this device.')).toBeTruthy();
    expect(background.payloadsOf('vault.removePassphrase')).toEqual([
      { passphrase: 'my passphrase' },
    ]);
  });

  it('offers a way out of a forgotten passphrase: reset deletes the keys after a confirmation', async () => {
    const { user, background } = renderWithVault(lockedVault, {
      'vault.reset': () => deviceVault,
    });
    const section = await securitySection();
    expect(section.queryByRole('form', { name: 'Forgot your passphrase' })).toBeNull();
    await user.click(await section.findByRole('button', { name: 'Forgot your passphrase?' }));
    const form = within(section.getByRole('form', { name: 'Forgot your passphrase' }));
    expect(form.getByText(/deletes every stored key/)).toBeTruthy();
    expect(background.payloadsOf('vault.reset')).toEqual([]);
    await user.click(form.getByRole('button', { name: 'Delete all keys and reset' }));
    expect(background.payloadsOf('vault.reset')).toEqual([{ confirm: 'delete all keys' }]);
    await section.findByText(/Protected on this device/);
  });
});
