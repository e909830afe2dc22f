// The SQLite engine reads rows as arrays and builds each object with a literal compiled per statement (fast
// properties; sqlite-store.ts says why). These check that what `all` and `get` give is exactly what
// better-sqlite3's own row objects are, for the cases where a literal could differ: many columns, a duplicated
// name, integer-like names (ordered first by JavaScript), a column named `__proto__`, no rows, and a statement
// that returns no rows at all.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';

/** Keys in order, values, and prototype: what deepEqual alone would not tell apart. */
const anatomy = (row: unknown) =>
  row === undefined
    ? undefined
    : { keys: Object.keys(row as object), values: Object.values(row as object), proto: Object.getPrototypeOf(row) === Object.prototype };

describe('SQLite rows built from arrays', () => {
  let dir: string;
  let store: Store;
  let plain: Database.Database;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpclite-rows-'));
    store = await openStore({ data: dir });
    await store.write((tx) =>
      tx.run(
        'INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)',
        ['123456789012', 'us-east-1', 'vpc-1', 'vpc', 'Name', 'web'],
      ),
    );
    plain = new Database(join(dir, 'vpclite.db'), { readonly: true });
  });
  after(async () => {
    plain.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wide = `SELECT ${Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? 'tag_key' : 'tag_value'} || '${i}' AS c${i}`).join(', ')} FROM tags`;
  const cases: [string, string][] = [
    ['every column of a table', 'SELECT * FROM tags'],
    ['40 columns', wide],
    ['a duplicated name (the later value wins, in the first place)', 'SELECT tag_key AS a, tag_value AS b, seq AS a FROM tags'],
    ['integer-like names', `SELECT tag_key AS "b", tag_value AS "2", seq AS "1" FROM tags`],
    ['a column named __proto__', `SELECT tag_key AS "__proto__", tag_value FROM tags`],
    ['two columns named __proto__, one a blob', `SELECT x'00ff' AS "__proto__", tag_value AS "__proto__", seq FROM tags`],
    ['a name with quotes and a backslash', `SELECT tag_key AS "it's \\ ""quoted""" FROM tags`],
    ['no rows', `SELECT * FROM tags WHERE tag_key = 'absent'`],
  ];
  for (const [what, sql] of cases) {
    it(`gives better-sqlite3's own rows for ${what}`, async () => {
      const expected = plain.prepare(sql).all();
      const [all, one] = await store.read(async (tx) => [await tx.all(sql), await tx.get(sql)] as const);
      assert.deepEqual(all.map(anatomy), expected.map(anatomy));
      assert.deepEqual(anatomy(one), anatomy(plain.prepare(sql).get()));
    });
  }

  it('refuses a statement that returns no rows, as before', async () => {
    await assert.rejects(
      store.read((tx) => tx.all(`UPDATE tags SET tag_value = 'x' WHERE tag_key = 'absent'`)),
      /does not return data/,
    );
  });
});
