/**
 * The one seam between vpclite and its databases. Resources speak portable SQL (`?` placeholders, TEXT and
 * INTEGER columns, booleans as 0/1, `ON CONFLICT`) through a Tx; each engine (SQLite, PostgreSQL) runs it.
 * Every request runs inside exactly one transaction: `read` for Describe*, `write` for the rest, and a write
 * that throws leaves nothing behind (DESIGN.md invariant 4).
 *
 * Both engines run transactions as if one at a time (SQLite takes turns, PostgreSQL runs SERIALIZABLE and runs
 * a transaction again when it lost a race, ADR 0005), so a check-then-act in a resource needs no locks. `work`
 * may therefore run more than once: it must change nothing outside the transaction. A statement that fails
 * ends the transaction on PostgreSQL: map the error (UniqueViolation) to an AWS error and throw it; never catch
 * it and go on using the Tx.
 */
export type SqlValue = string | number | bigint | null;
export type Row = Record<string, SqlValue>;

export interface Tx {
  all<R = Row>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  get<R = Row>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * SQL that matches `column` against an EC2 filter value with `*` and `?` wildcards (a backslash escapes them),
   * and the parameter to bind with it. Engines differ (GLOB in SQLite, LIKE in PostgreSQL), callers do not.
   */
  matchPattern(column: string, pattern: string): { sql: string; param: string };
}

export interface StoreInfo {
  engine: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  schemaVersion: number;
  /** PostgreSQL: connections this node keeps at most (`--pg-pool-size`). */
  poolSize?: number;
  /**
   * PostgreSQL: since this node started, transactions run again after losing a race with another transaction
   * (`retried`), and those that ran alone after losing several in a row (`escalated`, ADR 0005). Live counts.
   */
  contention?: { retried: number; escalated: number };
}

export interface WriteOptions {
  queue?: string;
}

export interface Store {
  readonly info: StoreInfo;
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a transaction that commits when it resolves and rolls back when it throws. Writes given the
   * same `queue` (the EC2 endpoint gives an account and region) run one after another on every node instead of
   * racing: PostgreSQL would otherwise abort all but one of them (ADR 0007); SQLite's already take turns.
   */
  write<T>(work: (tx: Tx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Runs `work` and always rolls back: DryRun requests validate everything and change nothing. */
  rehearse<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Empties every table (POST /_vpclite/reset). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by an engine when a UNIQUE or PRIMARY KEY constraint refuses a row, so callers can map it to AWS's error. */
export class UniqueViolation extends Error {
  constructor(readonly detail: string) {
    super(`unique constraint violated: ${detail}`);
    this.name = 'UniqueViolation';
  }
}
