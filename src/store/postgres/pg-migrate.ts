/**
 * Applies the numbered migrations to a PostgreSQL database. Several nodes may start at once, so the whole check
 * and apply runs under a session advisory lock: the first node migrates, the others wait and then find nothing
 * to do. Each migration commits together with its schema_migrations row, so a crash leaves either all of a
 * migration or none of it. A database already at a newer version than the code is refused.
 */
import type pg from 'pg';
import { LATEST_SCHEMA_VERSION, migrations } from '../migrations/index.js';
import { SchemaTooNewError } from '../schema-errors.js';

/** Any constant works, as long as every vpclite uses the same one: 'vpcl' 'mig' in ASCII. */
const MIGRATION_LOCK = 0x7670636c_6d6967n;

/**
 * Portable DDL for PostgreSQL, so each type means what it means in SQLite: `{{SERIAL}}` is a BIGSERIAL key;
 * INTEGER becomes BIGINT (SQLite's INTEGER holds 64 bits, PostgreSQL's 32: a millisecond timestamp would
 * overflow); TEXT is COLLATE "C", so text compares and sorts by code point whatever the database's collation
 * (and LIKE 'prefix%' can use a plain index). Migrations spell types in upper case, and only types so.
 */
export function toPostgresDdl(statement: string): string {
  return statement
    .replaceAll('{{SERIAL}}', 'BIGSERIAL PRIMARY KEY')
    .replace(/\bINTEGER\b/g, 'BIGINT')
    .replace(/\bTEXT\b/g, 'TEXT COLLATE "C"');
}

export interface MigrationOutcome {
  /** The schema version the database is at now. */
  version: number;
  /** The versions this call applied (empty when another node or an earlier start had done it). */
  applied: number[];
}

export async function migratePostgres(client: pg.ClientBase, remedy: string): Promise<MigrationOutcome> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const { rows } = await client.query<{ v: string | number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    if (current > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(current, LATEST_SCHEMA_VERSION, remedy);
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        for (const statement of migration.statements) await client.query(toPostgresDdl(statement));
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version, migration.name, new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
    return { version: LATEST_SCHEMA_VERSION, applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
  }
}
