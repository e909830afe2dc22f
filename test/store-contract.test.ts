/**
 * The Store contract, run on the engine the environment chooses (`make test` runs the whole suite once on
 * SQLite and once on PostgreSQL): what resources may rely on whichever engine answers.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LATEST_SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { UniqueViolation, type Store, type Tx } from '../src/store/store.js';
import { openTestStore, testEngine, type TestStore } from './helpers/test-store.js';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

const addTag = (tx: Tx, resourceId: string, key: string, value: string) =>
  tx.run(
    `INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, 'vpc', ?, ?)`,
    [ACCOUNT, REGION, resourceId, key, value],
  );

const tagValues = (store: Store) =>
  store.read((tx) => tx.all<{ tag_value: string }>('SELECT tag_value FROM tags ORDER BY seq')).then((rows) =>
    rows.map((r) => r.tag_value),
  );

describe(`the store contract (${testEngine()})`, () => {
  let opened: TestStore;
  let store: Store;
  before(async () => {
    opened = await openTestStore();
    store = opened.store;
  });
  after(() => opened.close());
  beforeEach(() => store.reset());

  it('describes itself: engine, location and the schema version of the code', () => {
    assert.equal(store.info.engine, testEngine());
    assert.equal(store.info.schemaVersion, LATEST_SCHEMA_VERSION);
    assert.ok(store.info.location.length > 0);
    if (testEngine() === 'postgres') assert.equal(store.info.poolSize, 10);
  });

  describe('transactions', () => {
    it('commits a write that resolves and hands back its result', async () => {
      const result = await store.write(async (tx) => {
        await addTag(tx, 'vpc-1', 'Name', 'one');
        return 'done';
      });
      assert.equal(result, 'done');
      assert.deepEqual(await tagValues(store), ['one']);
    });

    it('rolls back every statement of a write that throws, and rethrows its error unchanged', async () => {
      const failure = new Error('handler failed');
      await assert.rejects(
        store.write(async (tx) => {
          await addTag(tx, 'vpc-1', 'Name', 'one');
          await addTag(tx, 'vpc-1', 'Env', 'two');
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.deepEqual(await tagValues(store), []);
    });

    it('lets a transaction read its own writes', async () => {
      const seen = await store.write(async (tx) => {
        await addTag(tx, 'vpc-1', 'Name', 'mine');
        return tx.get<{ tag_value: string }>('SELECT tag_value FROM tags WHERE resource_id = ?', ['vpc-1']);
      });
      assert.equal(seen?.tag_value, 'mine');
    });

    it('rehearses: the work runs and sees its own writes, then everything is rolled back', async () => {
      const seen = await store.rehearse(async (tx) => {
        await addTag(tx, 'vpc-1', 'Name', 'rehearsed');
        return (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags'))!.n;
      });
      assert.equal(seen, 1);
      assert.deepEqual(await tagValues(store), []);
      const failure = new Error('invalid');
      await assert.rejects(store.rehearse(async () => Promise.reject(failure)), (e) => e === failure);
    });

    it('refuses to commit a write whose work went on after a failed statement', async () => {
      await store.write((tx) => addTag(tx, 'vpc-1', 'Name', 'first'));
      await assert.rejects(
        store.write(async (tx) => {
          await addTag(tx, 'vpc-2', 'Name', 'lost');
          await addTag(tx, 'vpc-1', 'Name', 'duplicate').catch(() => undefined);
          return 'claims success';
        }),
        UniqueViolation,
      );
      assert.deepEqual(await tagValues(store), ['first']);
    });

    it('runs concurrent read-modify-write transactions as if one at a time: no update is lost', async () => {
      await store.write((tx) => addTag(tx, 'vpc-1', 'counter', '0'));
      const increments = 12;
      await Promise.all(
        Array.from({ length: increments }, () =>
          store.write(async (tx) => {
            const row = await tx.get<{ tag_value: string }>('SELECT tag_value FROM tags WHERE resource_id = ? AND tag_key = ?', ['vpc-1', 'counter']);
            await tx.run('UPDATE tags SET tag_value = ? WHERE resource_id = ? AND tag_key = ?', [
              String(Number(row!.tag_value) + 1), 'vpc-1', 'counter',
            ]);
          }),
        ),
      );
      assert.deepEqual(await tagValues(store), [String(increments)]);
    });

    it('finishes a long read-modify-write among a stream of short ones on the same row, losing no update', async () => {
      // PostgreSQL would abort the long one each time a short one commits first; after a few lost races it runs
      // alone (ADR 0005), so it finishes however busy the row is. SQLite's transactions take turns anyway.
      await store.write((tx) => addTag(tx, 'vpc-1', 'counter', '0'));
      const increment = (tx: Tx, by: number, pause = 0) =>
        tx.get<{ tag_value: string }>('SELECT tag_value FROM tags WHERE resource_id = ? AND tag_key = ?', ['vpc-1', 'counter']).then(
          async (row) => {
            if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
            await tx.run('UPDATE tags SET tag_value = ? WHERE resource_id = ? AND tag_key = ?', [
              String(Number(row!.tag_value) + by), 'vpc-1', 'counter',
            ]);
          },
        );
      const escalatedBefore = store.info.contention?.escalated ?? 0;
      let longDone = false;
      let shorts = 0;
      const long = store.write((tx) => increment(tx, 1000, 30)).finally(() => (longDone = true));
      const stream = Array.from({ length: 4 }, async () => {
        while (!longDone) {
          await store.write((tx) => increment(tx, 1));
          shorts++;
        }
      });
      await Promise.all([long, ...stream]);
      assert.deepEqual(await tagValues(store), [String(1000 + shorts)]);
      if (testEngine() === 'postgres') assert.ok(store.info.contention!.escalated > escalatedBefore, 'the long one ran alone');
    });

    it('runs concurrent check-then-insert transactions as if one at a time: a limit checked in SQL holds', async () => {
      const limit = 3;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.write(async (tx) => {
            const { n } = (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags WHERE resource_id = ?', ['vpc-1']))!;
            if (n >= limit) throw new Error('limit exceeded');
            await addTag(tx, 'vpc-1', `key-${i}`, `value-${i}`);
          }),
        ),
      );
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, limit);
      for (const o of outcomes) if (o.status === 'rejected') assert.equal((o.reason as Error).message, 'limit exceeded');
      assert.equal((await tagValues(store)).length, limit);
    });
  });

  describe('unique constraints', () => {
    it('map a UNIQUE violation to UniqueViolation and keep the first row', async () => {
      await store.write((tx) => addTag(tx, 'vpc-1', 'Name', 'first'));
      await assert.rejects(store.write((tx) => addTag(tx, 'vpc-1', 'Name', 'second')), UniqueViolation);
      assert.deepEqual(await tagValues(store), ['first']);
    });

    it('map a PRIMARY KEY violation to UniqueViolation', async () => {
      const insert = (tx: Tx) =>
        tx.run(
          `INSERT INTO account_regions (account, region, dhcp_options_id, created_at) VALUES (?, ?, 'dopt-1', '2026-01-01')`,
          [ACCOUNT, REGION],
        );
      await store.write(insert);
      await assert.rejects(store.write(insert), UniqueViolation);
    });

    it('map a partial unique index violation to UniqueViolation, and let rows outside its WHERE repeat', async () => {
      const associate = (tx: Tx, id: string, subnetId: string, isMain: number) =>
        tx.run(
          `INSERT INTO route_table_associations (id, route_table_id, account, region, vpc_id, subnet_id, is_main)
           VALUES (?, 'rtb-1', ?, ?, 'vpc-1', ?, ?)`,
          [id, ACCOUNT, REGION, subnetId, isMain],
        );
      await store.write((tx) => associate(tx, 'rtbassoc-1', '', 1));
      await store.write((tx) => associate(tx, 'rtbassoc-2', 'subnet-1', 0));
      await store.write((tx) => associate(tx, 'rtbassoc-3', 'subnet-2', 0));
      await assert.rejects(store.write((tx) => associate(tx, 'rtbassoc-4', '', 1)), UniqueViolation);
      await assert.rejects(store.write((tx) => associate(tx, 'rtbassoc-5', 'subnet-1', 0)), UniqueViolation);
    });

    it("resolve ON CONFLICT … DO UPDATE with excluded.*", async () => {
      await store.write(async (tx) => {
        await addTag(tx, 'vpc-1', 'Name', 'old');
        await tx.run(
          `INSERT INTO tags (account, region, resource_id, resource_type, tag_key, tag_value) VALUES (?, ?, ?, 'vpc', ?, ?)
           ON CONFLICT (resource_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
          [ACCOUNT, REGION, 'vpc-1', 'Name', 'new'],
        );
      });
      assert.deepEqual(await tagValues(store), ['new']);
    });
  });

  describe('matchPattern', () => {
    const values = ['web-1', 'web-22', 'Web-1', 'db-1', 'a*b', 'axb', 'a?b', 'a\\b', '50%', '50x', 'a_b', '[x]', 'x'];
    const matching = (pattern: string) =>
      store.read(async (tx) => {
        const m = tx.matchPattern('tag_value', pattern);
        const rows = await tx.all<{ tag_value: string }>(
          `SELECT tag_value FROM tags WHERE account = ? AND ${m.sql} ORDER BY seq`,
          [ACCOUNT, m.param],
        );
        return rows.map((r) => r.tag_value);
      });
    beforeEach(() =>
      store.write(async (tx) => {
        for (const [i, v] of values.entries()) await addTag(tx, `vpc-${i}`, 'k', v);
      }),
    );

    it('`*` matches any run of characters, including none', async () => {
      assert.deepEqual(await matching('web-*'), ['web-1', 'web-22']);
      assert.deepEqual(await matching('*-1'), ['web-1', 'Web-1', 'db-1']);
      assert.deepEqual(await matching('web-1*'), ['web-1']);
    });

    it('`?` matches exactly one character', async () => {
      assert.deepEqual(await matching('web-?'), ['web-1']);
      assert.deepEqual(await matching('a?b'), ['a*b', 'axb', 'a?b', 'a\\b', 'a_b']);
    });

    it('matches case-sensitively', async () => {
      assert.deepEqual(await matching('W*'), ['Web-1']);
      assert.deepEqual(await matching('WEB-*'), []);
    });

    it('takes a backslash-escaped `*`, `?` or backslash literally', async () => {
      assert.deepEqual(await matching('a\\*b'), ['a*b']);
      assert.deepEqual(await matching('a\\?b'), ['a?b']);
      assert.deepEqual(await matching('a\\\\b'), ['a\\b']);
    });

    it("takes the other engine's wildcard characters (% _ [ ]) literally", async () => {
      assert.deepEqual(await matching('50%*'), ['50%']);
      assert.deepEqual(await matching('a_*'), ['a_b']);
      assert.deepEqual(await matching('[x]*'), ['[x]']);
    });
  });

  describe('values', () => {
    it('answers COUNT(*), seq and 64-bit INTEGER columns as numbers, and comparisons as 0/1', async () => {
      await store.write(async (tx) => {
        await tx.run(
          `INSERT INTO network_acl_entries (network_acl_id, rule_number, egress, protocol, rule_action)
           VALUES ('acl-1', ?, 0, '-1', 'allow')`,
          [5_000_000_000],
        );
        await addTag(tx, 'vpc-1', 'Name', 'x');
      });
      const row = await store.read((tx) =>
        tx.get<Record<string, unknown>>(
          `SELECT e.rule_number AS rule_number, e.icmp_type AS icmp_type, (SELECT COUNT(*) FROM tags) AS n,
                  (SELECT seq FROM tags) AS seq, (e.egress = 0) AS ingress,
                  EXISTS (SELECT 1 FROM tags WHERE tag_value = 'y') AS has_y
           FROM network_acl_entries e`,
        ),
      );
      assert.deepEqual(row, { rule_number: 5_000_000_000, icmp_type: null, n: 1, seq: 1, ingress: 1, has_y: 0 });
    });

    it("keeps '' apart from NULL, and leaves a ? inside a string literal alone", async () => {
      const row = await store.read((tx) =>
        tx.get<{ q: string; empty: number; p: string }>(
          `SELECT 'why?' AS q, ('' IS NULL) AS empty, CAST(? AS TEXT) AS p`,
          ['param'],
        ),
      );
      assert.deepEqual(row, { q: 'why?', empty: 0, p: 'param' });
    });

    it('sorts text by code point (upper case, then _, then lower case)', async () => {
      await store.write(async (tx) => {
        for (const [i, key] of ['b', '_x', 'B', 'a', 'A', 'é'].entries()) await addTag(tx, `vpc-${i}`, key, 'v');
      });
      const keys = await store.read((tx) => tx.all<{ tag_key: string }>('SELECT tag_key FROM tags ORDER BY tag_key'));
      assert.deepEqual(keys.map((k) => k.tag_key), ['A', 'B', '_x', 'a', 'b', 'é']);
    });

    it('reports the number of rows a statement changed', async () => {
      const changes = await store.write(async (tx) => {
        for (const k of ['a', 'b', 'c']) await addTag(tx, 'vpc-1', k, 'v');
        return (await tx.run('UPDATE tags SET tag_value = ? WHERE resource_id = ? AND tag_key <> ?', ['w', 'vpc-1', 'a'])).changes;
      });
      assert.equal(changes, 2);
    });
  });

  describe('pagination order', () => {
    it('numbers rows in insertion order (seq), across transactions, so pages by seq are stable', async () => {
      for (let i = 0; i < 5; i++) await store.write((tx) => addTag(tx, `vpc-${i}`, 'k', `v${i}`));
      await store.write(async (tx) => {
        for (let i = 5; i < 9; i++) await addTag(tx, `vpc-${i}`, 'k', `v${i}`);
      });
      const page = (after: number) =>
        store.read((tx) =>
          tx.all<{ seq: number; tag_value: string }>('SELECT seq, tag_value FROM tags WHERE seq > ? ORDER BY seq LIMIT ?', [after, 4]),
        );
      const first = await page(0);
      const second = await page(first[first.length - 1]!.seq);
      const third = await page(second[second.length - 1]!.seq);
      assert.deepEqual([...first, ...second, ...third].map((r) => r.tag_value), ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']);
      assert.equal(third.length, 1);
      const seqs = [...first, ...second, ...third].map((r) => r.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    });
  });

  describe('reset', () => {
    it('empties every table, keeps the schema and its version, and numbers rows from 1 again', async () => {
      await store.write(async (tx) => {
        for (let i = 0; i < 3; i++) await addTag(tx, `vpc-${i}`, 'k', 'v');
        await tx.run(`INSERT INTO account_regions (account, region, dhcp_options_id, created_at) VALUES (?, ?, 'dopt-1', 'now')`, [ACCOUNT, REGION]);
      });
      await store.reset();
      const counts = await store.read(async (tx) => ({
        tags: (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM tags'))!.n,
        accounts: (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM account_regions'))!.n,
        version: (await tx.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))!.v,
      }));
      assert.deepEqual(counts, { tags: 0, accounts: 0, version: LATEST_SCHEMA_VERSION });
      await store.write((tx) => addTag(tx, 'vpc-9', 'k', 'after'));
      const seq = await store.read((tx) => tx.get<{ seq: number }>('SELECT seq FROM tags'));
      assert.equal(seq?.seq, 1);
    });
  });
});
