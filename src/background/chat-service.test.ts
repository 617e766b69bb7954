// @vitest-environment node
// ChatService with a scripted model stream: the races and failure paths that the end-to-end
// and mock-provider tests cannot pin down (stop while queued, double sends, restart mid-queue,
// a snapshot taken while a job finishes, deleting a conversation under a running job).
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { systemClock } from '@/client/clock';
import type { ClientEvent, ProviderConnection, TurnRequest } from '@/client/types';
import type { BackgroundToUi } from '@/shared/protocol';
import { RequestQueue } from '@/queue/request-queue';
import { ConversationStore } from '@/store/conversation-store';
import { JobStore } from '@/store/job-store';
import type { GenerationJob, ParleyDb } from '@/store/schema';
import { openTestDb } from '@/store/testing/open-test-db';
import type { ApiKeyStore } from '@/vault/api-key-store';
import { ChatService } from './chat-service';
import { KeepAlive } from './keep-alive';
import type { PortSession } from './port-server';
import { SettingsService } from './settings-service';
import { UsageTracker } from './usage-tracker';

/** A model stream the test feeds by hand, one per request, in request order. */
class ScriptedStreams {
  readonly requests: TurnRequest[] = [];
  private readonly feeds: { push(e: ClientEvent): void; end(): void }[] = [];
  private waiters: (() => void)[] = [];

  readonly streamTurn = (
    _conn: ProviderConnection,
    req: TurnRequest,
    opts?: { signal?: AbortSignal },
  ) => {
    this.requests.push(req);
    const queue: ClientEvent[] = [];
    let ended = false;
    let wake: (() => void) | null = null;
    const feed = {
      push: (e: ClientEvent) => {
        queue.push(e);
        wake?.();
      },
      end: () => {
        ended = true;
        wake?.();
      },
    };
    this.feeds.push(feed);
    this.waiters.splice(0).forEach((w) => w());
    opts?.signal?.addEventListener('abort', () => {
      feed.push({
        type: 'error',
        error: { kind: 'aborted', message: 'Stopped.', retryable: false },
      });
      feed.end();
    });
    return (async function* () {
      for (;;) {
        if (queue.length > 0) {
          yield queue.shift()!;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    })();
  };

  /** The feed of the n-th request (0-based), once it has been made. */
  async feed(n: number) {
    while (this.feeds.length <= n) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.feeds[n]!;
  }
}

function memoryKeys(): ApiKeyStore {
  return {
    getKey: async () => undefined,
    setKey: async () => undefined,
    removeKey: async () => undefined,
    maskedKey: async () => null,
    maskedKeys: async () => ({}),
  };
}

interface Harness {
  chat: ChatService;
  store: ConversationStore;
  streams: ScriptedStreams;
  notify: ReturnType<typeof vi.fn>;
  db: ParleyDb;
}

async function harness(
  factory = new IDBFactory(),
  streams = new ScriptedStreams(),
): Promise<Harness> {
  const db = await openTestDb(factory);
  const store = new ConversationStore(db);
  const settings = new SettingsService({
    local: fakeBrowser.storage.local,
    keys: memoryKeys(),
    listModels: async () => [{ id: 'm' }],
  });
  if ((await settings.get()).providers.length === 0) {
    await settings.saveProvider(
      { name: 'Local', preset: 'ollama', baseURL: '', defaultModel: 'm' },
      undefined,
    );
  }
  const notify = vi.fn();
  const chat = new ChatService({
    store,
    jobs: new JobStore(db),
    // One request at a time, so a second job stays queued.
    queue: new RequestQueue<GenerationJob>({ clock: systemClock, defaultConcurrency: 1 }),
    settings,
    usage: new UsageTracker(fakeBrowser.storage.local),
    streamTurn: streams.streamTurn,
    keepAlive: new KeepAlive({ ping: async () => undefined }),
    clock: systemClock,
    notify,
    log: { warn: () => undefined, error: () => undefined },
    persistIntervalMs: 10,
  });
  await chat.recover();
  return { chat, store, streams, notify, db };
}

function page(): PortSession & { received: BackgroundToUi[] } {
  return {
    id: 1,
    name: 'parley/chat',
    received: [],
    send(m) {
      this.received.push(m);
    },
    onClose: () => undefined,
  };
}

async function until<T>(check: () => Promise<T> | T): Promise<NonNullable<T>> {
  for (let i = 0; i < 500; i++) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not met');
}

const text = (delta: string): ClientEvent => ({ type: 'text-delta', delta });
const finish: ClientEvent = { type: 'finish', finishReason: 'stop' };

describe('ChatService', () => {
  it('stopping an answer that is still queued ends it as stopped, not stuck pending', async () => {
    const { chat, store, streams } = await harness();
    const first = await chat.send({ text: 'first' });
    await streams.feed(0); // the first job holds the only slot
    const second = await chat.send({ text: 'second' });
    expect((await store.getMessage(second.assistantMessageId))?.state).toBe('pending');

    await chat.stop(second.assistantMessageId);
    const stopped = await until(async () => {
      const m = await store.getMessage(second.assistantMessageId);
      return m?.state === 'complete' ? m : null;
    });
    expect(stopped.stopped).toBe(true);
    expect(streams.requests).toHaveLength(1); // it never reached the provider
    (await streams.feed(0)).end();
    await until(
      async () => (await store.getMessage(first.assistantMessageId))?.state !== 'streaming',
    );
  });

  it('of two requests racing to answer in one conversation, exactly one starts', async () => {
    const { chat, store, streams } = await harness();
    const first = await chat.send({ text: 'hello' });
    const feed = await streams.feed(0);
    feed.push(text('Hi'));
    feed.push(finish);
    feed.end();
    await until(
      async () => (await store.getMessage(first.assistantMessageId))?.state === 'complete',
    );

    // Two windows: one retries the answer, the other sends a new message, at the same moment.
    const racing = await Promise.allSettled([
      chat.retry(first.assistantMessageId),
      chat.send({ text: 'again', conversationId: first.conversationId }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = racing.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/Wait for the current answer/);
    (await streams.feed(1)).end();
  });

  it('a Continue still queued when the worker stopped is resumed as a continuation', async () => {
    const factory = new IDBFactory();
    const first = await harness(factory);
    const sent = await first.chat.send({ text: 'story' });
    const feed = await first.streams.feed(0);
    feed.push(text('Once upon'));
    feed.push({
      type: 'error',
      error: { kind: 'network', message: 'Connection lost.', retryable: true },
    });
    feed.end();
    await until(
      async () => (await first.store.getMessage(sent.assistantMessageId))?.state === 'error',
    );
    // Occupy the only slot with another conversation, then queue the Continue behind it.
    await first.chat.send({ text: 'other' });
    await first.streams.feed(1);
    await first.chat.continue(sent.assistantMessageId);
    first.db.close();

    const second = await harness(factory);
    const resumed = await second.streams.feed(0);
    // The interrupted "other" answer is not resumed; the queued Continue is, with its text.
    const request = second.streams.requests[0]!;
    expect(request.messages.at(-2)).toEqual({ role: 'assistant', content: 'Once upon' });
    resumed.push(text(' a time.'));
    resumed.push(finish);
    resumed.end();
    const done = await until(async () => {
      const m = await second.store.getMessage(sent.assistantMessageId);
      return m?.state === 'complete' ? m : null;
    });
    expect(done.content).toBe('Once upon a time.');
  });

  it('a snapshot taken while a job writes its final state already shows that state', async () => {
    const { chat, store, streams } = await harness();
    const sent = await chat.send({ text: 'hi' });
    const feed = await streams.feed(0);
    feed.push(text('All done.'));
    // Hold the final write so the job is caught finishing.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let finalWriteStarted = false;
    const update = store.updateMessage.bind(store);
    store.updateMessage = async (id, patch) => {
      if (patch.state === 'complete') {
        finalWriteStarted = true;
        await held;
      }
      return update(id, patch);
    };
    feed.push(finish);
    feed.end();
    await until(() => finalWriteStarted);
    const snapshot = await chat.open(sent.conversationId, page());
    expect(snapshot.messages.find((m) => m.id === sent.assistantMessageId)).toMatchObject({
      state: 'complete',
      content: 'All done.',
    });
    expect(snapshot.jobs).toEqual({});
    expect((await store.getMessage(sent.assistantMessageId))?.state).not.toBe('complete');
    release();
    await until(
      async () => (await store.getMessage(sent.assistantMessageId))?.state === 'complete',
    );
  });

  it('deleting a conversation under a running answer stops it quietly: no storage alarms', async () => {
    const { chat, store, streams, notify } = await harness();
    const sent = await chat.send({ text: 'long one' });
    const feed = await streams.feed(0);
    feed.push(text('partial'));
    await until(
      async () => (await store.getMessage(sent.assistantMessageId))?.content === 'partial',
    );
    // Text already on its way when the user deletes: the client yields it after the abort.
    feed.push(text(' more text in flight'));
    await chat.delete(sent.conversationId);
    feed.end();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let any stray write and retry happen
    expect(await store.getConversation(sent.conversationId)).toBeUndefined();
    expect(notify).not.toHaveBeenCalled();
    expect(chat.busy).toBe(false);
  });

  it('refuses an empty title', async () => {
    const { chat, streams } = await harness();
    const sent = await chat.send({ text: 'x' });
    await expect(chat.rename(sent.conversationId, '   ')).rejects.toThrow(/cannot be empty/);
    (await streams.feed(0)).end();
  });
});
