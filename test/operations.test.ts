/**
 * Operating vpclite on the engine the environment chooses: `serve` on that engine, `migrate`, /_vpclite/health
 * reporting the database, and one clear line (no stack trace) when the database is unreachable or newer than
 * the code. PostgreSQL adds several nodes migrating one database at once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { startServer } from '../src/gateway/server.js';
import { LATEST_SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { runCli, startCliServer, type CliResult } from './helpers/cli.js';
import {
  adminUrl, createTestDatabase, databaseUrl, dropTestDatabase, openTestStore, testEngine,
} from './helpers/test-store.js';

interface Health {
  status: string;
  store: {
    engine: string; location: string; schemaVersion: number; poolSize?: number; answering: boolean; error?: string;
    contention?: { retried: number; escalated: number };
  };
}

async function health(url: string): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${url}/_vpclite/health`);
  return { status: response.status, body: (await response.json()) as Health };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The operator sees one line on stderr naming the problem, and no stack trace. */
function assertOneLineError(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 1);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^vpclite: /);
  assert.match(lines[0]!, pattern);
}

/** A place for the engine's data that a test can hand to the CLI: a directory, or a fresh database URL. */
async function withEngineTarget(work: (args: string[], setVersion: (v: number) => Promise<void>) => Promise<void>) {
  if (testEngine() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vpclite-ops-'));
    try {
      await work(['--data', dir], async (v) => {
        const db = new Database(join(dir, 'vpclite.db'));
        db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'later')`).run(v);
        db.close();
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const name = await createTestDatabase();
  const url = databaseUrl(adminUrl(), name);
  try {
    await work(['--postgres', url], async (v) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', 'later')`, [v]);
      await client.end();
    });
  } finally {
    await dropTestDatabase(name);
  }
}

describe(`operations (${testEngine()})`, () => {
  it('/_vpclite/health reports the engine, the schema version and that the database answers', async () => {
    const opened = await openTestStore();
    const running = await startServer({
      host: '127.0.0.1', port: 0, store: opened.store, auth: { mode: 'any', credentials: new Map() }, logger: pino({ level: 'silent' }),
    });
    try {
      const { status, body } = await health(running.url);
      assert.equal(status, 200);
      assert.equal(body.status, 'ok');
      assert.equal(body.store.engine, testEngine());
      assert.equal(body.store.schemaVersion, LATEST_SCHEMA_VERSION);
      assert.equal(body.store.answering, true);
      assert.doesNotMatch(body.store.location, /:[^:@/]+@/, 'no password in the location');

      // The database goes away under a running node: health says so, with 503 for load balancers.
      await opened.close();
      const down = await health(running.url);
      assert.equal(down.status, 503);
      assert.equal(down.body.status, 'unavailable');
      assert.equal(down.body.store.answering, false);
      assert.ok(down.body.store.error);
    } finally {
      await running.close();
    }
  });

  it('migrate brings a new database to the current schema, and again changes nothing', async () => {
    await withEngineTarget(async (target) => {
      const first = await runCli(['migrate', ...target]);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`schema version ${LATEST_SCHEMA_VERSION}\\b`));
      const second = await runCli(['migrate', ...target]);
      assert.equal(second.code, 0, second.stderr);
      if (testEngine() === 'postgres') {
        assert.match(first.stdout, /applied 1\b/);
        assert.match(second.stdout, /nothing to apply/);
      }
    });
  });

  it('serve runs on the engine and reports it; a database newer than the code is refused in one line', async () => {
    await withEngineTarget(async (target, setVersion) => {
      const node = await startCliServer([...target, '--pg-pool-size', '3']);
      try {
        const { body } = await health(node.url);
        assert.equal(body.store.engine, testEngine());
        if (testEngine() === 'postgres') {
          assert.equal(body.store.poolSize, 3);
          assert.deepEqual(Object.keys(body.store.contention!), ['retried', 'escalated']);
        }
      } finally {
        assert.equal(await node.stop(), 0);
      }
      await setVersion(LATEST_SCHEMA_VERSION + 41);
      const serve = await runCli(['serve', '--port', '0', ...target]);
      assertOneLineError(serve, new RegExp(`schema is at version ${LATEST_SCHEMA_VERSION + 41}, but this vpclite understands versions up to ${LATEST_SCHEMA_VERSION}`));
      const migrate = await runCli(['migrate', ...target]);
      assertOneLineError(migrate, /schema is at version/);
    });
  });

  it('serve --postgres refuses an unreachable database in one line, naming it without its password', async () => {
    const url = `postgres://vpclite:secret@127.0.0.1:${await closedPort()}/vpclite`;
    const serve = await runCli(['serve', '--port', '0', '--postgres', url]);
    assertOneLineError(serve, /Cannot use the database at postgres:\/\/vpclite:\*\*\*@127\.0\.0\.1:\d+\/vpclite: connect ECONNREFUSED/);
    assert.doesNotMatch(serve.stderr, /secret/);
    const migrate = await runCli(['migrate', '--postgres', url]);
    assertOneLineError(migrate, /ECONNREFUSED/);
    const garbled = await runCli(['serve', '--port', '0', '--postgres', 'localhost:5432']);
    assertOneLineError(garbled, /--postgres must be a URL such as postgres:\/\//);
  });

  it('serve refuses a pool size that is not a positive integer', async () => {
    const result = await runCli(['serve', '--port', '0', '--data', ':memory:', '--pg-pool-size', '0']);
    assertOneLineError(result, /--pg-pool-size must be a positive integer/);
  });

  if (testEngine() === 'postgres') {
    it('carries on when the database drops its connections (a server restart), on fresh ones', async () => {
      const opened = await openTestStore({ pgPoolSize: 3 });
      try {
        const { store } = opened;
        const count = () => store.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags')).then((r) => r!.n);
        await Promise.all([count(), count(), count()]);
        const admin = new pg.Client({ connectionString: adminUrl() });
        await admin.connect();
        const { rowCount } = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [new URL(opened.url!).pathname.slice(1)],
        );
        await admin.end();
        assert.ok(rowCount! >= 1);
        await store.write((tx) =>
          tx.run(`INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES ('1', 'r', 'vpc-1', 'vpc', 'k', 'v')`),
        );
        assert.equal(await count(), 1);
      } finally {
        await opened.close();
      }
    });

    it('answers an error, and stays up, when its connection dies in the middle of a transaction', async () => {
      const opened = await openTestStore({ pgPoolSize: 2 });
      try {
        const { store } = opened;
        const doomed = store.write(async (tx) => {
          const { pid } = (await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!;
          const admin = new pg.Client({ connectionString: adminUrl() });
          await admin.connect();
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await admin.end();
          // The death reaches the client as an 'error' event while the transaction holds the connection.
          await new Promise((resolve) => setTimeout(resolve, 300));
          return tx.get('SELECT 1 AS one');
        });
        await assert.rejects(doomed);
        await store.write((tx) =>
          tx.run(`INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES ('1', 'r', 'vpc-2', 'vpc', 'k', 'v')`),
        );
        assert.equal((await store.read((tx) => tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags')))!.n, 1);
      } finally {
        await opened.close();
      }
    });

    it('serve --postgres refuses a database that does not exist on a server that answers, in one line', async () => {
      const url = databaseUrl(adminUrl(), `vpclite_missing_${process.pid}`);
      const serve = await runCli(['serve', '--port', '0', '--postgres', url]);
      assertOneLineError(serve, new RegExp(`Cannot use the database at .*vpclite_missing_${process.pid}: .*database "vpclite_missing_${process.pid}" does not exist`));
    });

    it('several nodes starting at once on a new database migrate it exactly once', async () => {
      const name = await createTestDatabase();
      try {
        const url = databaseUrl(adminUrl(), name);
        const results = await Promise.all(Array.from({ length: 4 }, () => runCli(['migrate', '--postgres', url])));
        for (const r of results) assert.equal(r.code, 0, r.stderr);
        assert.equal(results.filter((r) => /applied 1\b/.test(r.stdout)).length, 1);
        assert.equal(results.filter((r) => /nothing to apply/.test(r.stdout)).length, 3);
        const nodes = await Promise.all(Array.from({ length: 3 }, () => startCliServer(['--postgres', url])));
        for (const node of nodes) assert.equal((await health(node.url)).body.store.answering, true);
        for (const node of nodes) assert.equal(await node.stop(), 0);
      } finally {
        await dropTestDatabase(name);
      }
    });
  }
});
