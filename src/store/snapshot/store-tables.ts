/**
 * The tables of a store and their columns, read from the engine's own catalogue (the one place the snapshot code
 * is engine-specific, with the sequence reset after a load). The tables of NOT_STATE_TABLES (schema_migrations,
 * account_generations) are not state: they stay as they are.
 */
import { NOT_STATE_TABLES } from '../generations.js';
import type { Store, Tx } from '../store.js';

export async function tableNames(store: Store, tx: Tx): Promise<string[]> {
  const rows =
    store.info.engine === 'sqlite'
      ? await tx.all<{ name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
      : await tx.all<{ name: string }>(
          `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
        );
  return rows.map((r) => r.name).filter((name) => !NOT_STATE_TABLES.includes(name));
}

export async function columnNames(store: Store, tx: Tx, table: string): Promise<string[]> {
  if (store.info.engine === 'sqlite') {
    const rows = await tx.all<{ name: string; cid: number }>(`SELECT name, cid FROM pragma_table_info(?) ORDER BY cid`, [table]);
    return rows.map((r) => r.name);
  }
  const rows = await tx.all<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** After rows were inserted with their own `seq`, new rows must be numbered after them (PostgreSQL's sequences). */
export async function resetSequences(store: Store, tx: Tx, tables: string[]): Promise<void> {
  if (store.info.engine !== 'postgres') return; // SQLite's INTEGER PRIMARY KEY continues after the largest seq
  for (const table of tables) {
    if (!(await columnNames(store, tx, table)).includes('seq')) continue;
    await tx.get(
      `SELECT setval(pg_get_serial_sequence(CAST(? AS TEXT), 'seq'), COALESCE((SELECT MAX(seq) FROM ${table}), 0) + 1, false) AS v`,
      [table],
    );
  }
}
