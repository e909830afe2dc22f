/** Chooses the engine from the server options. PostgreSQL joins here in its own issue. */
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface StoreOptions {
  /** A directory for the SQLite file, or ':memory:' to keep nothing. */
  data: string;
}

export function openStore(options: StoreOptions): Store {
  return new SqliteStore(options.data);
}
