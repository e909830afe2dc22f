/**
 * The Store contract (src/store/store.ts) every engine must keep: a write commits when its work resolves and
 * leaves nothing when it throws, a rehearsal (DryRun) never keeps anything, transactions never see each other's
 * uncommitted rows, UNIQUE violations surface as UniqueViolation, wildcard filters behave as EC2's, reset empties
 * everything, and a schema newer than the code is refused. The suite takes a factory so the PostgreSQL engine can
 * run it too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/open-store.js';
import { SchemaTooNewError } from '../src/store/schema-errors.js';
import { UniqueViolation, type Store } from '../src/store/store.js';
import { spawnServer } from './helpers/spawn-server.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

async function insertTag(store: Store, resourceId: string, key: string, value = 'v'): Promise<void> {
  await store.write((tx) =>
    tx.run(
      'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
      [ACCOUNT, REGION, resourceId, 'vpc', key, value],
    ),
  );
}

const countTags = (store: Store) =>
  store.read(async (tx) => Number((await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags'))!.n));

function storeContract(name: string, open: () => Store) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    before(() => {
      store = open();
    });
    after(() => store.close());

    it('commits a write whose work resolves', async () => {
      await store.reset();
      await insertTag(store, 'vpc-1', 'a');
      assert.equal(await countTags(store), 1);
    });

    it('keeps nothing of a write whose work throws, however far it got', async () => {
      await store.reset();
      await assert.rejects(
        store.write(async (tx) => {
          await tx.run(
            'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
            [ACCOUNT, REGION, 'vpc-1', 'vpc', 'a', 'v'],
          );
          throw new Error('the handler failed half way');
        }),
        /half way/,
      );
      assert.equal(await countTags(store), 0);
    });

    it('never keeps a rehearsal, yet lets it see its own writes', async () => {
      await store.reset();
      const seen = await store.rehearse(async (tx) => {
        await tx.run(
          'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
          [ACCOUNT, REGION, 'vpc-1', 'vpc', 'a', 'v'],
        );
        return Number((await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags'))!.n);
      });
      assert.equal(seen, 1);
      assert.equal(await countTags(store), 0);
    });

    it('never shows one transaction the uncommitted rows of another', async () => {
      await store.reset();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const writing = store.write(async (tx) => {
        await tx.run(
          'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
          [ACCOUNT, REGION, 'vpc-1', 'vpc', 'a', 'v'],
        );
        await gate;
        throw new Error('rolled back');
      });
      const reading = countTags(store);
      release();
      await assert.rejects(writing);
      assert.equal(await reading, 0);
    });

    it('reports a UNIQUE violation as UniqueViolation and keeps the transaction\'s other rows out', async () => {
      await store.reset();
      await insertTag(store, 'vpc-1', 'a');
      await assert.rejects(
        store.write(async (tx) => {
          await tx.run(
            'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
            [ACCOUNT, REGION, 'vpc-2', 'vpc', 'b', 'v'],
          );
          await tx.run(
            'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
            [ACCOUNT, REGION, 'vpc-1', 'vpc', 'a', 'again'],
          );
        }),
        (error: unknown) => error instanceof UniqueViolation,
      );
      assert.equal(await countTags(store), 1);
    });

    it('matches EC2 filter wildcards: * any run, ? one character, backslash escapes, case-sensitive', async () => {
      await store.reset();
      for (const value of ['web-1', 'web-22', 'Web-3', 'a*b', 'a?b', 'axb', '[x]', '%_']) await insertTag(store, `vpc-${value}`, 'Name', value);
      const match = (pattern: string) =>
        store.read(async (tx) => {
          const m = tx.matchPattern('tag_value', pattern);
          const rows = await tx.all<{ tag_value: string }>(`SELECT tag_value FROM tags WHERE ${m.sql} ORDER BY tag_value`, [m.param]);
          return rows.map((r) => r.tag_value);
        });
      assert.deepEqual(await match('web-*'), ['web-1', 'web-22']);
      assert.deepEqual(await match('web-?'), ['web-1']);
      assert.deepEqual(await match('*eb-*'), ['Web-3', 'web-1', 'web-22']);
      assert.deepEqual(await match('a\\*b'), ['a*b']);
      assert.deepEqual(await match('a\\?b'), ['a?b']);
      assert.deepEqual(await match('a?b'), ['a*b', 'a?b', 'axb']);
      assert.deepEqual(await match('[x]'), ['[x]']);
      assert.deepEqual(await match('%_'), ['%_']);
      assert.deepEqual(await match('WEB-1'), []);
    });

    it('empties every table on reset', async () => {
      await insertTag(store, 'vpc-1', 'z');
      await store.reset();
      assert.equal(await countTags(store), 0);
    });

    it('reports its engine and schema version', () => {
      assert.ok(['sqlite', 'postgres'].includes(store.info.engine));
      assert.ok(store.info.schemaVersion >= 1);
    });
  });
}

storeContract('SQLite in memory', () => openStore({ data: ':memory:' }));

describe('SQLite files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpclite-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  storeContract('SQLite file', () => openStore({ data: join(dir, 'contract') }));

  it('runs in WAL mode and keeps what was committed across a reopen', async () => {
    const data = join(dir, 'reopen');
    const first = openStore({ data });
    await insertTag(first, 'vpc-1', 'kept');
    await first.close();
    const db = new Database(join(data, 'vpclite.db'), { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
    const second = openStore({ data });
    assert.equal(await countTags(second), 1);
    await second.close();
  });

  it('refuses a database migrated by a newer vpclite, and `vpclite serve` says so in one line', async () => {
    const data = join(dir, 'newer');
    await openStore({ data }).close();
    const db = new Database(join(data, 'vpclite.db'));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'future', new Date().toISOString());
    db.close();
    assert.throws(() => openStore({ data }), (error: unknown) => error instanceof SchemaTooNewError && error.found === 999);
    await assert.rejects(spawnServer(['--port', '0', '--data', data]), /exited with 1[\s\S]*schema is at version 999/);
  });
});
