import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, Conversation } from '@/shared/conversation';
import { PORT_NAMES, type ConversationSnapshot, type VaultStatus } from '@/shared/protocol';
import type { SettingsView } from '@/shared/settings';
import { BackgroundRefusal, createFakeBackground, type Handlers } from '../testing/fake-background';
import { createChatStore, type PanelMemory } from './chat-store';
import { SidePanelApp } from './SidePanelApp';
import { ChatStoreContext } from './use-chat';

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
const unlocked: VaultStatus = { mode: 'device', locked: false, autoLockMs: 0 };
const conversation: Conversation = {
  id: 'c1',
  title: 'Tides',
  titleSource: 'first-message',
  createdAt: 1,
  updatedAt: 1,
};

function message(
  id: string,
  seq: number,
  role: ChatMessage['role'],
  content: string,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  return {
    id,
    conversationId: 'c1',
    seq,
    role,
    content,
    state: 'complete',
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}

function memory(initial: Record<string, string> = {}): PanelMemory {
  const values = new Map(Object.entries(initial));
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

function renderPanel(handlers: Handlers, remembered: Record<string, string> = {}) {
  const background = createFakeBackground(
    {
      'settings.get': () => settings,
      'vault.status': () => unlocked,
      'models.list': () => ({ models: [], fetchedAt: 0 }),
      ...handlers,
    },
    { portName: PORT_NAMES.chat },
  );
  // Streamed text is applied once per frame; the tests run frames by hand.
  const frames: (() => void)[] = [];
  const store = createChatStore(background.client, memory(remembered), {
    scheduleFrame: (callback) => void frames.push(callback),
  });
  store.getState().start();
  const user = userEvent.setup();
  render(
    <ChatStoreContext.Provider value={store}>
      <SidePanelApp />
    </ChatStoreContext.Provider>,
  );
  const runFrames = () => frames.splice(0).forEach((callback) => callback());
  return { background, store, user, runFrames };
}

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('side panel', () => {
  it('welcomes a user with no provider and points to settings', async () => {
    renderPanel({ 'settings.get': () => ({ providers: [] }) });
    expect(await screen.findByRole('button', { name: 'Add a provider' })).toBeTruthy();
  });

  it('sends the message, shows the streamed answer from deltas, and stops it', async () => {
    const snapshot: ConversationSnapshot = {
      conversation,
      messages: [
        message('u1', 0, 'user', 'Why tides?'),
        message('a1', 1, 'assistant', '', { state: 'pending', model: 'llama3.2' }),
      ],
      jobs: { a1: { phase: 'running' } },
    };
    const { background, user, runFrames } = renderPanel({
      'chat.send': () => ({ conversationId: 'c1', userMessageId: 'u1', assistantMessageId: 'a1' }),
      'conversation.open': () => snapshot,
      'chat.stop': () => ({ stopped: true }),
    });
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await user.type(box, 'Why tides?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(background.payloadsOf('chat.send')).toEqual([
      { text: 'Why tides?', providerId: 'p1', model: 'llama3.2' },
    ]);
    expect(box).toHaveProperty('value', '');

    await screen.findByRole('article', { name: /^Assistant/ });
    act(() => {
      background.emit('message.updated', {
        conversationId: 'c1',
        messageId: 'a1',
        patch: { state: 'streaming' },
      });
      background.emit('message.delta', {
        conversationId: 'c1',
        messageId: 'a1',
        field: 'content',
        offset: 0,
        text: 'The Moon ',
      });
      background.emit('message.delta', {
        conversationId: 'c1',
        messageId: 'a1',
        field: 'content',
        offset: 9,
        text: 'pulls.',
      });
      runFrames();
    });
    const answer = screen.getByRole('article', { name: /^Assistant/ });
    expect(answer.textContent).toContain('The Moon pulls.');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(background.payloadsOf('chat.stop')).toEqual([{ messageId: 'a1' }]);

    act(() => {
      background.emit('message.updated', {
        conversationId: 'c1',
        messageId: 'a1',
        patch: { state: 'complete', stopped: true },
      });
      background.emit('job.status', {
        conversationId: 'c1',
        messageId: 'a1',
        status: { phase: 'done' },
      });
    });
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(within(answer).getByText(/stopped/)).toBeTruthy();
  });

  it('keeps what the user typed when the send fails, and offers to unlock a locked vault', async () => {
    let vault: VaultStatus = { mode: 'passphrase', locked: false, autoLockMs: 900_000 };
    const { background, user } = renderPanel({
      'vault.status': () => vault,
      'chat.send': () => {
        vault = { ...vault, locked: true };
        throw new BackgroundRefusal({ message: 'Your API keys are locked.', code: 'vault_locked' });
      },
      'vault.unlock': ({ passphrase }) => {
        if (passphrase !== 'right one')
          throw new BackgroundRefusal({
            message: 'That passphrase is not correct.',
            code: 'invalid',
          });
        vault = { ...vault, locked: false };
        return vault;
      },
    });
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await user.type(box, 'Keep me');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const unlock = await screen.findByRole('form', { name: 'Unlock your API keys' });
    expect(box).toHaveProperty('value', 'Keep me');
    // The unlock banner says it; the failure itself is not repeated while the keys are locked.
    expect(screen.queryByRole('alert')).toBeNull();

    await user.type(within(unlock).getByLabelText('Passphrase'), 'wrong');
    await user.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    expect((await within(unlock).findByRole('alert')).textContent).toContain('not correct');
    await user.clear(within(unlock).getByLabelText('Passphrase'));
    await user.type(within(unlock).getByLabelText('Passphrase'), 'right one');
    await user.click(within(unlock).getByRole('button', { name: 'Unlock' }));
    expect(background.payloadsOf('vault.unlock').at(-1)).toEqual({ passphrase: 'right one' });
    await screen.findByRole('textbox', { name: 'Message' });
    expect(screen.queryByRole('form', { name: 'Unlock your API keys' })).toBeNull();
    expect(box).toHaveProperty('value', 'Keep me');
  });

  it('shows an interrupted answer with its text, and Continue / Retry', async () => {
    const { background, user } = renderPanel(
      {
        'conversation.open': () => ({
          conversation,
          messages: [
            message('u1', 0, 'user', 'Story?'),
            message('a1', 1, 'assistant', 'Once upon', { state: 'interrupted' }),
          ],
          jobs: {},
        }),
        'chat.continue': () => ({ assistantMessageId: 'a1' }),
        'chat.retry': () => ({ assistantMessageId: 'a1' }),
      },
      { 'parley.lastConversation': 'c1' },
    );
    const answer = await screen.findByRole('article', { name: /^Assistant/ });
    expect(answer.textContent).toContain('Once upon');
    expect(within(answer).getByText(/interrupted/)).toBeTruthy();
    await user.click(within(answer).getByRole('button', { name: 'Continue' }));
    await user.click(within(answer).getByRole('button', { name: 'Retry' }));
    expect(background.payloadsOf('chat.continue')).toEqual([{ messageId: 'a1' }]);
    expect(background.payloadsOf('chat.retry')).toEqual([{ messageId: 'a1' }]);
  });

  it('says when the provider is rate limited and when it will retry', async () => {
    const { background } = renderPanel(
      {
        'conversation.open': () => ({
          conversation,
          messages: [
            message('u1', 0, 'user', 'Hi'),
            message('a1', 1, 'assistant', '', { state: 'streaming' }),
          ],
          jobs: {
            a1: { phase: 'waiting', reason: 'rate-limit', until: Date.now() + 12_000, attempt: 1 },
          },
        }),
      },
      { 'parley.lastConversation': 'c1' },
    );
    const status = await screen.findByText(/rate limit is reached/);
    expect(status.textContent).toMatch(/reached\. Retrying in 1[12] s \(retry 1\)/);
    act(() =>
      background.emit('job.status', {
        conversationId: 'c1',
        messageId: 'a1',
        status: { phase: 'running' },
      }),
    );
    expect(screen.queryByText(/rate limit is reached/)).toBeNull();
  });

  it('after the worker restarts it reconnects and reloads the open conversation', async () => {
    let opens = 0;
    const { background } = renderPanel(
      {
        'conversation.open': () => {
          opens++;
          return {
            conversation,
            messages: [
              message('u1', 0, 'user', 'Hi'),
              message('a1', 1, 'assistant', opens > 1 ? 'Hello again' : 'Hel', {
                state: opens > 1 ? 'complete' : 'streaming',
              }),
            ],
            jobs: {},
          };
        },
      },
      { 'parley.lastConversation': 'c1' },
    );
    await screen.findByText('Hel');
    act(() => background.dropConnection());
    expect(await screen.findByText(/Reconnecting/)).toBeTruthy();
    await act(async () => background.reconnect());
    expect(await screen.findByText('Hello again')).toBeTruthy();
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
  });

  it('renames the open conversation in place', async () => {
    const { background, user } = renderPanel(
      {
        'conversation.open': () => ({
          conversation,
          messages: [message('u1', 0, 'user', 'Hi')],
          jobs: {},
        }),
        'conversation.rename': ({ title }) => ({ ...conversation, title }),
      },
      { 'parley.lastConversation': 'c1' },
    );
    await screen.findByRole('heading', { name: 'Tides' });
    await user.click(screen.getByRole('button', { name: 'Rename conversation' }));
    const field = screen.getByRole('textbox', { name: 'Conversation title' });
    await user.clear(field);
    await user.type(field, 'Tides and the Moon{Enter}');
    expect(background.payloadsOf('conversation.rename')).toEqual([
      { conversationId: 'c1', title: 'Tides and the Moon' },
    ]);
    act(() =>
      background.emit('conversation.updated', {
        conversation: { ...conversation, title: 'Tides and the Moon' },
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Tides and the Moon' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Rename conversation' }));
    await user.type(
      screen.getByRole('textbox', { name: 'Conversation title' }),
      ' changed{Escape}',
    );
    expect(background.payloadsOf('conversation.rename')).toHaveLength(1);
  });
  it('keeps what was typed while a send was in flight, and clears only the sent text', async () => {
    const accepted = deferred<{
      conversationId: string;
      userMessageId: string;
      assistantMessageId: string;
    }>();
    const { user } = renderPanel({
      'chat.send': () => accepted.promise,
      'conversation.open': () => ({ conversation, messages: [], jobs: {} }),
    });
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await user.type(box, 'First question');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.type(box, ' and a second thought');
    await act(async () =>
      accepted.resolve({ conversationId: 'c1', userMessageId: 'u1', assistantMessageId: 'a1' }),
    );
    await screen.findByRole('heading', { name: 'Tides' });
    expect(box).toHaveProperty('value', 'First question and a second thought');
  });

  it('shows why the model list failed under the picker, and loads it again after unlocking', async () => {
    let locked = true;
    const { background } = renderPanel({
      'models.list': () => {
        if (locked)
          throw new BackgroundRefusal({
            message: 'Your API keys are locked.',
            code: 'vault_locked',
          });
        return { models: [{ id: 'llama3.2' }, { id: 'qwen3' }], fetchedAt: 1 };
      },
    });
    const status = await screen.findByText(/Could not load models/);
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toContain('Your API keys are locked.');
    expect(screen.getByRole('combobox', { name: 'Model' }).getAttribute('aria-describedby')).toBe(
      status.id,
    );

    locked = false;
    act(() => background.emit('vault.changed', { status: unlocked }));
    await waitFor(() => expect(document.querySelectorAll('datalist option')).toHaveLength(2));
    expect(screen.queryByText(/Could not load models/)).toBeNull();
    expect(background.payloadsOf('models.list')).toHaveLength(2);
  });

  it('tries a failed model list again when the picker gets focus', async () => {
    let reachable = false;
    const { background, user } = renderPanel({
      'models.list': () => {
        if (!reachable) throw new BackgroundRefusal({ message: 'Could not reach the server.' });
        return { models: [{ id: 'llama3.2' }], fetchedAt: 1 };
      },
    });
    await screen.findByText(/Could not reach the server/);
    reachable = true;
    await user.click(screen.getByRole('combobox', { name: 'Model' }));
    await waitFor(() => expect(document.querySelectorAll('datalist option')).toHaveLength(1));
    expect(screen.queryByText(/Could not load models/)).toBeNull();
    expect(background.payloadsOf('models.list')).toHaveLength(2);
  });

  it('shows a "keys are locked" failure when the keys are in fact unlocked (no unlock banner)', async () => {
    const { user } = renderPanel({
      'chat.send': () => {
        throw new BackgroundRefusal({ message: 'Your API keys are locked.', code: 'vault_locked' });
      },
    });
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await user.type(box, 'Hi');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Your API keys are locked.');
    expect(screen.queryByRole('form', { name: 'Unlock your API keys' })).toBeNull();
  });

  it('keeps the title field open with the typed title when the rename fails', async () => {
    let refuse = true;
    const { background, user } = renderPanel(
      {
        'conversation.open': () => ({ conversation, messages: [], jobs: {} }),
        'conversation.rename': ({ title }) => {
          if (refuse) throw new BackgroundRefusal({ message: 'Storage refused the change.' });
          return { ...conversation, title };
        },
      },
      { 'parley.lastConversation': 'c1' },
    );
    await user.click(await screen.findByRole('button', { name: 'Rename conversation' }));
    const field = screen.getByRole('textbox', { name: 'Conversation title' });
    await user.clear(field);
    await user.type(field, 'Moon{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('Storage refused the change.');
    expect(screen.getByRole('textbox', { name: 'Conversation title' })).toHaveProperty(
      'value',
      'Moon',
    );

    refuse = false;
    await user.type(field, '{Enter}');
    await waitFor(() =>
      expect(screen.queryByRole('textbox', { name: 'Conversation title' })).toBeNull(),
    );
    expect(background.payloadsOf('conversation.rename')).toHaveLength(2);
  });
});
