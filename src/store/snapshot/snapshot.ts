/**
 * Saving a whole store to a Snapshot and loading one into a store: one read transaction to save, one write
 * transaction to load (all or nothing). `onProgress` is told how many rows are done, for a progress bar.
 */
import { VERSION } from '../../gateway/version.js';
import { bumpEveryGeneration } from '../generations.js';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.js';
import type { SqlValue, Store } from '../store.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type Snapshot } from './snapshot-format.js';
import { columnNames, resetSequences, tableNames } from './store-tables.js';

export type Progress = (done: number, total: number, table: string) => void;

export async function saveSnapshot(store: Store, onProgress: Progress = () => {}): Promise<Snapshot> {
  return store.read(async (tx) => {
    const tables: Snapshot['tables'] = {};
    const names = await tableNames(store, tx);
    let done = 0;
    for (const [i, table] of names.entries()) {
      const columns = await columnNames(store, tx, table);
      const order = columns.includes('seq') ? ' ORDER BY seq' : '';
      const rows = await tx.all(`SELECT ${columns.join(', ')} FROM ${table}${order}`);
      tables[table] = { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
      done += rows.length;
      onProgress(i + 1, names.length, table);
    }
    return {
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
      vpcliteVersion: VERSION,
      savedAt: new Date().toISOString(),
      engine: store.info.engine,
      tables,
    } satisfies Snapshot;
  });
}

export class SnapshotRefused extends Error {
  constructor(
    readonly reason: 'newer' | 'not-a-snapshot' | 'not-empty' | 'unknown-table',
    message: string,
  ) {
    super(message);
  }
}

export function checkSnapshot(value: unknown): Snapshot {
  const s = value as Partial<Snapshot> | null;
  if (!s || s.format !== SNAPSHOT_FORMAT || typeof s.schemaVersion !== 'number' || typeof s.tables !== 'object') {
    throw new SnapshotRefused('not-a-snapshot', 'the file is not a vpclite snapshot (no "format": "vpclite-snapshot" with a schemaVersion and tables)');
  }
  if (s.schemaVersion > LATEST_SCHEMA_VERSION || (s.formatVersion ?? 0) > SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotRefused(
      'newer',
      `the snapshot was saved by vpclite ${s.vpcliteVersion ?? '?'} at schema version ${s.schemaVersion} (format ${s.formatVersion}); this vpclite ${VERSION} understands schema versions up to ${LATEST_SCHEMA_VERSION} (format ${SNAPSHOT_FORMAT_VERSION})`,
    );
  }
  return s as Snapshot;
}

/** Rows per INSERT: many at once, well under both engines' limit on bound parameters. */
const batchRows = (columns: number) => Math.max(1, Math.floor(4000 / columns));

export async function loadSnapshot(
  store: Store,
  snapshot: Snapshot,
  options: { replace: boolean },
  onProgress: Progress = () => {},
): Promise<void> {
  const total = Object.values(snapshot.tables).reduce((n, t) => n + t.rows.length, 0);
  await store.write(async (tx) => {
    const present = await tableNames(store, tx);
    for (const table of present) {
      // --replace empties the database in the load's own transaction: a load that fails leaves the old state.
      if (options.replace) await tx.run(`DELETE FROM ${table}`);
      else if (await tx.get(`SELECT 1 AS x FROM ${table} LIMIT 1`)) {
        throw new SnapshotRefused('not-empty', `the database already holds state (table ${table} has rows)`);
      }
    }
    let done = 0;
    for (const [table, data] of Object.entries(snapshot.tables)) {
      if (!present.includes(table)) throw new SnapshotRefused('unknown-table', `the snapshot has a table ${table} this database does not`);
      const known = new Set(await columnNames(store, tx, table));
      const unknown = data.columns.filter((c) => !known.has(c));
      if (unknown.length > 0) throw new SnapshotRefused('unknown-table', `table ${table} of the snapshot has columns this database does not: ${unknown.join(', ')}`);
      const size = batchRows(data.columns.length);
      for (let i = 0; i < data.rows.length; i += size) {
        const batch = data.rows.slice(i, i + size);
        const row = `(${data.columns.map(() => '?').join(', ')})`;
        await tx.run(
          `INSERT INTO ${table} (${data.columns.join(', ')}) VALUES ${batch.map(() => row).join(', ')}`,
          batch.flat() as SqlValue[],
        );
        done += batch.length;
        onProgress(done, total, table);
      }
    }
    await resetSequences(store, tx, present);
    // Caches of any node built from the old rows must not survive the load.
    await bumpEveryGeneration(tx);
  });
}
