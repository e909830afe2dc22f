/**
 * The engine tests run on, from the environment: SQLite in memory by default; PostgreSQL when
 * VPCLITE_TEST_STORE=postgres, on the server at VPCLITE_TEST_PG_URL (scripts/test-postgres.sh starts a
 * throwaway one and sets both). Every store gets a database of its own, created here and dropped on close, so
 * test files (and servers within a file) never see each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

export type TestEngine = 'sqlite' | 'postgres';

export function testEngine(): TestEngine {
  const wanted = process.env.VPCLITE_TEST_STORE ?? 'sqlite';
  if (wanted !== 'sqlite' && wanted !== 'postgres') {
    throw new Error(`VPCLITE_TEST_STORE must be "sqlite" or "postgres", not "${wanted}"`);
  }
  return wanted;
}

/** The URL of the test server's maintenance database; refusing to guess keeps a misconfigured run from passing. */
export function adminUrl(): string {
  const url = process.env.VPCLITE_TEST_PG_URL;
  if (!url) throw new Error('VPCLITE_TEST_STORE=postgres needs VPCLITE_TEST_PG_URL (scripts/test-postgres.sh sets it)');
  return url;
}

/** `url` pointing at `database` instead. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database. Its default collation is ICU's en-US on purpose, as many production databases have
 * one: text would sort 'a' < 'B' there, so the suite proves the engine's columns sort by code point as in
 * SQLite whatever the database's collation.
 */
export async function createTestDatabase(name = `vpclite_t_${process.pid}_${randomBytes(4).toString('hex')}`): Promise<string> {
  await withAdmin((client) =>
    client.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`,
    ),
  );
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

/** The database that stands for a SQLite data directory, so a test can stop and restart a server on it. */
async function databaseForDirectory(dir: string): Promise<string> {
  const name = `vpclite_d_${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
  const exists = await withAdmin((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
  if (exists.rowCount === 0) await createTestDatabase(name);
  return name;
}

export interface TestStore {
  store: Store;
  /** The PostgreSQL URL of the store's database (undefined on SQLite). */
  url?: string;
  /** Closes the store and drops its database (unless it stands for a data directory). */
  close(): Promise<void>;
}

/**
 * Opens a store on the test engine. `data` is a SQLite directory (default in memory); on PostgreSQL a directory
 * maps to a database of its own that outlives the store, so reopening the same directory finds its rows.
 */
export async function openTestStore(options: { data?: string; pgPoolSize?: number } = {}): Promise<TestStore> {
  const data = options.data ?? ':memory:';
  if (testEngine() === 'sqlite') {
    const store = await openStore({ data });
    return { store, close: () => store.close() };
  }
  const persistent = data !== ':memory:';
  const database = persistent ? await databaseForDirectory(data) : await createTestDatabase();
  const url = databaseUrl(adminUrl(), database);
  const store = await openStore({ data, postgres: url, pgPoolSize: options.pgPoolSize });
  return {
    store,
    url,
    close: async () => {
      await store.close();
      if (!persistent) await dropTestDatabase(database);
    },
  };
}
