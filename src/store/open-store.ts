/** Chooses the engine from the server options: PostgreSQL when a URL is given, else SQLite in `data`. */
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface StoreOptions {
  /** A directory for the SQLite file, or ':memory:' to keep nothing. Ignored with `postgres`. */
  data: string;
  /** A PostgreSQL connection URL (`postgres://user:password@host:port/database`). */
  postgres?: string;
  /** PostgreSQL connections per node (default 10). */
  pgPoolSize?: number;
  /** Errors of idle PostgreSQL connections, for the log. */
  onIdleError?: (error: Error) => void;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.postgres !== undefined) {
    return PostgresStore.open({ url: options.postgres, poolSize: options.pgPoolSize, onIdleError: options.onIdleError });
  }
  return new SqliteStore(options.data);
}
