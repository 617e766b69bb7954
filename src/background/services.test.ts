// @vitest-environment node
// The background's whole service graph (vault, settings, store, queue, jobs) with the real model
// client talking HTTP to the mock provider: the same paths the worker runs, minus the browser.
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listModels, streamTurn } from '@/client';
import { systemClock } from '@/client/clock';
import type { ChatMessage } from '@/shared/conversation';
import type { BackgroundToUi, EventPayloads } from '@/shared/protocol';
import { startMockProvider, type MockProvider } from '../../tests/mock-provider/server';
import type { PortSession } from './port-server';
import { createServices, type Services } from './services';

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ apiKey: 'sk-test-mock-1234567890' });
});
afterAll(async () => {
  await mock.close();
});
afterEach(() => mock.reset());

function fakeSession(): PortSession & { received: BackgroundToUi[]; close(): void } {
  const closers: (() => void)[] = [];
  return {
    id: 1,
    name: 'parley/chat',
    received: [],
    send(message) {
      this.received.push(message);
    },
    onClose: (listener) => void closers.push(listener),
    close: () => closers.forEach((l) => l()),
  };
}

type Notice = { level: string; message: string; code?: string };

async function makeServices(
  indexedDB = new IDBFactory(),
  notices: Notice[] = [],
): Promise<Services> {
  return createServices({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    indexedDB,
    clock: systemClock,
    streamTurn,
    listModels: (conn) => listModels(conn),
    keepAlivePing: async () => ({}),
    onSettingsChanged: () => undefined,
    onVaultChanged: () => undefined,
    notify: (level, message, code) =>
      void notices.push({ level, message, ...(code ? { code } : {}) }),
    log: { warn: () => undefined, error: console.error, info: () => undefined },
    pbkdf2Iterations: 1000,
  });
}

async function addMockProvider(
  services: Services,
  apiKey: string | undefined = 'sk-test-mock-1234567890',
) {
  return services.settings.saveProvider(
    { name: 'Mock', preset: 'custom', baseURL: mock.baseURL, defaultModel: 'mock-model' },
    apiKey,
  );
}

/** Resolves when the message reaches a final state in the store. */
async function settled(
  services: Services,
  conversationId: string,
  messageId: string,
): Promise<ChatMessage> {
  for (let i = 0; i < 400; i++) {
    const snapshot = await services.chat.open(conversationId, fakeSession());
    const message = snapshot.messages.find((m) => m.id === messageId);
    if (message && !['pending', 'streaming'].includes(message.state) && !services.chat.busy)
      return message;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('message did not settle');
}

function deltas(session: { received: BackgroundToUi[] }, messageId: string) {
  return session.received
    .filter(
      (m): m is Extract<BackgroundToUi, { type: 'event'; name: 'message.delta' }> =>
        m.type === 'event' && m.name === 'message.delta',
    )
    .map((m) => m.payload as EventPayloads['message.delta'])
    .filter((d) => d.messageId === messageId && d.field === 'content');
}

describe('background services against the mock provider', () => {
  it('validates the key on save and keeps it out of settings', async () => {
    const services = await makeServices();
    const { provider, check } = await addMockProvider(services);
    expect(check).toEqual({ status: 'valid', modelCount: expect.any(Number) });
    expect(provider.maskedKey).toMatch(/^sk-…/);
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain('sk-test-mock-1234567890');

    const wrong = await services.settings.saveProvider(
      { id: provider.id, name: 'Mock', preset: 'custom', baseURL: mock.baseURL },
      'sk-wrong-key-000000000000',
    );
    expect(wrong.check.status).toBe('rejected');
  });

  it('streams an answer to a watching page as offset-exact deltas and stores it', async () => {
    const services = await makeServices();
    await addMockProvider(services);
    mock.enqueue({ kind: 'reply', text: 'One two three four five six seven', chunkDelayMs: 5 });
    const page = fakeSession();
    const sent = await services.chat.send({ text: 'Count please' });
    await mock.waitForRequest((r) => r.path === '/v1/chat/completions');
    // Attach mid-stream: the snapshot's text plus the later deltas must be the whole answer,
    // each delta starting exactly where the text so far ends (no gap, no repeat).
    const snapshot = await services.chat.open(sent.conversationId, page);
    let text = snapshot.messages.find((m) => m.id === sent.assistantMessageId)!.content;
    const final = await settled(services, sent.conversationId, sent.assistantMessageId);
    for (const d of deltas(page, sent.assistantMessageId)) {
      expect(d.offset).toBe(text.length);
      text += d.text;
    }
    expect(text).toBe('One two three four five six seven');
    expect(final).toMatchObject({ state: 'complete', content: text, model: 'mock-model' });
    expect(final.usage).toBeDefined();
    const request = mock.requests.find((r) => r.path === '/v1/chat/completions');
    expect(request?.body).toMatchObject({
      model: 'mock-model',
      messages: [{ role: 'user', content: 'Count please' }],
      stream: true,
    });
  });

  it('a 401 ends as an error message the user can act on, and the user text is kept', async () => {
    const services = await makeServices();
    await addMockProvider(services);
    mock.enqueue({ kind: 'status', status: 401 });
    const sent = await services.chat.send({ text: 'Hello?' });
    const final = await settled(services, sent.conversationId, sent.assistantMessageId);
    expect(final.state).toBe('error');
    expect(final.error?.kind).toBe('auth');
    expect(final.error?.message).toMatch(/key/i);
    const { messages } = await services.chat.open(sent.conversationId, fakeSession());
    expect(messages[0]).toMatchObject({ role: 'user', content: 'Hello?', state: 'complete' });
  });

  it('a stream cut after some text keeps the text and marks the error', async () => {
    const services = await makeServices();
    await addMockProvider(services);
    mock.enqueue({
      kind: 'cut',
      text: 'alpha beta gamma delta epsilon',
      afterEvents: 3,
      chunkDelayMs: 1,
    });
    const sent = await services.chat.send({ text: 'go' });
    const final = await settled(services, sent.conversationId, sent.assistantMessageId);
    expect(final.state).toBe('error');
    expect(final.content.length).toBeGreaterThan(0);
    expect('alpha beta gamma delta epsilon'.startsWith(final.content)).toBe(true);
  });

  it('stop ends the answer with the text so far, marked stopped', async () => {
    const services = await makeServices();
    await addMockProvider(services);
    mock.enqueue({ kind: 'stall', text: 'first second third', afterEvents: 2 });
    const sent = await services.chat.send({ text: 'go' });
    await mock.waitForRequest((r) => r.path === '/v1/chat/completions');
    for (let i = 0; i < 200 && !mock.requests.some((r) => r.stalledAt); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await services.chat.stop(sent.assistantMessageId);
    const final = await settled(services, sent.conversationId, sent.assistantMessageId);
    expect(final).toMatchObject({ state: 'complete', stopped: true });
    const outcome = await mock.waitForOutcome((r) => r.path === '/v1/chat/completions');
    expect(outcome.outcome).toBe('client-aborted');
  });

  it('recovers after a restart: in-flight answers become interrupted with their text, and Continue completes them', async () => {
    const indexedDB = new IDBFactory();
    const first = await makeServices(indexedDB);
    await addMockProvider(first);
    mock.enqueue({ kind: 'stall', text: 'The beginning of an answer', afterEvents: 3 });
    const sent = await first.chat.send({ text: 'Tell a story' });
    for (let i = 0; i < 400; i++) {
      const m = (await first.chat.open(sent.conversationId, fakeSession())).messages.find(
        (x) => x.id === sent.assistantMessageId,
      );
      if (m?.content) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Wait until the throttled writer has landed some text, as a real worker would have by then.
    for (let i = 0; i < 400; i++) {
      if ((await first.store.getMessage(sent.assistantMessageId))?.content) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    // A new worker over the same storage: the old one is simply gone.
    const second = await makeServices(indexedDB);
    const { messages } = await second.chat.open(sent.conversationId, fakeSession());
    const interrupted = messages.find((m) => m.id === sent.assistantMessageId)!;
    expect(interrupted.state).toBe('interrupted');
    expect(interrupted.content.length).toBeGreaterThan(0);

    mock.reset();
    mock.enqueue({ kind: 'reply', text: ' and the end.', chunkDelayMs: 1 });
    await second.chat.continue(sent.assistantMessageId);
    const final = await settled(second, sent.conversationId, sent.assistantMessageId);
    expect(final.state).toBe('complete');
    expect(final.content).toBe(`${interrupted.content} and the end.`);
    const continued = mock.requests.find((r) => r.path === '/v1/chat/completions');
    const body = continued?.body as { messages: { role: string; content: string }[] };
    expect(body.messages.at(-2)).toEqual({ role: 'assistant', content: interrupted.content });
  });

  it('when storage refuses writes mid-answer, it says so, keeps the text in memory and saves it once storage works', async () => {
    const notices: Notice[] = [];
    const services = await makeServices(new IDBFactory(), notices);
    await addMockProvider(services);
    const { StorageError } = await import('@/store/storage-error');
    const realUpdate = services.store.updateMessage.bind(services.store);
    let failures = 0;
    services.store.updateMessage = async (id, patch) => {
      // The disk is "full" for the first writes of the streamed text.
      if (patch.content !== undefined && failures < 3) {
        failures++;
        throw new StorageError('quota-exceeded', 'save the answer');
      }
      return realUpdate(id, patch);
    };
    mock.enqueue({
      kind: 'reply',
      text: 'Every word is kept even when the disk is full',
      chunkDelayMs: 2,
    });
    const page = fakeSession();
    const sent = await services.chat.send({ text: 'Fill the disk' });
    await services.chat.open(sent.conversationId, page);
    const final = await settled(services, sent.conversationId, sent.assistantMessageId);

    expect(failures).toBe(3);
    expect(notices[0]).toMatchObject({
      level: 'error',
      code: 'storage',
      message: expect.stringMatching(/storage is full/),
    });
    expect(final).toMatchObject({
      state: 'complete',
      content: 'Every word is kept even when the disk is full',
    });
    expect((await services.store.getMessage(sent.assistantMessageId))?.content).toBe(
      'Every word is kept even when the disk is full',
    );
  });

  it('two pages on the same conversation both receive the whole stream', async () => {
    const services = await makeServices();
    await addMockProvider(services);
    mock.enqueue({
      kind: 'reply',
      text: 'seen by both windows',
      chunkDelayMs: 5,
      firstChunkDelayMs: 50,
    });
    const sent = await services.chat.send({ text: 'two windows' });
    const left = fakeSession();
    const right = fakeSession();
    const leftSnapshot = await services.chat.open(sent.conversationId, left);
    const rightSnapshot = await services.chat.open(sent.conversationId, right);
    await settled(services, sent.conversationId, sent.assistantMessageId);
    for (const [page, snapshot] of [
      [left, leftSnapshot],
      [right, rightSnapshot],
    ] as const) {
      const text =
        snapshot.messages.find((m) => m.id === sent.assistantMessageId)!.content +
        deltas(page, sent.assistantMessageId)
          .map((d) => d.text)
          .join('');
      expect(text).toBe('seen by both windows');
    }
  });
});
