// The schema's history, one step per version. A step runs inside the upgrade transaction and must
// only use stores through `tx` (never open another transaction there). Never edit a shipped step:
// add the next one, so every user's database walks the same path.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { TITLE_SOURCE, type ParleySchema } from './schema';
import { indexSourceText, isSettledState } from './term-index';

export type UpgradeTransaction = IDBPTransaction<
  ParleySchema,
  StoreNames<ParleySchema>[],
  'versionchange'
>;

export interface Migration {
  /** The version this step upgrades to. */
  version: number;
  description: string;
  migrate(db: IDBPDatabase<ParleySchema>, tx: UpgradeTransaction): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'conversations, messages and generation jobs',
    async migrate(db) {
      const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
      conversations.createIndex('byRecency', ['updatedAt', 'id']);
      const messages = db.createObjectStore('messages', { keyPath: 'id' });
      messages.createIndex('byConversationSeq', ['conversationId', 'seq'], { unique: true });
      messages.createIndex('byState', 'state');
      const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
      jobs.createIndex('bySeq', 'seq', { unique: true });
      jobs.createIndex('byConversation', 'conversationId');
    },
  },
  {
    version: 2,
    description: 'full-text index of titles and settled message text, back-filled',
    async migrate(db, tx) {
      const terms = db.createObjectStore('searchTerms', {
        keyPath: ['term', 'conversationId', 'sourceId'],
      });
      terms.createIndex('bySource', ['conversationId', 'sourceId']);
      // Cursors rather than getAll: a long history is indexed one record at a time.
      let conversation = await tx.objectStore('conversations').openCursor();
      while (conversation) {
        const { id, title } = conversation.value;
        await indexSourceText(terms, id, TITLE_SOURCE, title);
        conversation = await conversation.continue();
      }
      let message = await tx.objectStore('messages').openCursor();
      while (message) {
        const { id, conversationId, content, state } = message.value;
        if (isSettledState(state)) await indexSourceText(terms, conversationId, id, content);
        message = await message.continue();
      }
    },
  },
];

export const LATEST_VERSION = MIGRATIONS.length;

/** Runs the steps after `oldVersion` up to `newVersion`, in order. */
export async function runMigrations(
  db: IDBPDatabase<ParleySchema>,
  tx: UpgradeTransaction,
  oldVersion: number,
  newVersion: number,
): Promise<void> {
  for (const step of MIGRATIONS) {
    if (step.version > oldVersion && step.version <= newVersion) await step.migrate(db, tx);
  }
}
