// What only the SQLite engine has: a file in WAL mode that keeps what was committed across a reopen, and a refusal
// of a database migrated by a newer vpclite (the PostgreSQL side is in operations.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/open-store.js';
import { SchemaTooNewError } from '../src/store/schema-errors.js';
import type { Store } from '../src/store/store.js';
import { spawnServer } from './helpers/spawn-server.js';

const countTags = (store: Store) =>
  store.read(async (tx) => Number((await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags'))!.n));

describe('SQLite files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vpclite-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in WAL mode and keeps what was committed across a reopen', async () => {
    const data = join(dir, 'reopen');
    const first = await openStore({ data });
    await first.write((tx) =>
      tx.run(
        'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
        ['123456789012', 'us-east-1', 'vpc-1', 'vpc', 'kept', 'v'],
      ),
    );
    await first.close();
    const db = new Database(join(data, 'vpclite.db'), { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
    const second = await openStore({ data });
    assert.equal(await countTags(second), 1);
    await second.close();
  });

  it('refuses a database migrated by a newer vpclite, and `vpclite serve` says so in one line', async () => {
    const data = join(dir, 'newer');
    await (await openStore({ data })).close();
    const db = new Database(join(data, 'vpclite.db'));
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'future', new Date().toISOString());
    db.close();
    await assert.rejects(openStore({ data }), (error: unknown) => error instanceof SchemaTooNewError && error.found === 999);
    await assert.rejects(spawnServer(['--port', '0', '--data', data]), /exited with 1[\s\S]*schema is at version 999/);
  });
});
