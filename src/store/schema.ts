// The shape of the `parley` IndexedDB database at its latest version. Migrations (migrations.ts)
// build it step by step; everything else reads and writes through these types.
import type { DBSchema, IDBPDatabase } from 'idb';
import type { ChatMessage, Conversation } from '@/shared/conversation';
import type { JobPriority } from '@/queue/request-queue';

export const DB_NAME = 'parley';

export type JobKind = 'chat' | 'title';

/** Only unfinished jobs are stored: a job record is deleted once it is done or cancelled. */
export type PersistedJobState = 'queued' | 'running';

/** A generation job persisted so queued work survives a worker restart. */
export interface GenerationJob {
  id: string;
  conversationId: string;
  /** The message the job produces (chat) or is about (title). */
  messageId: string;
  providerId: string;
  priority: JobPriority;
  kind: JobKind;
  state: PersistedJobState;
  createdAt: number;
  /** Insertion order, assigned by the job store; restore re-enqueues in this order. */
  seq: number;
}

/**
 * One entry of the inverted full-text index: `term` occurs in `sourceId` (a message id, or
 * TITLE_SOURCE for the conversation's title) of `conversationId`. A separate store rather than a
 * terms array on each conversation, so that indexing one finished message costs O(that message)
 * instead of rereading the whole conversation.
 */
export interface SearchTermRecord {
  term: string;
  conversationId: string;
  sourceId: string;
}

export const TITLE_SOURCE = '#title';

export interface ParleySchema extends DBSchema {
  conversations: {
    key: string;
    value: Conversation;
    /** `[updatedAt, id]`: newest first with a stable order for equal times (pagination). */
    indexes: { byRecency: [number, string] };
  };
  messages: {
    key: string;
    value: ChatMessage;
    indexes: {
      /** Unique: two appends can never get the same seq. */
      byConversationSeq: [string, number];
      /** Start-up recovery finds pending/streaming messages without a full scan. */
      byState: string;
    };
  };
  jobs: {
    key: string;
    value: GenerationJob;
    indexes: { bySeq: number; byConversation: string };
  };
  searchTerms: {
    key: [string, string, string];
    value: SearchTermRecord;
    indexes: { bySource: [string, string] };
  };
}

export type ParleyDb = IDBPDatabase<ParleySchema>;
