/**
 * The embedded engine: one better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous, while a request's
 * transaction spans several awaits, so transactions take turns through a promise queue: a read can never observe
 * another request's uncommitted writes on the shared connection. `synchronous=NORMAL` in WAL mode loses nothing
 * when the process is killed (the WAL is in the OS already); only a power cut could lose the last commits.
 *
 * Group commit: a write leaves the SQLite transaction open, each write inside a savepoint of its own (a write that
 * throws rolls back to it, leaving the others intact), and the writes of requests that arrived together commit
 * as one group once the event loop has handled the I/O waiting (scheduleCommit). Every write is answered only
 * after the COMMIT that holds it, so nothing is acknowledged before it is durable; what the group saves is the
 * COMMIT itself, which writes every page a transaction touched to the WAL (a new ENI touches about 40, most of
 * its time). Anything else that takes its turn (a read, a rehearsal, reset) commits an open group first, so it
 * never sees uncommitted work.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_SCHEMA_VERSION, migrations } from '../migrations/index.js';
import { UniqueViolation, type Row, type SqlValue, type Store, type StoreInfo, type Tx } from '../store.js';
import { toGlob } from '../wildcards.js';
import { SchemaTooNewError } from '../schema-errors.js';
import { BUMP_EVERY_GENERATION, BUMP_EVERY_GENERATION_PARAMS, NOT_STATE_TABLES } from '../generations.js';

type Statement = Database.Statement<unknown[], Row>;

/**
 * A prepared reading statement and how to turn its rows into objects. better-sqlite3 builds each row object by
 * adding one property after another from C++, and V8 turns an object that grows that way past about a dozen
 * properties into a slow dictionary: a page of 100 network-interface rows (37 columns) cost about 900 µs that way,
 * most of a subnet-filtered DescribeNetworkInterfaces. Reading the row as an array and building the object with
 * one object literal per statement (compiled once, from the statement's column names) gives the same object -
 * same keys, same order, same values - with fast properties, in about 400 µs.
 */
interface Reader {
  statement: Statement;
  columns: readonly string[];
  toObject: (values: unknown[]) => Row;
}

/**
 * Compiles `(v) => ({ "col0": v[0], … })` for the statement's column names: a later duplicate name wins, keeping
 * the first one's place, as in better-sqlite3's own rows. A column named `__proto__` gets what better-sqlite3 does
 * (assignment, one column after another, which goes through the prototype setter) rather than a literal, where two
 * such names would not even compile.
 */
function readerOf(statement: Statement): Reader {
  const columns = statement.columns().map((c) => c.name);
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  const toObject = columns.includes('__proto__')
    ? (values: unknown[]) => {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
        return row as Row;
      }
    : (new Function('v', `return { ${fields} };`) as Reader['toObject']);
  return { statement, columns, toObject };
}

/** Most writes one COMMIT answers, so a steady stream of writes never keeps the first one waiting long. */
const GROUP_LIMIT = 64;

export class SqliteStore implements Store {
  readonly info: StoreInfo;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly readers = new Map<string, Reader | null>();
  private readonly beginRead: Database.Statement;
  private readonly commitRead: Database.Statement;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tx: Tx;
  /**
   * The first statement that failed in the running transaction. SQLite would let the transaction go on, but
   * PostgreSQL aborts it; refusing to commit after one keeps the engines alike (store.ts).
   */
  private failure: unknown;
  /** Writes done inside the open transaction, to be answered when it commits (or fails to). */
  private group: { settle: (committed: unknown) => void }[] = [];
  private commitScheduled = false;

  constructor(dataDir: string) {
    const location = dataDir === ':memory:' ? ':memory:' : join(dataDir, 'vpclite.db');
    if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A write's savepoint journal (group commit, below) stays in memory instead of spilling to a temporary file.
    this.db.pragma('temp_store = MEMORY');
    this.migrate();
    this.beginRead = this.db.prepare('BEGIN');
    this.commitRead = this.db.prepare('COMMIT');
    this.info = { engine: 'sqlite', location, schemaVersion: LATEST_SCHEMA_VERSION };
    this.tx = this.makeTx();
  }

  private migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = (this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    if (applied > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(applied, LATEST_SCHEMA_VERSION);
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      this.db.transaction(() => {
        for (const statement of migration.statements) {
          this.db.exec(statement.replaceAll('{{SERIAL}}', 'INTEGER PRIMARY KEY'));
        }
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      })();
    }
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql) as Statement;
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The array-reading form of `sql`, or null for a statement that returns no rows (better-sqlite3 refuses those
   * in `all` and `get`, and then throws as it always did).
   */
  private reader(sql: string): Reader | null {
    let reader = this.readers.get(sql);
    if (reader !== undefined) return reader;
    const statement = this.db.prepare(sql) as Statement;
    reader = statement.reader ? readerOf(statement.raw(true)) : null;
    this.readers.set(sql, reader);
    return reader;
  }

  /**
   * The builder for rows of `width` values. The schema only changes in migrate(), before any request, so the
   * columns a statement was compiled for are its columns; should SQLite ever prepare a `SELECT *` again with
   * other columns, the row width shows it and the builder is made again.
   */
  private builder(sql: string, reader: Reader, width: number): Reader['toObject'] {
    if (width === reader.columns.length) return reader.toObject;
    const fresh = readerOf(reader.statement);
    this.readers.set(sql, fresh);
    return fresh.toObject;
  }

  private allRows(sql: string, params: readonly SqlValue[]): Row[] {
    const reader = this.reader(sql);
    if (!reader) return this.prepare(sql).all(...params);
    const rows = reader.statement.all(...params) as unknown as unknown[][];
    return rows.length === 0 ? [] : rows.map(this.builder(sql, reader, rows[0]!.length));
  }

  private oneRow(sql: string, params: readonly SqlValue[]): Row | undefined {
    const reader = this.reader(sql);
    if (!reader) return this.prepare(sql).get(...params);
    const row = reader.statement.get(...params) as unknown as unknown[] | undefined;
    return row === undefined ? undefined : this.builder(sql, reader, row.length)(row);
  }

  private makeTx(): Tx {
    const run = <T>(fn: () => T): Promise<T> => {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        this.failure ??= error;
        return Promise.reject(translate(error));
      }
    };
    return {
      all: <R>(sql: string, params: readonly SqlValue[] = []) => run(() => this.allRows(sql, params) as R[]),
      get: <R>(sql: string, params: readonly SqlValue[] = []) => run(() => this.oneRow(sql, params) as R | undefined),
      run: (sql: string, params: readonly SqlValue[] = []) =>
        run(() => ({ changes: this.prepare(sql).run(...params).changes })),
      matchPattern: (column: string, pattern: string) => ({ sql: `${column} GLOB ?`, param: toGlob(pattern) }),
    };
  }

  /** Runs `work` when every earlier transaction has finished. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Commits the open group, if any, and answers its writes: each with its own outcome, or every one that
   * succeeded with the error when the COMMIT failed (then none of them happened).
   */
  private commitGroup(): void {
    if (this.group.length === 0) return;
    const group = this.group;
    this.group = [];
    let failed: unknown;
    if (this.db.inTransaction) {
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        failed = error;
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
    }
    for (const write of group) write.settle(failed);
  }

  /** Undoes a write that threw, keeping the group's other writes; if that is impossible, they fail too. */
  private undoWrite(error: unknown): void {
    try {
      if (this.db.inTransaction) {
        this.db.exec('ROLLBACK TO request');
        this.db.exec('RELEASE request');
        return;
      }
    } catch {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
    // The whole transaction is gone (SQLite rolls back by itself on an I/O error or a full disk), and with it
    // the group's earlier writes.
    const group = this.group;
    this.group = [];
    for (const write of group) write.settle(error);
  }

  /**
   * Commits the group once the event loop has handled the I/O already waiting: a request's transaction runs to
   * its end without yielding (the statements are synchronous), so the writes of requests that arrived together
   * are done one after the other before this runs, and share its COMMIT.
   */
  private scheduleCommit(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      void this.exclusive(async () => this.commitGroup());
    });
  }

  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    // Reads take their turn too: on one connection, an interleaved write could otherwise show through.
    return this.exclusive(async () => {
      this.commitGroup();
      // One read transaction for all the request's statements: outside one, each statement opens and closes its
      // own (WAL read lock, wal-index check), which was about 40% of the SQLite time of a by-id Describe (seven
      // statements). It ends with COMMIT either way, so a statement that did write keeps what it did, as before.
      const began = !this.db.inTransaction;
      if (began) this.beginRead.run();
      try {
        return await work(this.tx);
      } finally {
        if (began && this.db.inTransaction) this.commitRead.run();
      }
    });
  }

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.exclusive(async () => {
        if (!this.db.inTransaction) this.db.exec('BEGIN IMMEDIATE');
        this.db.exec('SAVEPOINT request');
        this.failure = undefined;
        let settle: (commitError: unknown) => void;
        try {
          const value = await work(this.tx);
          if (this.failure !== undefined) throw translate(this.failure);
          this.db.exec('RELEASE request');
          settle = (commitError) => (commitError === undefined ? resolve(value) : reject(commitError));
        } catch (error) {
          this.undoWrite(error);
          settle = () => reject(error);
        }
        this.group.push({ settle });
        if (this.group.length >= GROUP_LIMIT) this.commitGroup();
        else this.scheduleCommit();
      }).catch((error: unknown) => {
        // BEGIN or SAVEPOINT itself failed: this write never ran.
        reject(error);
      });
    });
  }

  rehearse<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.commitGroup();
      this.db.exec('BEGIN IMMEDIATE');
      this.failure = undefined;
      try {
        const result = await work(this.tx);
        if (this.failure !== undefined) throw translate(this.failure);
        return result;
      } finally {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
    });
  }

  async reset(): Promise<void> {
    await this.exclusive(async () => {
      this.commitGroup();
      const tables = (this.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .all() as { name: string }[]).filter(({ name }) => !NOT_STATE_TABLES.includes(name));
      this.db.transaction(() => {
        for (const { name } of tables) this.db.exec(`DELETE FROM "${name}"`);
        this.db.prepare(BUMP_EVERY_GENERATION).run(...BUMP_EVERY_GENERATION_PARAMS);
      })();
    });
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.commitGroup();
      this.db.close();
    });
  }
}

function translate(error: unknown): unknown {
  if (error instanceof Error && 'code' in error) {
    const code = (error as { code: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return new UniqueViolation(error.message);
    }
  }
  return error;
}
