// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@/client/testing/fake-clock';
import { ConversationStore } from './conversation-store';
import { JobStore } from './job-store';
import type { ParleyDb } from './schema';
import { RecordNotFoundError, StorageError } from './storage-error';
import { openTestDb } from './testing/open-test-db';

let db: ParleyDb;
let clock: FakeClock;
let store: ConversationStore;

beforeEach(async () => {
  db = await openTestDb();
  clock = new FakeClock(1_000);
  let nextId = 0;
  store = new ConversationStore(db, { clock, newId: () => `id${nextId++}` });
});

afterEach(() => db.close());

async function conversationWithUserMessage(title: string, text: string) {
  const conversation = await store.createConversation({ title });
  await store.appendMessage({
    conversationId: conversation.id,
    role: 'user',
    content: text,
    state: 'complete',
  });
  return conversation;
}

function assistant(conversationId: string, state: 'pending' | 'streaming' = 'pending') {
  return store.appendMessage({ conversationId, role: 'assistant', content: '', state });
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('conversations', () => {
  it('creates and reads a conversation', async () => {
    const created = await store.createConversation({
      title: 'Trip',
      providerId: 'openai',
      model: 'gpt-5',
    });
    expect(created).toEqual({
      id: 'id0',
      title: 'Trip',
      titleSource: 'first-message',
      createdAt: 1_000,
      updatedAt: 1_000,
      providerId: 'openai',
      model: 'gpt-5',
    });
    expect(await store.getConversation('id0')).toEqual(created);
    expect(await store.getConversation('nope')).toBeUndefined();
  });

  it('lists by recency, a new message moving its conversation to the top', async () => {
    const a = await store.createConversation({ title: 'a' });
    clock.advanceSync(1);
    const b = await store.createConversation({ title: 'b' });
    clock.advanceSync(1);
    const c = await store.createConversation({ title: 'c' });
    expect(ids(await store.listConversations({ limit: 10 }))).toEqual([c.id, b.id, a.id]);
    clock.advanceSync(1);
    await assistant(a.id);
    expect(ids(await store.listConversations({ limit: 10 }))).toEqual([a.id, c.id, b.id]);
  });

  it('pages through conversations with equal times without skipping or repeating', async () => {
    for (let i = 0; i < 5; i++) await store.createConversation({ title: `t${i}` });
    const seen: string[] = [];
    let page = await store.listConversations({ limit: 2 });
    while (page.length > 0) {
      seen.push(...ids(page));
      page = await store.listConversations({ limit: 2, before: page.at(-1) });
    }
    expect(seen.sort()).toEqual(['id0', 'id1', 'id2', 'id3', 'id4']);
  });

  it('a model-written title replaces only the first-message title, never one the user chose', async () => {
    const first = await conversationWithUserMessage('why are there tides', 'why are there tides');
    expect(await store.setModelTitle(first.id, 'Tides and the Moon')).toMatchObject({
      title: 'Tides and the Moon',
      titleSource: 'model',
    });
    expect(ids(await store.search('moon'))).toEqual([first.id]);

    const chosen = await conversationWithUserMessage('draft', 'hello');
    await store.renameConversation(chosen.id, 'My own name', 'user');
    expect(await store.setModelTitle(chosen.id, 'Greeting')).toBeNull();
    expect((await store.getConversation(chosen.id))?.title).toBe('My own name');
    expect(await store.setModelTitle('nope', 'x')).toBeNull();
  });

  it('renames without changing recency; the new title is searchable, the old one not', async () => {
    const conversation = await conversationWithUserMessage('Untitled draft', 'hi');
    clock.advanceSync(50);
    const renamed = await store.renameConversation(conversation.id, 'Kyoto itinerary', 'model');
    expect(renamed).toMatchObject({ title: 'Kyoto itinerary', titleSource: 'model' });
    expect(renamed.updatedAt).toBe(conversation.updatedAt);
    expect(ids(await store.search('kyoto'))).toEqual([conversation.id]);
    expect(await store.search('untitled')).toEqual([]);
    await expect(store.renameConversation('nope', 'x', 'model')).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
  });

  it('deletes a conversation with its messages, jobs and index entries, and nothing else', async () => {
    const gone = await conversationWithUserMessage('Gone', 'shared words');
    const kept = await conversationWithUserMessage('Kept', 'shared words');
    const reply = await assistant(gone.id);
    const jobs = new JobStore(db);
    await jobs.add({
      id: 'job1',
      conversationId: gone.id,
      messageId: reply.id,
      providerId: 'openai',
      priority: 'interactive',
      kind: 'chat',
      createdAt: 1,
    });

    expect(await store.deleteConversation(gone.id)).toBe(true);
    expect(await store.getConversation(gone.id)).toBeUndefined();
    expect(await store.getMessages(gone.id)).toEqual([]);
    expect(await jobs.list()).toEqual([]);
    expect(ids(await store.search('shared'))).toEqual([kept.id]);
    const termsOfGone = await db.getAllKeysFromIndex(
      'searchTerms',
      'bySource',
      IDBKeyRange.bound([gone.id], [gone.id, []]),
    );
    expect(termsOfGone).toEqual([]);
    expect(await store.getMessages(kept.id)).toHaveLength(1);
    expect(await store.deleteConversation(gone.id)).toBe(false);
  });
});

describe('messages', () => {
  it('appends with consecutive seqs and reads them back in order', async () => {
    const conversation = await conversationWithUserMessage('t', 'first');
    clock.advanceSync(10);
    const reply = await assistant(conversation.id);
    expect(reply).toMatchObject({ seq: 1, createdAt: 1_010, updatedAt: 1_010, state: 'pending' });
    expect((await store.getConversation(conversation.id))?.updatedAt).toBe(1_010);
    const other = await conversationWithUserMessage('other', 'elsewhere');
    expect((await store.getMessages(other.id)).map((m) => m.seq)).toEqual([0]);
    expect((await store.getMessages(conversation.id)).map((m) => [m.seq, m.role])).toEqual([
      [0, 'user'],
      [1, 'assistant'],
    ]);
  });

  it('gives concurrent appends distinct, gap-free seqs', async () => {
    const conversation = await store.createConversation();
    const appended = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.appendMessage({
          conversationId: conversation.id,
          role: i % 2 ? 'assistant' : 'user',
          content: `m${i}`,
          state: 'complete',
        }),
      ),
    );
    expect(appended.map((m) => m.seq).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    const read = await store.getMessages(conversation.id);
    expect(read.map((m) => m.seq)).toEqual([...Array(12).keys()]);
  });

  it('accepts a caller-chosen message id', async () => {
    const conversation = await store.createConversation();
    const message = await store.appendMessage({
      id: 'chosen',
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      state: 'pending',
      jobId: 'job-1',
    });
    expect(await store.getMessage('chosen')).toEqual(message);
  });

  it('refuses to append to a conversation that does not exist', async () => {
    await expect(
      store.appendMessage({
        conversationId: 'nope',
        role: 'user',
        content: 'x',
        state: 'complete',
      }),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('patches a message; undefined removes a field', async () => {
    const conversation = await store.createConversation();
    const reply = await assistant(conversation.id);
    await store.updateMessage(reply.id, {
      state: 'error',
      error: { kind: 'network', message: 'Offline', retryable: true },
    });
    clock.advanceSync(5);
    const retried = await store.updateMessage(reply.id, { state: 'streaming', error: undefined });
    expect(retried).toMatchObject({ state: 'streaming', updatedAt: 1_005 });
    expect('error' in retried).toBe(false);
    expect(await store.getMessage(reply.id)).toEqual(retried);
    await expect(store.updateMessage('nope', { content: 'x' })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
  });

  it('indexes text only when the message settles, and then bumps the conversation', async () => {
    const conversation = await store.createConversation({ title: 'chat' });
    const reply = await assistant(conversation.id, 'streaming');
    clock.advanceSync(100);
    await store.updateMessage(reply.id, { content: 'Photosynthesis converts light' });
    expect(await store.search('photosynthesis')).toEqual([]);
    expect((await store.getConversation(conversation.id))?.updatedAt).toBe(reply.createdAt);

    clock.advanceSync(100);
    await store.updateMessage(reply.id, {
      content: 'Photosynthesis converts light energy',
      state: 'complete',
    });
    expect(ids(await store.search('energy'))).toEqual([conversation.id]);
    expect((await store.getConversation(conversation.id))?.updatedAt).toBe(1_200);
  });

  it('re-indexes a message settled again with new text (retry), dropping its old words', async () => {
    const conversation = await store.createConversation();
    const reply = await assistant(conversation.id);
    await store.updateMessage(reply.id, { content: 'alpha beta', state: 'interrupted' });
    await store.updateMessage(reply.id, { content: 'gamma', state: 'streaming' });
    await store.updateMessage(reply.id, { content: 'gamma delta', state: 'complete' });
    expect(ids(await store.search('delta'))).toEqual([conversation.id]);
    expect(await store.search('alpha')).toEqual([]);
  });
});

describe('search', () => {
  it('finds conversations by title or message text, every word, the last one as a prefix', async () => {
    const bread = await conversationWithUserMessage('Sourdough', 'How much rye flour?');
    clock.advanceSync(1);
    const pasta = await conversationWithUserMessage('Pasta', 'Semolina flour or 00 flour?');
    expect(ids(await store.search('flour'))).toEqual([pasta.id, bread.id]);
    expect(ids(await store.search('sourdough fl'))).toEqual([bread.id]);
    expect(ids(await store.search('FLOUR sem'))).toEqual([pasta.id]);
    expect(await store.search('rye semolina')).toEqual([]);
    expect(await store.search('our')).toEqual([]);
    expect(await store.search('   ')).toEqual([]);
  });

  it('matches regardless of case, width and accents written as combining marks', async () => {
    const conversation = await conversationWithUserMessage('École', 'ＡＰＩ keys and Cafe\u0301');
    expect(ids(await store.search('école api café'))).toEqual([conversation.id]);
  });

  it('finds words inside Chinese text', async () => {
    const conversation = await conversationWithUserMessage('水果', '我喜欢吃苹果和香蕉');
    expect(ids(await store.search('苹果'))).toEqual([conversation.id]);
  });

  it('returns at most `limit` conversations, newest first', async () => {
    for (let i = 0; i < 5; i++) {
      await conversationWithUserMessage(`note ${i}`, 'common');
      clock.advanceSync(1);
    }
    const found = await store.search('common', 3);
    expect(found.map((c) => c.title)).toEqual(['note 4', 'note 3', 'note 2']);
  });
});

describe('markInFlightInterrupted', () => {
  it('marks pending and streaming messages interrupted, keeping their text', async () => {
    const conversation = await conversationWithUserMessage('t', 'question');
    const streaming = await assistant(conversation.id, 'streaming');
    await store.updateMessage(streaming.id, { content: 'partial answer' });
    clock.advanceSync(1);
    const other = await conversationWithUserMessage('u', 'another');
    const pending = await assistant(other.id);
    const before = await store.getConversation(conversation.id);

    const interrupted = await store.markInFlightInterrupted(9_999);

    expect(interrupted.map((m) => [m.id, m.state, m.content, m.updatedAt])).toEqual([
      [streaming.id, 'interrupted', 'partial answer', 9_999],
      [pending.id, 'interrupted', '', 9_999],
    ]);
    expect(await store.getMessage(streaming.id)).toEqual(interrupted[0]);
    expect((await store.getMessages(conversation.id))[0]?.state).toBe('complete');
    expect(await store.getConversation(conversation.id)).toEqual(before);
    // Interrupted text is settled, so it is searchable.
    expect(ids(await store.search('partial'))).toEqual([conversation.id]);
    expect(await store.markInFlightInterrupted(10_000)).toEqual([]);
  });

  it('leaves a pending message alone while its job is still queued (it will be restored)', async () => {
    const conversation = await store.createConversation();
    const jobs = new JobStore(db);
    const job = (id: string, messageId: string) => ({
      id,
      conversationId: conversation.id,
      messageId,
      providerId: 'openai',
      priority: 'interactive' as const,
      kind: 'chat' as const,
      createdAt: 1,
    });
    const waiting = await store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      state: 'pending',
      jobId: 'queued-job',
    });
    const started = await store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      state: 'pending',
      jobId: 'running-job',
    });
    await jobs.add(job('queued-job', waiting.id));
    await jobs.add({ ...job('running-job', started.id), state: 'running' });

    expect(ids(await store.markInFlightInterrupted(5))).toEqual([started.id]);
    expect((await store.getMessage(waiting.id))?.state).toBe('pending');
  });
});

describe('storage failures', () => {
  it('reports a full disk as a StorageError and writes nothing of the failed call', async () => {
    const conversation = await store.createConversation();
    const reply = await assistant(conversation.id, 'streaming');
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failed = store.updateMessage(reply.id, { content: 'lost?' });
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toMatchObject({ kind: 'quota-exceeded' });
    await expect(failed).rejects.toThrow(/Free some disk space/);
    put.mockRestore();
    expect((await store.getMessage(reply.id))?.content).toBe('');
  });

  it('rolls back every write of a transaction the browser aborts', async () => {
    const conversation = await store.createConversation({ title: 'before' });
    const original = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['add']>
    ) {
      const request = original.apply(this, args);
      this.transaction.abort();
      return request;
    });
    const failed = store.appendMessage({
      conversationId: conversation.id,
      role: 'user',
      content: 'x',
      state: 'complete',
    });
    await expect(failed).rejects.toMatchObject({ name: 'StorageError', kind: 'aborted' });
    vi.restoreAllMocks();
    expect(await store.getMessages(conversation.id)).toEqual([]);
    expect(await store.getConversation(conversation.id)).toEqual(conversation);
  });

  it('aborts a transaction when its own code fails midway, so no half-indexed message lands', async () => {
    const conversation = await store.createConversation();
    const reply = await assistant(conversation.id, 'streaming');
    // Content the tokenizer cannot read makes indexing throw after the message put.
    const failed = store.updateMessage(reply.id, { content: 42 as never, state: 'complete' });
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    expect(await store.getMessage(reply.id)).toEqual(reply);
  });

  it('reports operations on a closed database as unavailable', async () => {
    const factory = new IDBFactory();
    const closed = await openTestDb(factory);
    closed.close();
    await expect(
      new ConversationStore(closed).listConversations({ limit: 1 }),
    ).rejects.toMatchObject({ name: 'StorageError', kind: 'unavailable' });
  });
});
