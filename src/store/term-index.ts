// Maintenance and lookup of the inverted full-text index (the `searchTerms` store). Every function
// works inside a transaction the caller opened, so index updates commit or fail together with the
// record they describe.
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { MessageState } from '@/shared/conversation';
import type { ParleySchema } from './schema';
import { extractTerms, type ParsedQuery } from './search-terms';

type Stores = ArrayLike<StoreNames<ParleySchema>>;
type WritableTermStore = IDBPObjectStore<
  ParleySchema,
  Stores,
  'searchTerms',
  'readwrite' | 'versionchange'
>;
type ReadableTermStore = IDBPObjectStore<ParleySchema, Stores, 'searchTerms', IDBTransactionMode>;

/**
 * Only settled text is indexed: a streaming message changes every few hundred ms, and indexing
 * it then would put term maintenance on the hot path. It is indexed once it completes, fails or
 * is interrupted (and again if a continuation settles it later).
 */
export function isSettledState(state: MessageState): boolean {
  return state === 'complete' || state === 'error' || state === 'interrupted';
}

/** Makes the index hold exactly the terms of `text` for this source, touching only what changed. */
export async function indexSourceText(
  store: WritableTermStore,
  conversationId: string,
  sourceId: string,
  text: string,
): Promise<void> {
  const wanted = new Set(extractTerms(text));
  const existingKeys = await store.index('bySource').getAllKeys([conversationId, sourceId]);
  const writes: Promise<unknown>[] = [];
  for (const key of existingKeys) {
    // A term already indexed and still present needs no write; the rest are stale.
    if (!wanted.delete(key[0])) writes.push(store.delete(key));
  }
  for (const term of wanted) writes.push(store.put({ term, conversationId, sourceId }));
  await Promise.all(writes);
}

/** Removes every term of a conversation (all of its messages and its title). */
export async function removeConversationTerms(
  store: WritableTermStore,
  conversationId: string,
): Promise<void> {
  const keys = await store
    .index('bySource')
    .getAllKeys(IDBKeyRange.bound([conversationId], [conversationId, []]));
  await Promise.all(keys.map((key) => store.delete(key)));
}

async function conversationsWithTermsIn(
  store: ReadableTermStore,
  range: IDBKeyRange,
): Promise<Set<string>> {
  const keys = await store.getAllKeys(range);
  return new Set(keys.map((key) => key[1]));
}

/** Ids of conversations containing every exact word of the query and a word starting with its prefix. */
export async function findConversationIds(
  store: ReadableTermStore,
  query: ParsedQuery,
): Promise<Set<string>> {
  // Keys are [term, conversationId, sourceId]; an array sorts after every string, so
  // [term, []] bounds all keys of one term, and '\uffff' (above every UTF-16 unit) all of a prefix.
  const ranges = [
    ...query.exact.map((term) => IDBKeyRange.bound([term], [term, []])),
    IDBKeyRange.bound([query.prefix], [query.prefix + '\uffff']),
  ];
  let matches: Set<string> | undefined;
  for (const range of ranges) {
    const found = await conversationsWithTermsIn(store, range);
    matches = matches ? new Set([...matches].filter((id) => found.has(id))) : found;
    if (matches.size === 0) break;
  }
  return matches ?? new Set();
}
