// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Conversation } from '@/shared/conversation';
import { ConversationStore } from './conversation-store';
import { openParleyDb } from './db';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { StorageError } from './storage-error';

const conversation: Conversation = {
  id: 'c1',
  title: 'Sourdough starter',
  titleSource: 'first-message',
  createdAt: 1,
  updatedAt: 5,
};

function message(id: string, seq: number, content: string, state: ChatMessage['state']) {
  return {
    id,
    conversationId: 'c1',
    seq,
    role: seq % 2 ? 'assistant' : 'user',
    content,
    state,
    createdAt: seq,
    updatedAt: seq,
  } satisfies ChatMessage;
}

/** A database as version 1 of Parley left it: no full-text index yet. */
async function seedVersion1(factory: IDBFactory) {
  const v1 = await openParleyDb({ factory, version: 1 });
  expect([...v1.objectStoreNames].sort()).toEqual(['conversations', 'jobs', 'messages']);
  await v1.put('conversations', conversation);
  await v1.put('messages', message('m0', 0, 'How do I feed a starter?', 'complete'));
  await v1.put('messages', message('m1', 1, 'Use rye flour and water', 'complete'));
  await v1.put('messages', message('m2', 2, 'What about hydration?', 'complete'));
  await v1.put('messages', message('m3', 3, 'Halfwritten percentages', 'streaming'));
  v1.close();
}

describe('openParleyDb', () => {
  it('lists one migration per version, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
    );
  });

  it('creates the latest schema on a fresh database', async () => {
    const db = await openParleyDb({ factory: new IDBFactory() });
    expect(db.version).toBe(LATEST_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'conversations',
      'jobs',
      'messages',
      'searchTerms',
    ]);
    const messages = db.transaction('messages').store;
    expect([...messages.indexNames].sort()).toEqual(['byConversationSeq', 'byState']);
    db.close();
  });

  it('migrates a version 1 database with data: records survive and become searchable', async () => {
    const factory = new IDBFactory();
    await seedVersion1(factory);

    const db = await openParleyDb({ factory });
    expect(db.version).toBe(LATEST_VERSION);
    const store = new ConversationStore(db);
    expect(await store.getConversation('c1')).toEqual(conversation);
    expect((await store.getMessages('c1')).map((m) => [m.id, m.content])).toEqual([
      ['m0', 'How do I feed a starter?'],
      ['m1', 'Use rye flour and water'],
      ['m2', 'What about hydration?'],
      ['m3', 'Halfwritten percentages'],
    ]);
    // Back-filled: the title and settled messages are indexed, the streaming one is not yet.
    expect((await store.search('sourdough')).map((c) => c.id)).toEqual(['c1']);
    expect((await store.search('rye flo')).map((c) => c.id)).toEqual(['c1']);
    expect(await store.search('halfwritten')).toEqual([]);
    db.close();
  });

  it('aborts a failing migration, reports its cause, and leaves the old version intact', async () => {
    const factory = new IDBFactory();
    await seedVersion1(factory);
    // A record the back-fill cannot read: the v2 step throws.
    const v1 = await openParleyDb({ factory, version: 1 });
    await v1.put('messages', { ...message('bad', 9, '', 'complete'), content: 42 as never });
    v1.close();

    const failed = openParleyDb({ factory });
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toMatchObject({ cause: expect.any(TypeError) });
    const again = await openParleyDb({ factory, version: 1 });
    expect(again.objectStoreNames.contains('searchTerms')).toBe(false);
    expect(await again.count('messages')).toBe(5);
    again.close();
  });

  it('fails with a newer-version StorageError when the database is newer than the code', async () => {
    const factory = new IDBFactory();
    (await openParleyDb({ factory })).close();
    await expect(openParleyDb({ factory, version: 1 })).rejects.toMatchObject({
      name: 'StorageError',
      kind: 'newer-version',
    });
  });

  it('fails with an unavailable StorageError when IndexedDB refuses to open', async () => {
    const factory = {
      open: () => {
        throw new DOMException('storage disabled', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const failed = openParleyDb({ factory });
    await expect(failed).rejects.toMatchObject({ name: 'StorageError', kind: 'unavailable' });
    await expect(failed).rejects.toThrow(/reload the extension/);
  });

  it('closes an old connection when a newer version opens, so the upgrade is not blocked', async () => {
    const factory = new IDBFactory();
    const old = await openParleyDb({ factory, version: 1 });
    const onBlocked = vi.fn();
    const latest = await openParleyDb({ factory, onBlocked });
    expect(latest.version).toBe(LATEST_VERSION);
    expect(onBlocked).not.toHaveBeenCalled();
    await expect(old.get('conversations', 'c1')).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    latest.close();
  });
});
