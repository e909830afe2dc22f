/**
 * Direct store access for tests that need states no action can produce (more internet gateways than the region
 * quota, to page through them…). Reads go through the real clients; only the setup uses SQL. Prefer real API
 * calls whenever an action can make the state.
 */
import type { Row, SqlValue } from '../../src/store/store.js';
import type { TestServer } from './server.js';

export async function seed(server: TestServer, sql: string, params: SqlValue[] = []): Promise<void> {
  await server.store.write(async (tx) => {
    await tx.run(sql, params);
  });
}

export async function query<R = Row>(server: TestServer, sql: string, params: SqlValue[] = []): Promise<R[]> {
  return server.store.read((tx) => tx.all<R>(sql, params));
}

/** The account a client with the default `test` access key acts as. */
export const DEFAULT_ACCOUNT = '123456789012';
