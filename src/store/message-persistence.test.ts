// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@/client/testing/fake-clock';
import { ConversationStore, type MessagePatch } from './conversation-store';
import type { ParleyDb } from './schema';
import { StorageError } from './storage-error';
import { openTestDb } from './testing/open-test-db';
import { ThrottledWriter } from './throttled-writer';

let db: ParleyDb;

beforeEach(async () => {
  db = await openTestDb();
});

afterEach(() => db.close());

describe('streaming text into the store', () => {
  it('keeps the text through a full disk and saves it once writes succeed again', async () => {
    const clock = new FakeClock(0);
    const store = new ConversationStore(db, { clock });
    const conversation = await store.createConversation();
    const reply = await store.appendMessage({
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      state: 'streaming',
    });

    let reportError!: (err: unknown) => void;
    const failed = new Promise<unknown>((resolve) => (reportError = resolve));
    let reportRecovered!: () => void;
    const recovered = new Promise<void>((resolve) => (reportRecovered = resolve));
    const writer = new ThrottledWriter<MessagePatch>({
      clock,
      write: (patch) => store.updateMessage(reply.id, patch),
      onError: reportError,
      onRecovered: reportRecovered,
    });

    const diskFull = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    writer.update({ content: 'The first' });
    const error = await failed;
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'quota-exceeded' });
    writer.update({ content: 'The first words survive' });
    expect((await store.getMessage(reply.id))?.content).toBe('');

    diskFull.mockRestore();
    clock.advanceSync(500);
    await recovered;
    expect((await store.getMessage(reply.id))?.content).toBe('The first words survive');

    writer.update({ content: 'The first words survive, complete.', state: 'complete' });
    await writer.flush();
    expect(await store.getMessage(reply.id)).toMatchObject({
      content: 'The first words survive, complete.',
      state: 'complete',
    });
  });
});
