// A fresh, private in-memory `parley` database per test (no state shared through the global one).
import { IDBFactory } from 'fake-indexeddb';
import { openParleyDb } from '../db';
import type { ParleyDb } from '../schema';

export function openTestDb(factory: IDBFactory = new IDBFactory()): Promise<ParleyDb> {
  return openParleyDb({ factory });
}
