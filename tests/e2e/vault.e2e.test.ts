// The key vault in the real extension: a key entered in the options page is nowhere in what the
// extension stores or sends back over its ports, chats still work with it, and passphrase mode
// locks, prompts to unlock in the side panel, and unlocks.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMockProvider, type MockProvider } from '../mock-provider/server';
import {
  addProviderViaOptions,
  dumpExtensionStorage,
  launchExtension,
  recordPortMessages,
  setModelTitles,
  type ExtensionSession,
} from './harness';

const API_KEY = 'sk-vault-e2e-SECRET-4f9a2c7d1e8b';
const PASSPHRASE = 'correct horse battery staple';
let session: ExtensionSession;
let mock: MockProvider;
const workerLogs: string[] = [];

type PortLog = { direction: 'sent' | 'received'; message: unknown }[];
const portLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __parleyPortLog: PortLog }).__parleyPortLog);

beforeAll(async () => {
  mock = await startMockProvider({ apiKey: API_KEY });
  session = await launchExtension();
  await session.context.addInitScript(recordPortMessages);
  session.worker.on('console', (message) => workerLogs.push(message.text()));
});
afterAll(async () => {
  await session?.close();
  await mock?.close();
});

async function chat(panel: Page, text: string, reply: string) {
  mock.enqueue({ kind: 'reply', text: reply, chunkDelayMs: 5 });
  await panel.getByRole('textbox', { name: 'Message' }).fill(text);
  await panel.getByRole('button', { name: 'Send' }).click();
  await panel
    .getByRole('article', { name: /^Assistant/ })
    .last()
    .getByText(reply)
    .waitFor();
}

describe('encrypted key vault', () => {
  test('the raw key is in no storage area, no database and no message the extension sends', async () => {
    const options = await session.openPage('options.html');
    await addProviderViaOptions(options, {
      preset: 'OpenAI-compatible',
      name: 'Vaulted',
      baseURL: mock.baseURL,
      apiKey: API_KEY,
      model: 'mock-model',
    });
    await options.getByRole('status').filter({ hasText: 'Key works' }).waitFor();
    await setModelTitles(options, false);
    await expect(
      options
        .getByText('sk-…2c7d1e8b')
        .or(options.getByText(/sk-…\w{4}/))
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    const panel = await session.openPage('sidepanel.html');
    await chat(panel, 'Is my key safe?', 'It is encrypted.');
    const sentWithKey = mock.requests.filter(
      (r) => r.method === 'POST' && r.headers.authorization === `Bearer ${API_KEY}`,
    );
    expect(sentWithKey.length).toBeGreaterThan(0);

    const stored = await dumpExtensionStorage(session.worker);
    expect(stored).toContain('vault.v1'); // the vault is really there…
    expect(stored).not.toContain(API_KEY); // …and the key is not readable in it
    expect(stored).not.toContain(API_KEY.slice(3, 20));
    expect(JSON.stringify(await session.worker.evaluate(() => chrome.storage.sync.get(null)))).toBe(
      '{}',
    );

    for (const page of [options, panel]) {
      const log = await portLog(page);
      expect(log.length).toBeGreaterThan(0);
      const received = log.filter((entry) => entry.direction === 'received');
      expect(JSON.stringify(received)).not.toContain(API_KEY);
      // The only message that ever carries the key is the options page handing it to the vault.
      const carrying = log.filter((entry) => JSON.stringify(entry.message).includes(API_KEY));
      expect(carrying.map((e) => (e.message as { name?: string }).name)).toEqual(
        page === options ? ['provider.save'] : [],
      );
      const pageStorage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(pageStorage).not.toContain(API_KEY);
    }
    expect(workerLogs.join('\n')).not.toContain(API_KEY);
  });

  test('passphrase mode: lock, a chat attempt prompts to unlock, unlock, chat works', async () => {
    const options = await session.openPage('options.html');
    const setForm = options.getByRole('form', { name: 'Set a passphrase' });
    await setForm.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await setForm.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await setForm.getByRole('button', { name: 'Set passphrase' }).click();
    await options.getByRole('button', { name: 'Lock now' }).click();
    await options.getByRole('group', { name: 'Unlock your API keys' }).first().waitFor();

    const locked = await dumpExtensionStorage(session.worker);
    expect(locked).not.toContain(API_KEY);
    expect(await session.worker.evaluate(() => chrome.storage.session.get(null))).toEqual({});

    const panel = await session.openPage('sidepanel.html');
    await panel.getByRole('form', { name: 'Unlock your API keys' }).waitFor();
    await panel.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
    await panel.getByRole('button', { name: 'Send' }).click();
    // Nothing is sent to the provider and the typed text stays in the box.
    await expect(panel.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe(
      'Are you there?',
    );
    await session.screenshot(panel, 'sidepanel-vault-locked');

    const unlock = panel.getByRole('form', { name: 'Unlock your API keys' });
    await unlock.getByLabel('Passphrase').fill('not the passphrase');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await unlock.getByRole('alert').waitFor();
    await unlock.getByLabel('Passphrase').fill(PASSPHRASE);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await unlock.waitFor({ state: 'detached' });

    mock.enqueue({ kind: 'reply', text: 'Unlocked and answering.', chunkDelayMs: 5 });
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel
      .getByRole('article', { name: /^Assistant/ })
      .last()
      .getByText('Unlocked and answering.')
      .waitFor();
    expect(JSON.stringify(await portLog(panel))).not.toContain(API_KEY);
    expect(await dumpExtensionStorage(session.worker)).not.toContain(API_KEY);
  });
});
