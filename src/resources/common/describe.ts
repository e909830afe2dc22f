/**
 * The shared shape of every Describe*: the caller's own rows (account + region), optional explicit ids (any
 * unknown one fails the whole call with the type's NotFound), compiled filters, and stable pagination in creation
 * order (`seq`) with an opaque NextToken (wire-protocol.md §8).
 */
import type { AwsError } from '../../errors/aws-error.js';
import { invalidMaxResults, invalidNextToken } from '../../errors/protocol.js';
import { operations, shapes, structurePlan } from '../../protocol/model.js';
import type { Row, SqlValue } from '../../store/store.js';
import type { RequestContext } from '../context.js';
import type { Condition } from './filters.js';

export interface DescribeQuery {
  /** `FROM` clause with an alias, e.g. `vpcs v`. */
  from: string;
  alias: string;
  ids?: string[];
  /** Builds the error for ids that do not exist (in the order asked). */
  notFound?: (missing: string[]) => AwsError;
  conditions?: Condition[];
  /** A page size already checked with pageSize(); undefined = everything. */
  limit?: number;
  nextToken?: string;
}

export interface Page<R> {
  rows: R[];
  nextToken?: string;
}

const encodeToken = (seq: number) => Buffer.from(`v1:${seq}`).toString('base64url');

function decodeToken(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^v1:(\d{1,15})$/.exec(text);
  if (!match) throw invalidNextToken(token);
  return Number(match[1]);
}

/**
 * Validates MaxResults against the bounds the model gives the action's MaxResults shape.
 * Returns undefined when the caller asked for everything.
 */
export function pageSize(action: string, maxResults: number | undefined): number | undefined {
  if (maxResults === undefined) return undefined;
  const input = operations[action]?.input?.shape;
  const member = input ? structurePlan(input).members.find((m) => m.name === 'MaxResults') : undefined;
  const shape = member ? shapes[member.shape] : undefined;
  const min = shape?.min ?? 5;
  const max = shape?.max ?? 1000;
  if (maxResults < min || maxResults > max) throw invalidMaxResults(maxResults, min, max);
  return maxResults;
}

/** Fails with `notFound` when any of `ids` is not one of the caller's rows in `from`. */
export async function requireIds(ctx: RequestContext, query: DescribeQuery): Promise<void> {
  const ids = [...new Set(query.ids ?? [])];
  if (ids.length === 0 || !query.notFound) return;
  const a = query.alias;
  const found = await ctx.tx.all<{ id: string }>(
    `SELECT ${a}.id AS id FROM ${query.from} WHERE ${a}.account = ? AND ${a}.region = ? AND ${a}.id IN (${ids
      .map(() => '?')
      .join(', ')})`,
    [ctx.account, ctx.region.name, ...ids],
  );
  if (found.length === ids.length) return;
  const present = new Set(found.map((r) => r.id));
  throw query.notFound(ids.filter((id) => !present.has(id)));
}

export async function describeRows<R = Row>(ctx: RequestContext, query: DescribeQuery): Promise<Page<R>> {
  // Ids with nothing else narrowing the answer: the page holds exactly the caller's rows among the ids, so it
  // tells which are missing itself, one statement fewer than checking them first.
  const idsAnswerAlone =
    (query.ids?.length ?? 0) > 0 && !!query.notFound && !query.conditions?.length && !query.nextToken && query.limit === undefined;
  if (!idsAnswerAlone) await requireIds(ctx, query);
  const a = query.alias;
  const where = [`${a}.account = ?`, `${a}.region = ?`];
  const params: SqlValue[] = [ctx.account, ctx.region.name];
  if (query.ids && query.ids.length > 0) {
    // Through the unique id index: a plain `id IN (…)` next to ORDER BY seq lets SQLite prefer walking the
    // account's (account, region, seq) index, which reads every row of the account.
    const table = query.from.split(/\s+/)[0];
    where.push(`${a}.seq IN (SELECT i.seq FROM ${table} i WHERE i.id IN (${placeholders(query.ids)}))`);
    params.push(...query.ids);
  }
  for (const c of query.conditions ?? []) {
    where.push(c.sql);
    params.push(...c.params);
  }
  if (query.nextToken) {
    where.push(`${a}.seq > ?`);
    params.push(decodeToken(query.nextToken));
  }
  let sql = `SELECT ${a}.* FROM ${query.from} WHERE ${where.join(' AND ')} ORDER BY ${a}.seq`;
  if (query.limit !== undefined) {
    sql += ' LIMIT ?';
    params.push(query.limit + 1);
  }
  const rows = await ctx.tx.all<R & { seq: number }>(sql, params);
  if (idsAnswerAlone) {
    const present = new Set(rows.map((r) => (r as { id?: unknown }).id));
    const missing = [...new Set(query.ids)].filter((id) => !present.has(id));
    if (missing.length > 0) throw query.notFound!(missing);
  }
  if (query.limit !== undefined && rows.length > query.limit) {
    rows.length = query.limit;
    return { rows, nextToken: encodeToken(Number(rows[rows.length - 1]!.seq)) };
  }
  return { rows };
}

/** `?, ?, ?` for a list of parameters. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');
