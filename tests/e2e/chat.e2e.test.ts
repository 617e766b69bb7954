// The walking skeleton end to end: a provider added through the options page, a chat streamed
// in the side panel from the mock provider, a stop, and a 401 explained to the user.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMockProvider, type MockProvider } from '../mock-provider/server';
import {
  addProviderViaOptions,
  launchExtension,
  setModelTitles,
  type ExtensionSession,
} from './harness';

const API_KEY = 'sk-e2e-skeleton-0123456789abcdef';
let session: ExtensionSession;
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ apiKey: API_KEY, models: ['mock-small', 'mock-large'] });
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
  await mock?.close();
});

describe('walking skeleton', () => {
  test('add a provider in the options page, chat in the side panel, stop a stream', async () => {
    const options = await session.openPage('options.html');
    await addProviderViaOptions(options, {
      preset: 'OpenAI-compatible',
      name: 'Mock',
      baseURL: mock.baseURL,
      apiKey: API_KEY,
      model: 'mock-small',
    });
    await options.getByRole('status').filter({ hasText: 'Key works: 2 models' }).waitFor();
    // Access to the mock's address was asked for, for exactly that origin.
    const asked = await options.evaluate(
      () =>
        (window as unknown as { __parleyPermissionRequests: unknown[] }).__parleyPermissionRequests,
    );
    expect(asked).toEqual([{ origins: [`${new URL(mock.baseURL).origin}/*`] }]);
    await session.screenshot(options, 'options-provider-added');
    await setModelTitles(options, false);

    const panel = await session.openPage('sidepanel.html');
    mock.enqueue({
      kind: 'reply',
      text: 'Streaming works from the **mock** provider.',
      chunkDelayMs: 40,
    });
    await panel.getByRole('textbox', { name: 'Message' }).fill('Hello, Parley');
    await panel.getByRole('button', { name: 'Send' }).click();
    await expect(panel.getByRole('article', { name: /^You/ }).textContent()).resolves.toContain(
      'Hello, Parley',
    );
    const answer = panel.getByRole('article', { name: /^Assistant/ }).last();
    await answer.getByText('Streaming works from the mock provider.').waitFor();
    const request = mock.requests.find(
      (r) => r.method === 'POST' && r.path === '/v1/chat/completions',
    );
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: 'mock-small', stream: true });
    await session.screenshot(panel, 'sidepanel-chat');

    // A long answer, stopped half-way: the text so far stays, marked as stopped.
    mock.enqueue({
      kind: 'stall',
      text: 'This answer will never finish on its own.',
      afterEvents: 3,
    });
    await panel.getByRole('textbox', { name: 'Message' }).fill('Tell me something long');
    await panel.getByRole('button', { name: 'Send' }).click();
    const stopped = panel.getByRole('article', { name: /^Assistant/ }).last();
    await stopped.getByText(/This answer/).waitFor();
    await panel.getByRole('button', { name: 'Stop' }).click();
    await stopped.getByText(/stopped/).waitFor();
    const outcome = await mock.waitForOutcome((r) => r.behaviour?.kind === 'stall');
    expect(outcome.outcome).toBe('client-aborted');
    await panel.getByRole('button', { name: 'Send' }).waitFor();
    await session.screenshot(panel, 'sidepanel-stopped');
  });

  test('a provider that answers 401 shows what happened and what to do', async () => {
    const panel = await session.openPage('sidepanel.html');
    mock.enqueue({ kind: 'status', status: 401 });
    await panel.getByRole('textbox', { name: 'Message' }).fill('Does my key work?');
    await panel.getByRole('button', { name: 'Send' }).click();
    const alert = panel
      .getByRole('article', { name: /^Assistant/ })
      .last()
      .getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/API key/i);
    await expect(panel.getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe('');
    await expect(
      panel.getByRole('article', { name: /^You/ }).last().textContent(),
    ).resolves.toContain('Does my key work?');
    await session.screenshot(panel, 'sidepanel-401');
  });

  test('after the first answer the model names the conversation', async () => {
    const options = await session.openPage('options.html');
    await setModelTitles(options, true);
    const panel = await session.openPage('sidepanel.html');
    await panel.getByRole('button', { name: 'New chat' }).click();
    mock.enqueue({ kind: 'reply', text: 'The Moon pulls the oceans.', chunkDelayMs: 5 });
    mock.enqueue({ kind: 'reply', text: '"Tides and the Moon."' });
    await panel.getByRole('textbox', { name: 'Message' }).fill('why are there tides?');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByRole('heading', { name: 'why are there tides?' }).waitFor();
    await panel.getByRole('heading', { name: 'Tides and the Moon' }).waitFor();
    const titleRequest = mock.requests.filter((r) => r.method === 'POST').at(-1);
    expect(JSON.stringify(titleRequest?.body)).toContain('why are there tides?');
  });
});
