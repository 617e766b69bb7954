// Nothing is lost when the side panel closes or the service worker is stopped mid-answer.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startMockProvider,
  type MockProvider,
  type RecordedRequest,
} from '../mock-provider/server';
import {
  addProviderViaOptions,
  launchExtension,
  setModelTitles,
  stopServiceWorkers,
  storedMessages,
  until,
  type ExtensionSession,
} from './harness';

let session: ExtensionSession;
let mock: MockProvider;

const words = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ');
const isChat = (r: RecordedRequest) => r.method === 'POST' && r.path === '/v1/chat/completions';

beforeAll(async () => {
  mock = await startMockProvider({});
  session = await launchExtension();
  const options = await session.openPage('options.html');
  await addProviderViaOptions(options, {
    preset: 'OpenAI-compatible',
    baseURL: mock.baseURL,
    model: 'mock-slow',
  });
  await options.getByRole('status').filter({ hasText: 'models' }).waitFor();
  await setModelTitles(options, false);
  await options.close();
});
afterAll(async () => {
  await session?.close();
  await mock?.close();
});

async function send(panel: Page, text: string) {
  await panel.getByRole('button', { name: 'New chat' }).click();
  await panel.getByRole('textbox', { name: 'Message' }).fill(text);
  await panel.getByRole('button', { name: 'Send' }).click();
}

const lastAnswer = (panel: Page) => panel.getByRole('article', { name: /^Assistant/ }).last();

describe('durable answers', () => {
  test('closing the side panel mid-answer loses nothing: reopened, it is still streaming and completes', async () => {
    const full = words(40, 'slow');
    mock.enqueue({ kind: 'reply', text: full, chunkDelayMs: 800 }); // a 32 s answer
    const panel = await session.openPage('sidepanel.html');
    await send(panel, 'Give me a slow answer');
    await lastAnswer(panel)
      .getByText(/slow2\b/)
      .waitFor();
    await panel.close();

    const request = await mock.waitForRequest(isChat);
    const eventsAtClose = request.eventsSent ?? 0;
    await until(
      () => (request.eventsSent ?? 0) >= eventsAtClose + 3,
      10_000,
      'the stream to go on',
    );

    const reopened = await session.openPage('sidepanel.html');
    const answer = lastAnswer(reopened);
    await answer.getByText(/slow5\b/).waitFor();
    await expect(reopened.getByRole('button', { name: 'Stop' }).isVisible()).resolves.toBe(true);
    await expect(answer.getAttribute('aria-busy')).resolves.toBe('true');
    await session.screenshot(reopened, 'durability-reopened-streaming');

    await answer.getByText('slow39').waitFor({ timeout: 60_000 });
    await reopened.getByRole('button', { name: 'Send' }).waitFor();
    await expect(answer.locator('.message-text').innerText()).resolves.toBe(full);
    expect((await mock.waitForOutcome(isChat, 5_000)).outcome).toBe('completed');
    const stored = (await storedMessages(reopened)).find((m) => m.content === full);
    expect(stored?.state).toBe('complete');
  });

  test('stopping the service worker mid-answer: the partial answer is kept as interrupted and Continue completes it', async () => {
    mock.reset();
    mock.enqueue({ kind: 'stall', text: words(12, 'part'), afterEvents: 6 });
    const panel = await session.openPage('sidepanel.html');
    await send(panel, 'Start an answer I will interrupt');
    const request = await mock.waitForRequest(isChat);
    await until(() => request.stalledAt, 10_000, 'the stream to stall');
    // The partial text is on disk (saved within ~250 ms of arriving) before the worker goes.
    const partial = await until(
      async () =>
        (await storedMessages(panel)).find(
          (m) =>
            m.role === 'assistant' && m.content.startsWith('part0') && m.content.includes('part3'),
        ),
      5_000,
      'the partial answer to be saved',
    );

    await stopServiceWorkers(session.context, panel);
    expect((await mock.waitForOutcome(isChat, 10_000)).outcome).toBe('client-aborted');
    await panel.close();

    const reopened = await session.openPage('sidepanel.html');
    await expect(
      reopened.getByRole('article', { name: /^You/ }).last().textContent(),
    ).resolves.toContain('Start an answer I will interrupt');
    const answer = lastAnswer(reopened);
    await answer.getByText(/was interrupted/).waitFor();
    const kept = await answer.locator('.message-text').innerText();
    expect(kept.startsWith(partial.content)).toBe(true);
    await session.screenshot(reopened, 'durability-interrupted');

    mock.reset();
    mock.enqueue({ kind: 'reply', text: ' and that is the end.', chunkDelayMs: 5 });
    await answer.getByRole('button', { name: 'Continue' }).click();
    await answer.getByText(/that is the end\./).waitFor();
    await reopened.getByRole('button', { name: 'Send' }).waitFor();
    const continued = (await storedMessages(reopened)).find(
      (m) => m.id && m.content.endsWith('that is the end.'),
    );
    expect(continued?.state).toBe('complete');
    expect(continued?.content.startsWith(kept)).toBe(true);
    // The model was asked to carry on from the kept text.
    const body = mock.requests.find(isChat)?.body as {
      messages: { role: string; content: string }[];
    };
    expect(body.messages.at(-2)).toEqual({ role: 'assistant', content: kept });
  });
});
