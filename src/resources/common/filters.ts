/**
 * Describe* filters compiled to SQL (wire-protocol.md §9): values of one filter are ORed, filters are ANDed,
 * values match exactly and case-sensitively with `*` / `?` wildcards. Each resource declares a FilterTable that
 * maps filter names to columns or to EXISTS subqueries over its child tables, so every filter runs in the
 * database on indexed lookups; `tag:<key>`, `tag-key` and `tag-value` work on every resource.
 */
import type { Filter } from '../../protocol/generated/ec2-shapes.js';
import { filterValueTooLong, invalidFilter } from '../../errors/protocol.js';
import type { SqlValue, Tx } from '../../store/store.js';
import { hasWildcard } from '../../store/wildcards.js';

/** A compiled condition: SQL with `?` placeholders and its parameters. */
export interface Condition {
  sql: string;
  params: SqlValue[];
}

/** How one filter name becomes SQL, given its values. */
export type FilterCompiler = (tx: Tx, values: string[]) => Condition;

export type FilterTable = Record<string, FilterCompiler>;

/** `column = v1 OR column = v2 …`, with wildcard values through the engine's pattern match. */
export function matchAny(tx: Tx, column: string, values: string[]): Condition {
  const exact = values.filter((v) => !hasWildcard(v));
  const patterns = values.filter(hasWildcard);
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (exact.length > 0) {
    parts.push(`${column} IN (${exact.map(() => '?').join(', ')})`);
    params.push(...exact);
  }
  for (const pattern of patterns) {
    const m = tx.matchPattern(column, pattern);
    parts.push(m.sql);
    params.push(m.param);
  }
  return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params };
}

/** A filter on a plain column. */
export const column =
  (name: string): FilterCompiler =>
  (tx, values) =>
    matchAny(tx, name, values);

/** A filter on a 0/1 column that takes `true` / `false`; other values match nothing, as in EC2. */
export const booleanColumn =
  (name: string): FilterCompiler =>
  (_tx, values) => {
    const wanted = [...new Set(values.map((v) => v.toLowerCase()))].filter((v) => v === 'true' || v === 'false');
    if (wanted.length === 0) return { sql: '1 = 0', params: [] };
    return { sql: `${name} IN (${wanted.map(() => '?').join(', ')})`, params: wanted.map((v) => (v === 'true' ? 1 : 0)) };
  };

/**
 * A filter on an integer column; values that are not integers match nothing, and nor do integers too large for
 * any column (PostgreSQL would refuse them as a BIGINT parameter rather than match nothing).
 */
export const integerColumn =
  (name: string): FilterCompiler =>
  (_tx, values) => {
    const numbers = values.filter((v) => /^-?\d+$/.test(v)).map(Number).filter(Number.isSafeInteger);
    if (numbers.length === 0) return { sql: '1 = 0', params: [] };
    return { sql: `${name} IN (${numbers.map(() => '?').join(', ')})`, params: numbers };
  };

/**
 * A filter on a child table: `EXISTS (SELECT 1 FROM <from> WHERE <join> AND <column matches>)`.
 * `join` relates the child rows to the outer row, e.g. `c.vpc_id = v.id`.
 */
export const exists =
  (from: string, join: string, matchColumn: string): FilterCompiler =>
  (tx, values) => {
    const m = matchAny(tx, matchColumn, values);
    return { sql: `EXISTS (SELECT 1 FROM ${from} WHERE ${join} AND ${m.sql})`, params: m.params };
  };

function tagFilter(tx: Tx, name: string, values: string[], idColumn: string): Condition | undefined {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    const m = matchAny(tx, 't.tag_value', values);
    return {
      sql: `EXISTS (SELECT 1 FROM tags t WHERE t.resource_id = ${idColumn} AND t.tag_key = ? AND ${m.sql})`,
      params: [key, ...m.params],
    };
  }
  if (name === 'tag-key' || name === 'tag-value') {
    const m = matchAny(tx, name === 'tag-key' ? 't.tag_key' : 't.tag_value', values);
    return { sql: `EXISTS (SELECT 1 FROM tags t WHERE t.resource_id = ${idColumn} AND ${m.sql})`, params: m.params };
  }
  return undefined;
}

/**
 * Compiles the request's filters for a resource whose id column is `idColumn`. Unknown names are
 * `InvalidParameterValue` (`The filter 'x' is invalid`); values over 255 characters are `FilterLimitExceeded`.
 */
export function compileFilters(
  tx: Tx,
  table: FilterTable,
  filters: Filter[] | undefined,
  idColumn: string,
  options: { tags?: boolean } = {},
): Condition[] {
  const conditions: Condition[] = [];
  for (const filter of filters ?? []) {
    const name = filter.Name ?? '';
    const values = filter.Values ?? [];
    if (values.some((v) => v.length > 255)) throw filterValueTooLong();
    const compiler = table[name];
    if (compiler) {
      if (values.length === 0) conditions.push({ sql: '1 = 0', params: [] });
      else conditions.push(compiler(tx, values));
      continue;
    }
    const tag = options.tags === false ? undefined : tagFilter(tx, name, values, idColumn);
    if (!tag) throw invalidFilter(name);
    conditions.push(values.length === 0 ? { sql: '1 = 0', params: [] } : tag);
  }
  return conditions;
}
