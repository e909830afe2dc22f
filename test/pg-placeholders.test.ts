/** The `?` → `$n` translation of the PostgreSQL engine (pure; runs on either engine's pass). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toPositional } from '../src/store/postgres/placeholders.js';
import { toPostgresDdl } from '../src/store/postgres/pg-migrate.js';

describe('PostgreSQL placeholders', () => {
  it('numbers ? placeholders from $1 in order', () => {
    assert.equal(toPositional('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?'), 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4');
    assert.equal(toPositional('SELECT 1'), 'SELECT 1');
  });

  it('leaves ? alone inside string literals, doubled quotes included', () => {
    assert.equal(toPositional("SELECT 'a?', ? FROM t WHERE x = 'it''s ?' AND y = ?"), "SELECT 'a?', $1 FROM t WHERE x = 'it''s ?' AND y = $2");
    assert.equal(toPositional("SELECT x LIKE ? ESCAPE '\\' AND y = ?"), "SELECT x LIKE $1 ESCAPE '\\' AND y = $2");
  });

  it('leaves ? alone inside quoted identifiers and comments', () => {
    assert.equal(toPositional('SELECT "odd?name" FROM t WHERE a = ?'), 'SELECT "odd?name" FROM t WHERE a = $1');
    assert.equal(toPositional('SELECT a -- why?\nFROM t WHERE a = ?'), 'SELECT a -- why?\nFROM t WHERE a = $1');
    assert.equal(toPositional('SELECT a /* ? */ FROM t WHERE a = ?'), 'SELECT a /* ? */ FROM t WHERE a = $1');
  });

  it('gives the same answer from its cache', () => {
    const sql = 'UPDATE t SET a = ? WHERE b = ?';
    assert.equal(toPositional(sql), toPositional(sql));
    assert.equal(toPositional(sql), 'UPDATE t SET a = $1 WHERE b = $2');
  });
});

describe('PostgreSQL DDL', () => {
  it('turns {{SERIAL}} into a BIGSERIAL key, INTEGER into 64-bit BIGINT and TEXT into code-point TEXT, as in SQLite', () => {
    assert.equal(
      toPostgresDdl("CREATE TABLE t (seq {{SERIAL}}, n INTEGER NOT NULL, integers TEXT NOT NULL DEFAULT '', texts INTEGER)"),
      `CREATE TABLE t (seq BIGSERIAL PRIMARY KEY, n BIGINT NOT NULL, integers TEXT COLLATE "C" NOT NULL DEFAULT '', texts BIGINT)`,
    );
  });
});
