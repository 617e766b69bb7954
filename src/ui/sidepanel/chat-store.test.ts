import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Conversation } from '@/shared/conversation';
import { PORT_NAMES, type ConversationSnapshot, type VaultStatus } from '@/shared/protocol';
import type { SettingsView } from '@/shared/settings';
import { BackgroundRefusal, createFakeBackground, type Handlers } from '../testing/fake-background';
import { createChatStore, type PanelMemory } from './chat-store';

const settings: SettingsView = {
  providers: [
    {
      id: 'p1',
      name: 'Local',
      preset: 'ollama',
      kind: 'compatible',
      api: 'chat',
      baseURL: 'http://localhost:11434/v1',
      defaultModel: 'llama3.2',
      maskedKey: null,
    },
  ],
};
const unlocked: VaultStatus = { mode: 'passphrase', locked: false, autoLockMs: 0 };
const conversation: Conversation = {
  id: 'c1',
  title: 'Tides',
  titleSource: 'first-message',
  createdAt: 1,
  updatedAt: 1,
};
const answer: ChatMessage = {
  id: 'a1',
  conversationId: 'c1',
  seq: 1,
  role: 'assistant',
  content: 'The',
  state: 'streaming',
  createdAt: 1,
  updatedAt: 1,
};
const snapshot: ConversationSnapshot = { conversation, messages: [answer], jobs: {} };

function memory(): PanelMemory {
  const values = new Map<string, string>();
  return {
    get: (k) => values.get(k) ?? null,
    set: (k, v) => void (v === null ? values.delete(k) : values.set(k, v)),
  };
}

/** A promise the test settles by hand, to hold a background answer in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Frames that run only when the test says so. */
function manualFrames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queue.push(callback),
    get waiting() {
      return queue.length;
    },
    run() {
      for (const callback of queue.splice(0)) callback();
    },
  };
}

async function setup(handlers: Handlers = {}) {
  const background = createFakeBackground(
    {
      'settings.get': () => settings,
      'vault.status': () => unlocked,
      'conversation.open': () => snapshot,
      ...handlers,
    },
    { portName: PORT_NAMES.chat },
  );
  const frames = manualFrames();
  const store = createChatStore(background.client, memory(), { scheduleFrame: frames.schedule });
  store.getState().start();
  await vi.waitFor(() => expect(store.getState().settings).not.toBeNull());
  return { background, store, frames };
}

const delta = (offset: number, text: string) => ({
  conversationId: 'c1',
  messageId: 'a1',
  field: 'content' as const,
  offset,
  text,
});

const content = (store: Awaited<ReturnType<typeof setup>>['store']) =>
  store.getState().open?.messages[0]?.content;

describe('chat store', () => {
  it('resolves send once the background accepts it, without waiting for the new conversation to open', async () => {
    const opened = deferred<ConversationSnapshot>();
    const { store } = await setup({
      'chat.send': () => ({ conversationId: 'c1', userMessageId: 'u1', assistantMessageId: 'a1' }),
      'conversation.open': () => opened.promise,
    });
    await expect(store.getState().send('Hi')).resolves.toBe(true);
    expect(store.getState().opening).toBe(true);
    expect(store.getState().open).toBeNull();
    opened.resolve(snapshot);
    await vi.waitFor(() => expect(store.getState().open?.conversation.id).toBe('c1'));
    expect(store.getState().opening).toBe(false);
  });

  it('applies the deltas of one frame in one update, in order', async () => {
    const { background, store, frames } = await setup();
    await store.getState().openConversation('c1');
    const updates = vi.fn();
    store.subscribe(updates);
    background.emit('message.delta', delta(3, ' Moon'));
    background.emit('message.delta', delta(8, ' pulls'));
    background.emit('message.delta', delta(5, 'oon pulls.')); // overlaps: only "." is new
    expect(content(store)).toBe('The');
    expect(frames.waiting).toBe(1);
    frames.run();
    expect(content(store)).toBe('The Moon pulls.');
    expect(updates).toHaveBeenCalledTimes(1);
  });

  it('applies waiting deltas before any other change to the conversation, so order is kept', async () => {
    const { background, store, frames } = await setup();
    await store.getState().openConversation('c1');
    background.emit('message.delta', delta(3, ' end'));
    // A retry resets the answer; the delta before it belongs to the old text.
    background.emit('message.added', { message: { ...answer, content: '' } });
    background.emit('message.delta', delta(0, 'New'));
    expect(content(store)).toBe('');
    frames.run();
    expect(content(store)).toBe('New');
  });

  it('reloads once after a gap, however many deltas miss meanwhile', async () => {
    const reloaded = deferred<ConversationSnapshot>();
    let opens = 0;
    const { background, store, frames } = await setup({
      'conversation.open': () => (++opens === 1 ? snapshot : reloaded.promise),
    });
    await store.getState().openConversation('c1');
    background.emit('message.delta', delta(10, 'x'));
    frames.run();
    background.emit('message.delta', delta(11, 'y'));
    frames.run();
    background.emit('message.delta', delta(12, 'z'));
    frames.run();
    await vi.waitFor(() => expect(background.payloadsOf('conversation.open')).toHaveLength(2));
    reloaded.resolve({
      conversation,
      messages: [{ ...answer, content: 'The tide rises.' }],
      jobs: {},
    });
    await vi.waitFor(() => expect(content(store)).toBe('The tide rises.'));
    expect(background.payloadsOf('conversation.open')).toHaveLength(2);

    // Once that reload is done, a new gap reloads again.
    background.emit('message.delta', delta(40, 'w'));
    frames.run();
    await vi.waitFor(() => expect(background.payloadsOf('conversation.open')).toHaveLength(3));
  });

  it('drops model lists when the keys or settings change, so a failed load runs again', async () => {
    let locked = true;
    const { background, store } = await setup({
      'models.list': () => {
        if (locked)
          throw new BackgroundRefusal({
            message: 'Your API keys are locked.',
            code: 'vault_locked',
          });
        return { models: [{ id: 'llama3.2' }], fetchedAt: 1 };
      },
    });
    await store.getState().loadModels('p1');
    expect(store.getState().models.p1?.error).toBe('Your API keys are locked.');

    locked = false;
    background.emit('vault.changed', { status: unlocked });
    expect(store.getState().models).toEqual({});
    await store.getState().loadModels('p1');
    expect(store.getState().models.p1).toEqual({ models: [{ id: 'llama3.2' }], loading: false });

    background.emit('settings.changed', { settings });
    expect(store.getState().models).toEqual({});
  });

  it('keeps a stale model list answer from coming back after the lists were dropped', async () => {
    const answerFor = deferred<{ models: { id: string }[]; fetchedAt: number }>();
    const { background, store } = await setup({ 'models.list': () => answerFor.promise });
    const loading = store.getState().loadModels('p1');
    await vi.waitFor(() => expect(background.payloadsOf('models.list')).toHaveLength(1));
    background.emit('vault.changed', { status: unlocked });
    answerFor.resolve({ models: [{ id: 'old' }], fetchedAt: 1 });
    await loading;
    expect(store.getState().models).toEqual({});
  });

  it('forgets a failed model list when its provider is chosen again', async () => {
    const { store } = await setup({
      'models.list': () => {
        throw new BackgroundRefusal({ message: 'Unreachable.' });
      },
    });
    await store.getState().loadModels('p1');
    expect(store.getState().models.p1?.error).toBe('Unreachable.');
    store.getState().selectProvider('p1');
    expect(store.getState().models.p1).toBeUndefined();
  });

  it('tells whether a rename was accepted', async () => {
    let refuse = true;
    const { store } = await setup({
      'conversation.rename': ({ title }) => {
        if (refuse) throw new BackgroundRefusal({ message: 'Could not save the title.' });
        return { ...conversation, title };
      },
    });
    await expect(store.getState().renameConversation('c1', 'Moon')).resolves.toBe(false);
    expect(store.getState().notice?.message).toBe('Could not save the title.');
    refuse = false;
    await expect(store.getState().renameConversation('c1', 'Moon')).resolves.toBe(true);
  });
});
