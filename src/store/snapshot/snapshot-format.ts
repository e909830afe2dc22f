/**
 * A vpclite snapshot: every row of every table (all accounts and regions) as JSON, tagged with the schema version
 * that wrote it. Rows are arrays in the order of `columns`, so a large snapshot does not repeat column names.
 * Any engine loads what any engine saved: the values are the portable ones the store speaks (TEXT, INTEGER
 * numbers, 0/1 booleans).
 */
import type { SqlValue } from '../store.js';

export const SNAPSHOT_FORMAT = 'vpclite-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

export interface SnapshotTable {
  columns: string[];
  rows: SqlValue[][];
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  /** The schema version (migrations) of the database it was saved from. */
  schemaVersion: number;
  vpcliteVersion: string;
  savedAt: string;
  engine: 'sqlite' | 'postgres';
  tables: Record<string, SnapshotTable>;
}

export const rowCount = (snapshot: Snapshot): number =>
  Object.values(snapshot.tables).reduce((n, t) => n + t.rows.length, 0);
