/**
 * `vpclite migrate`: brings a database's schema up to this vpclite's version and exits, so an operator can
 * migrate once before rolling out nodes (nodes also migrate at start, under the same advisory lock).
 */
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

export interface MigrateOptions {
  data: string;
  postgres?: string;
}

export async function migrate(options: MigrateOptions): Promise<void> {
  if (options.postgres !== undefined) {
    const outcome = await PostgresStore.migrateOnly({ url: options.postgres });
    const applied = outcome.applied.length > 0 ? `applied ${outcome.applied.join(', ')}` : 'nothing to apply';
    process.stdout.write(`vpclite: ${outcome.location} is at schema version ${outcome.version} (${applied})\n`);
    return;
  }
  // SQLite migrates on open; opening and closing is the whole job.
  const store = new SqliteStore(options.data);
  process.stdout.write(`vpclite: ${store.info.location} is at schema version ${LATEST_SCHEMA_VERSION}\n`);
  await store.close();
}
