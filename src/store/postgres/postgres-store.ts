/**
 * The shared engine: PostgreSQL through a `pg` connection pool, so any number of vpclite nodes can serve one
 * database. Every invariant lives in the database, none in a node's memory (ADR 0005):
 *
 * - write and rehearse run at SERIALIZABLE. Resources write portable SQL with no row locks (SQLite has no
 *   SELECT … FOR UPDATE), and every check-then-act in them was written for SQLite, where transactions take
 *   turns. SERIALIZABLE gives them that guarantee across nodes: PostgreSQL aborts one side of any race with
 *   40001 (or 40P01 for a deadlock), and the loop here runs the whole transaction again, so the loser re-reads
 *   the winner's rows and answers as AWS would (a duplicate, a limit, a missing resource).
 * - A write given a queue (the EC2 endpoint gives its account and region) waits for the queue's earlier writes:
 *   first in this node (KeyedQueue), then on a session advisory lock taken before BEGIN, so one account's writes
 *   follow each other instead of aborting each other (ADR 0007). Writes plan without sequential scans, whose
 *   table-wide predicate locks made unrelated accounts' writes abort each other.
 * - read runs REPEATABLE READ READ ONLY: one consistent snapshot for a Describe, which never waits or aborts.
 * - rehearse (DryRun) always rolls back.
 * - A transaction that lost ESCALATE_AFTER races in a row runs alone: a long transaction (RunInstances) among a
 *   stream of short ones on the same rows (CreateNetworkInterface in one subnet) could otherwise lose every time.
 *   Every write takes a weak lock on a gate table at BEGIN and the escalated one a strong lock, so it waits for
 *   the writes in flight, holds new ones back, and then cannot lose (no concurrent writer is left to race).
 *
 * Statements are named prepared statements (one per SQL text, prepared once per pooled connection); `?`
 * placeholders become `$n`; BIGINT and NUMERIC results come back as numbers and booleans as 0/1, as SQLite
 * answers; a unique violation is a UniqueViolation.
 */
import pg from 'pg';
import { bumpEveryGeneration, NOT_STATE_TABLES } from '../generations.js';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.js';
import { DatabaseUnreachableError } from '../schema-errors.js';
import type { Row, SqlValue, Store, StoreInfo, Tx, WriteOptions } from '../store.js';
import { KeyedQueue } from './keyed-queue.js';
import { toLike } from '../wildcards.js';
import { checkUrl, connectionFailureReason, isRetryable, redactUrl, translateError } from './pg-errors.js';
import { migratePostgres, type MigrationOutcome } from './pg-migrate.js';
import { toPositional } from './placeholders.js';

export const DEFAULT_POOL_SIZE = 10;
/** Attempts of one transaction before a serialization failure is given up on (and answered as InternalError). */
const MAX_ATTEMPTS = 30;
const SCHEMA_REMEDY = 'Upgrade vpclite, or point --postgres at another database.';

/**
 * The gate of write transactions. schema_migrations serves, as the one table every database has and no request
 * writes; LOCK TABLE (unlike a SELECT) takes no snapshot, so the escalated transaction's snapshot is taken only
 * once it holds the gate, after every write it waited for has committed. ROW SHARE locks do not conflict with
 * each other (and take PostgreSQL's fast path); EXCLUSIVE conflicts with them, not with reads (ACCESS SHARE).
 */
const BEGIN_WRITE = 'BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL enable_seqscan = off; LOCK TABLE schema_migrations IN ROW SHARE MODE';
const BEGIN_WRITE_ALONE = 'BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL enable_seqscan = off; LOCK TABLE schema_migrations IN EXCLUSIVE MODE';
/** Races a write may lose before it runs alone. */
const ESCALATE_AFTER = 3;

/**
 * A write queue's lock: a session-level advisory lock, taken before BEGIN and released after COMMIT or ROLLBACK
 * (ADR 0007). Its two-key form, with a key space of its own, never meets the migrations' one-key lock.
 */
const QUEUE_LOCK_SPACE = 0x7670; // "vp"
const QUEUE_LOCK = 'SELECT pg_advisory_lock($1, hashtext($2))';
const QUEUE_UNLOCK = 'SELECT pg_advisory_unlock($1, hashtext($2))';

/** Releases a queue's lock; a connection that cannot is returned as broken, and closing it releases the lock. */
async function unlockQueue(client: pg.PoolClient, queue: string): Promise<Error | undefined> {
  try {
    await client.query(QUEUE_UNLOCK, [QUEUE_LOCK_SPACE, queue]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
const BEGIN_READ = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
/** The reset locks every table itself; a deadlock with a running transaction is retried like any other. */
const BEGIN_RESET = 'BEGIN ISOLATION LEVEL READ COMMITTED';

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/** COUNT(*) and BIGINT columns are numbers (seq and counters stay far below 2^53), booleans 0/1, as in SQLite. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === BOOL) return (value: string) => (value === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  url: string;
  /** Connections per node (`--pg-pool-size`): at most this many transactions of this node run at once. */
  poolSize?: number;
  /** Errors of idle pooled connections (the server restarted, the network dropped); they are replaced. */
  onIdleError?: (error: Error) => void;
}

/** Statement names, one per SQL text; past the limit, statements run unnamed rather than prepare forever. */
const statementNames = new Map<string, string>();
const NAMED_LIMIT = 2000;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < NAMED_LIMIT) {
    name = `v${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A Tx over one pooled connection inside BEGIN … COMMIT. It remembers a failed statement (see commit()). */
class PgTx implements Tx {
  failure: unknown;

  constructor(private readonly client: pg.PoolClient) {}

  private async query(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    const text = toPositional(sql);
    try {
      return await this.client.query({ name: statementName(text), text, values: params as unknown[] });
    } catch (error) {
      this.failure ??= error;
      throw translateError(error);
    }
  }

  async all<R = Row>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  async get<R = Row>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.query(sql, params)).rows[0] as R | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  matchPattern(column: string, pattern: string): { sql: string; param: string } {
    // LIKE is case-sensitive in PostgreSQL, as EC2 filters are; toLike escapes % _ and \ with a backslash.
    return { sql: `${column} LIKE ? ESCAPE '\\'`, param: toLike(pattern) };
  }
}

export class PostgresStore implements Store {
  /** This node's writes waiting for their queue (an account and region), before they take a connection. */
  private readonly queues = new KeyedQueue();

  private constructor(
    private readonly pool: pg.Pool,
    readonly info: StoreInfo,
    private readonly poolSize: number,
    private readonly contention: { retried: number; escalated: number },
  ) {}

  /** Connects, applies pending migrations under an advisory lock, and returns the store. */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const { pool, location } = PostgresStore.pool(options);
    try {
      await PostgresStore.migrate(pool, location);
    } catch (error) {
      await pool.end();
      throw error;
    }
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    const contention = { retried: 0, escalated: 0 };
    return new PostgresStore(
      pool,
      { engine: 'postgres', location, schemaVersion: LATEST_SCHEMA_VERSION, poolSize, contention },
      poolSize,
      contention,
    );
  }

  /** `vpclite migrate`: applies pending migrations and closes. */
  static async migrateOnly(options: PostgresOptions): Promise<MigrationOutcome & { location: string }> {
    const { pool, location } = PostgresStore.pool({ ...options, poolSize: 1 });
    try {
      return { ...(await PostgresStore.migrate(pool, location)), location };
    } finally {
      await pool.end();
    }
  }

  private static pool(options: PostgresOptions): { pool: pg.Pool; location: string } {
    checkUrl(options.url);
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`the pool size must be a positive integer, not ${poolSize}`);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: poolSize,
      types,
      application_name: 'vpclite',
      // A request waits at most this long for a free connection or a new one, never forever.
      connectionTimeoutMillis: 10_000,
    });
    // Without a listener, an idle connection's error (server restart) would crash the process.
    pool.on('error', (error) => (options.onIdleError ?? (() => undefined))(error));
    return { pool, location: redactUrl(options.url) };
  }

  private static async migrate(pool: pg.Pool, location: string): Promise<MigrationOutcome> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new DatabaseUnreachableError(location, connectionFailureReason(error));
    }
    try {
      return await migratePostgres(client, SCHEMA_REMEDY);
    } finally {
      client.release();
    }
  }

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(BEGIN_READ, work, 'COMMIT');
  }

  write<T>(work: (tx: Tx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const { queue } = options;
    if (queue === undefined) return this.transaction(BEGIN_WRITE, work, 'COMMIT');
    return this.queues.run(queue, () => this.transaction(BEGIN_WRITE, work, 'COMMIT', queue));
  }

  rehearse<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(BEGIN_WRITE, work, 'ROLLBACK');
  }

  /**
   * Runs `work` in one transaction on one pooled connection, again from the start when PostgreSQL aborted it
   * for a serialization failure or a deadlock (nothing of it was committed, so running it again is safe).
   */
  private async transaction<T>(
    begin: string,
    work: (tx: Tx) => Promise<T>,
    end: 'COMMIT' | 'ROLLBACK',
    queue?: string,
  ): Promise<T> {
    let staleConnections = 0;
    let lostRaces = 0;
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const tx = new PgTx(client);
      let broken: Error | undefined;
      let began = false;
      let queued = false;
      // The pool listens for errors only on idle connections. One that dies while checked out (the server
      // restarted, an administrator terminated it) emits 'error' besides failing its query: without a listener,
      // that event would end the process. The failed query is what this transaction acts on.
      const whileCheckedOut = (error: Error) => {
        broken ??= error;
      };
      client.on('error', whileCheckedOut);
      try {
        if (queue !== undefined) {
          // Before BEGIN, so the transaction's snapshot is taken after the previous write of the queue committed.
          await client.query(QUEUE_LOCK, [QUEUE_LOCK_SPACE, queue]);
          queued = true;
        }
        const alone = begin === BEGIN_WRITE && lostRaces >= ESCALATE_AFTER;
        if (alone) this.contention.escalated++;
        await client.query(alone ? BEGIN_WRITE_ALONE : begin);
        began = true;
        const result = await work(tx);
        // A statement that failed aborted the transaction; if `work` swallowed the error, PostgreSQL would turn
        // COMMIT into a silent ROLLBACK and the answer would claim a write that never happened.
        if (tx.failure !== undefined) throw tx.failure;
        const done = await client.query(end);
        if (end === 'COMMIT' && done.command !== 'COMMIT') throw new Error(`COMMIT answered ${done.command}`);
        return result;
      } catch (error) {
        broken = (await rollback(client)) ?? broken;
        const lostRace = (isRetryable(error) || isRetryable(tx.failure)) && !broken;
        // A pooled connection that died while idle (the server restarted) fails at BEGIN, before any work; each
        // of the pool's connections may be such a one, no more.
        const staleConnection = !began && broken !== undefined && staleConnections++ < this.poolSize;
        if ((lostRace || staleConnection) && attempt < MAX_ATTEMPTS) {
          if (lostRace) {
            lostRaces++;
            this.contention.retried++;
          }
          await backoff(attempt);
          continue;
        }
        throw translateError(error);
      } finally {
        if (queued && !broken) broken = await unlockQueue(client, queue!);
        // A broken connection is closed on release and may still report its death: it keeps the listener.
        if (!broken) client.removeListener('error', whileCheckedOut);
        client.release(broken);
      }
    }
  }

  /**
   * Empties every table but schema_migrations and starts every seq at 1 again, as SQLite's DELETE does. DELETE
   * rather than TRUNCATE: a test suite resets between tests, and TRUNCATE makes new files for every table and
   * index (50-90 ms here) where deleting a test's few rows takes 1-2 ms. The tables are locked first, so no
   * transaction of another node lands half before and half after the reset.
   */
  async reset(): Promise<void> {
    await this.transaction(BEGIN_RESET, async (tx) => {
      const tables = (
        await tx.all<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`)
      ).filter(({ name }) => !NOT_STATE_TABLES.includes(name));
      if (tables.length === 0) return;
      const names = tables.map((t) => pg.escapeIdentifier(t.name));
      await tx.run(`LOCK TABLE ${names.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      for (const name of names) await tx.run(`DELETE FROM ${name}`);
      await bumpEveryGeneration(tx);
      const sequences = await tx.all<{ name: string }>(
        `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema()`,
      );
      for (const { name } of sequences) await tx.run('SELECT setval(CAST(? AS regclass), 1, false)', [pg.escapeIdentifier(name)]);
    }, 'COMMIT');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Ends a failed transaction; returns the error when the connection itself is unusable (it is then dropped). */
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Random, growing waits, so transactions that collided do not collide again in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(2 ** attempt, 100);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
