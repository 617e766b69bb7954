// Conversations and their messages in IndexedDB, for the background to own. Every method runs in
// one transaction (so a message and its index entries land together or not at all) and fails
// with StorageError (or RecordNotFoundError), never silently.
import type { Clock } from '@/client/types';
import type { ChatMessage, Conversation, MessageState } from '@/shared/conversation';
import type { StoreNames } from 'idb';
import { TITLE_SOURCE, type ParleyDb, type ParleySchema } from './schema';
import { parseQuery } from './search-terms';
import { RecordNotFoundError, withStorageErrors } from './storage-error';
import { runInTransaction } from './transaction';
import {
  findConversationIds,
  indexSourceText,
  isSettledState,
  removeConversationTerms,
} from './term-index';

export interface ConversationStoreOptions {
  clock?: Pick<Clock, 'now'>;
  newId?: () => string;
}

export interface NewConversation {
  title?: string;
  titleSource?: Conversation['titleSource'];
  providerId?: string;
  model?: string;
}

export type ConversationPatch = Partial<
  Pick<Conversation, 'title' | 'titleSource' | 'providerId' | 'model'>
>;

export type NewMessage = Omit<ChatMessage, 'id' | 'seq' | 'createdAt' | 'updatedAt'> & {
  /** Given when the caller needs the id before the write (e.g. to put it in a job first). */
  id?: string;
};

/** Fields that may change after a message is created; `undefined` removes a field. */
export type MessagePatch = Partial<
  Omit<ChatMessage, 'id' | 'conversationId' | 'seq' | 'role' | 'createdAt' | 'updatedAt'>
>;

export interface ListConversationsOptions {
  limit: number;
  /** The last conversation of the previous page: the next page starts after it. */
  before?: Pick<Conversation, 'id' | 'updatedAt'>;
}

const IN_FLIGHT_STATES: readonly MessageState[] = ['pending', 'streaming'];

/** All keys of one conversation in a `[conversationId, …]` index (arrays sort after numbers). */
function conversationRange(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationId], [conversationId, []]);
}

/** A copy of `record` with `patch` applied; a field patched to `undefined` is removed. */
export function applyPatch<T extends object>(record: T, patch: NoInfer<Partial<T>>): T {
  const next = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

function byRecency(a: Conversation, b: Conversation): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export class ConversationStore {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly db: ParleyDb,
    options: ConversationStoreOptions = {},
  ) {
    const clock = options.clock ?? Date;
    this.now = () => clock.now();
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  createConversation(input: NewConversation = {}): Promise<Conversation> {
    return withStorageErrors('create the conversation', async () => {
      const now = this.now();
      const conversation: Conversation = {
        id: this.newId(),
        title: input.title ?? '',
        titleSource: input.titleSource ?? 'first-message',
        createdAt: now,
        updatedAt: now,
        ...(input.providerId !== undefined ? { providerId: input.providerId } : {}),
        ...(input.model !== undefined ? { model: input.model } : {}),
      };
      const tx = this.db.transaction(['conversations', 'searchTerms'], 'readwrite');
      return runInTransaction(tx, async () => {
        await tx.objectStore('conversations').add(conversation);
        await indexSourceText(
          tx.objectStore('searchTerms'),
          conversation.id,
          TITLE_SOURCE,
          conversation.title,
        );
        return conversation;
      });
    });
  }

  getConversation(id: string): Promise<Conversation | undefined> {
    return withStorageErrors('read the conversation', () => this.db.get('conversations', id));
  }

  /** Most recently active first (`updatedAt` moves with messages, not with renames). */
  listConversations(options: ListConversationsOptions): Promise<Conversation[]> {
    return withStorageErrors('load the conversation list', async () => {
      const { limit, before } = options;
      const range = before ? IDBKeyRange.upperBound([before.updatedAt, before.id], true) : null;
      const page: Conversation[] = [];
      const tx = this.db.transaction('conversations');
      return runInTransaction(tx, async () => {
        let cursor = await tx.store.index('byRecency').openCursor(range, 'prev');
        while (cursor && page.length < limit) {
          page.push(cursor.value);
          cursor = await cursor.continue();
        }
        return page;
      });
    });
  }

  /** Changes the title (re-indexed for search) or the provider/model of new turns. */
  updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    return withStorageErrors('save the conversation', async () => {
      const tx = this.db.transaction(['conversations', 'searchTerms'], 'readwrite');
      return runInTransaction(tx, async () => {
        const conversations = tx.objectStore('conversations');
        const current = await conversations.get(id);
        if (!current) throw new RecordNotFoundError('conversations', id);
        const updated = applyPatch(current, patch);
        await conversations.put(updated);
        if (patch.title !== undefined) {
          await indexSourceText(tx.objectStore('searchTerms'), id, TITLE_SOURCE, updated.title);
        }
        return updated;
      });
    });
  }

  renameConversation(
    id: string,
    title: string,
    titleSource: Conversation['titleSource'],
  ): Promise<Conversation> {
    return this.updateConversation(id, { title, titleSource });
  }

  /**
   * Sets a model-written title, but only over the first-message title: a title the user chose
   * meanwhile wins. The check and the write are one transaction. Null when it did not apply.
   */
  setModelTitle(id: string, title: string): Promise<Conversation | null> {
    return withStorageErrors('save the conversation title', async () => {
      const tx = this.db.transaction(['conversations', 'searchTerms'], 'readwrite');
      return runInTransaction(tx, async () => {
        const conversations = tx.objectStore('conversations');
        const current = await conversations.get(id);
        if (!current || current.titleSource !== 'first-message') return null;
        const updated: Conversation = { ...current, title, titleSource: 'model' };
        await conversations.put(updated);
        await indexSourceText(tx.objectStore('searchTerms'), id, TITLE_SOURCE, title);
        return updated;
      });
    });
  }

  /** Deletes the conversation with its messages, jobs and index entries; false if it was unknown. */
  deleteConversation(id: string): Promise<boolean> {
    return withStorageErrors('delete the conversation', async () => {
      const tx = this.db.transaction(
        ['conversations', 'messages', 'jobs', 'searchTerms'],
        'readwrite',
      );
      return runInTransaction(tx, async () => {
        const existed = (await tx.objectStore('conversations').getKey(id)) !== undefined;
        const messages = tx.objectStore('messages');
        const jobs = tx.objectStore('jobs');
        const [messageIds, jobIds] = await Promise.all([
          messages.index('byConversationSeq').getAllKeys(conversationRange(id)),
          jobs.index('byConversation').getAllKeys(id),
        ]);
        await Promise.all([
          tx.objectStore('conversations').delete(id),
          ...messageIds.map((messageId) => messages.delete(messageId)),
          ...jobIds.map((jobId) => jobs.delete(jobId)),
          removeConversationTerms(tx.objectStore('searchTerms'), id),
        ]);
        return existed;
      });
    });
  }

  /**
   * Adds a message at the end of the conversation: the next `seq` is read and written in the
   * same transaction, so concurrent appends can never share one. Bumps the conversation's
   * `updatedAt`. A message added in a settled state (a user message) is indexed at once.
   */
  appendMessage(input: NewMessage): Promise<ChatMessage> {
    return withStorageErrors('save the message', async () => {
      const tx = this.db.transaction(['conversations', 'messages', 'searchTerms'], 'readwrite');
      return runInTransaction(tx, async () => {
        const conversations = tx.objectStore('conversations');
        const messages = tx.objectStore('messages');
        const conversation = await conversations.get(input.conversationId);
        if (!conversation) throw new RecordNotFoundError('conversations', input.conversationId);
        const last = await messages
          .index('byConversationSeq')
          .openKeyCursor(conversationRange(input.conversationId), 'prev');
        const now = this.now();
        const message: ChatMessage = {
          ...input,
          id: input.id ?? this.newId(),
          seq: last ? last.key[1] + 1 : 0,
          createdAt: now,
          updatedAt: now,
        };
        await messages.add(message);
        await conversations.put({ ...conversation, updatedAt: now });
        if (isSettledState(message.state)) {
          await indexSourceText(
            tx.objectStore('searchTerms'),
            message.conversationId,
            message.id,
            message.content,
          );
        }
        return message;
      });
    });
  }

  getMessage(id: string): Promise<ChatMessage | undefined> {
    return withStorageErrors('read the message', () => this.db.get('messages', id));
  }

  /** The conversation's messages in `seq` order. */
  getMessages(conversationId: string): Promise<ChatMessage[]> {
    return withStorageErrors('load the messages', () =>
      this.db.getAllFromIndex('messages', 'byConversationSeq', conversationRange(conversationId)),
    );
  }

  /**
   * Patches a message. The streaming hot path (no state, or a non-settled one) touches only the
   * message record. A patch that settles it (complete / error / interrupted) also re-indexes its
   * text and bumps the conversation's `updatedAt`, in the same transaction.
   */
  updateMessage(id: string, patch: MessagePatch): Promise<ChatMessage> {
    return withStorageErrors('save the message', async () => {
      const settles = patch.state !== undefined && isSettledState(patch.state);
      const scope: StoreNames<ParleySchema>[] = settles
        ? ['messages', 'conversations', 'searchTerms']
        : ['messages'];
      const tx = this.db.transaction(scope, 'readwrite');
      return runInTransaction(tx, async () => {
        const messages = tx.objectStore('messages');
        const current = await messages.get(id);
        if (!current) throw new RecordNotFoundError('messages', id);
        const now = this.now();
        const updated = { ...applyPatch(current, patch), updatedAt: now };
        await messages.put(updated);
        if (settles) {
          await indexSourceText(
            tx.objectStore('searchTerms'),
            updated.conversationId,
            id,
            updated.content,
          );
          const conversations = tx.objectStore('conversations');
          const conversation = await conversations.get(updated.conversationId);
          if (conversation) await conversations.put({ ...conversation, updatedAt: now });
        }
        return updated;
      });
    });
  }

  /**
   * Conversations whose title or settled text contains every word of `query`, the last word
   * matching as a prefix (it may still be being typed). Most recently active first.
   */
  search(query: string, limit = 20): Promise<Conversation[]> {
    return withStorageErrors('search the conversations', async () => {
      const parsed = parseQuery(query);
      if (!parsed) return [];
      const tx = this.db.transaction(['searchTerms', 'conversations']);
      return runInTransaction(tx, async () => {
        const ids = await findConversationIds(tx.objectStore('searchTerms'), parsed);
        const conversations = tx.objectStore('conversations');
        const found = await Promise.all([...ids].map((id) => conversations.get(id)));
        return found
          .filter((c): c is Conversation => c !== undefined)
          .sort(byRecency)
          .slice(0, limit);
      });
    });
  }

  /**
   * Start-up recovery: messages left `pending` or `streaming` by a worker that stopped become
   * `interrupted`, their partial content kept, and are indexed. A `pending` message whose job is
   * still persisted as `queued` is left alone: that job will be restored and run. Conversation
   * recency is not changed. Returns the messages it interrupted, oldest first. Safe to run twice.
   */
  markInFlightInterrupted(now: number): Promise<ChatMessage[]> {
    return withStorageErrors('recover unfinished answers', async () => {
      const tx = this.db.transaction(['messages', 'jobs', 'searchTerms'], 'readwrite');
      return runInTransaction(tx, async () => {
        const messages = tx.objectStore('messages');
        const jobs = tx.objectStore('jobs');
        const byState = messages.index('byState');
        const inFlight = (
          await Promise.all(IN_FLIGHT_STATES.map((state) => byState.getAll(state)))
        ).flat();
        const interrupted: ChatMessage[] = [];
        for (const message of inFlight) {
          if (message.state === 'pending' && message.jobId !== undefined) {
            const job = await jobs.get(message.jobId);
            if (job?.state === 'queued') continue;
          }
          const updated: ChatMessage = { ...message, state: 'interrupted', updatedAt: now };
          await messages.put(updated);
          await indexSourceText(
            tx.objectStore('searchTerms'),
            updated.conversationId,
            updated.id,
            updated.content,
          );
          interrupted.push(updated);
        }
        return interrupted.sort(
          (a, b) =>
            a.createdAt - b.createdAt ||
            a.conversationId.localeCompare(b.conversationId) ||
            a.seq - b.seq,
        );
      });
    });
  }
}
