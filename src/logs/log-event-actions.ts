/**
 * GetLogEvents (one stream, forward and backward tokens) and FilterLogEvents (a group, optionally some streams,
 * a filter pattern). Events are ordered by (timestamp, sequence); tokens carry that position.
 */
import { logGroupNotFound, logStreamNotFound, logsInvalidParameter } from '../errors/logs.js';
import type { SqlValue } from '../store/store.js';
import { compileFilterPattern } from './filter-pattern.js';
import { findLogGroup, type LogEventRow } from './log-data.js';
import {
  decodeToken,
  encodeToken,
  logGroupOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  type LogsAction,
  type LogsContext,
  type LogsInput,
} from './logs-request.js';

const MAX_EVENTS = 10_000;

function timeRange(input: LogsInput): { where: string[]; params: SqlValue[] } {
  const start = optionalInteger(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const end = optionalInteger(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (start !== undefined) {
    where.push('event_time >= ?');
    params.push(start);
  }
  if (end !== undefined) {
    where.push('event_time < ?');
    params.push(end);
  }
  return { where, params };
}

async function requireGroup(ctx: LogsContext, group: string): Promise<void> {
  if (!(await findLogGroup(ctx.tx, ctx.scope, group))) throw logGroupNotFound();
}

/** A GetLogEvents token: `f/…` reads forward from after a position, `b/…` backward from before it. */
const positionToken = (direction: 'f' | 'b', time: number, seq: number) => `${direction}/${encodeToken(time, seq)}`;

function readPositionToken(token: string): { forward: boolean; time: number; seq: number } {
  const match = /^([fb])\/(.+)$/.exec(token);
  if (!match) throw logsInvalidParameter('The specified nextToken is invalid.');
  const [time, seq] = decodeToken(match[2]!, 2);
  return { forward: match[1] === 'f', time: time!, seq: seq! };
}

export const getLogEvents: LogsAction = async (ctx, input) => {
  const group = logGroupOf(input);
  const stream = requiredString(input, 'logStreamName');
  const limit = optionalInteger(input, 'limit', 1, MAX_EVENTS) ?? MAX_EVENTS;
  const token = optionalString(input, 'nextToken');
  const fromHead = optionalBoolean(input, 'startFromHead') === true;
  await requireGroup(ctx, group);
  const exists = await ctx.tx.get(
    'SELECT 1 AS found FROM log_streams WHERE account = ? AND region = ? AND log_group_name = ? AND name = ?',
    [ctx.scope.account, ctx.scope.region, group, stream],
  );
  if (!exists) throw logStreamNotFound();
  const range = timeRange(input);
  const where = ['account = ?', 'region = ?', 'log_group_name = ?', 'log_stream_name = ?', ...range.where];
  const params: SqlValue[] = [ctx.scope.account, ctx.scope.region, group, stream, ...range.params];
  const position = token === undefined ? undefined : readPositionToken(token);
  const forward = position ? position.forward : fromHead;
  if (position) {
    where.push(forward ? '(event_time > ? OR (event_time = ? AND seq > ?))' : '(event_time < ? OR (event_time = ? AND seq < ?))');
    params.push(position.time, position.time, position.seq);
  }
  const order = forward ? 'event_time ASC, seq ASC' : 'event_time DESC, seq DESC';
  const rows = await ctx.tx.all<LogEventRow>(
    `SELECT seq, event_time, ingestion_time, message FROM log_events WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`,
    [...params, limit],
  );
  if (!forward) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // With nothing more to read, the token that was passed comes back, which is how readers know they are done.
  const here = position ?? { time: forward ? 0 : Number.MAX_SAFE_INTEGER, seq: forward ? 0 : Number.MAX_SAFE_INTEGER };
  return {
    events: rows.map((e) => ({ timestamp: Number(e.event_time), message: e.message, ingestionTime: Number(e.ingestion_time) })),
    nextForwardToken: last ? positionToken('f', Number(last.event_time), Number(last.seq)) : positionToken('f', here.time, here.seq),
    nextBackwardToken: first ? positionToken('b', Number(first.event_time), Number(first.seq)) : positionToken('b', here.time, here.seq),
  };
};

/** Rows read per statement while looking for matching events. */
const SCAN_CHUNK = 1000;

export const filterLogEvents: LogsAction = async (ctx, input) => {
  const group = logGroupOf(input);
  const names = input.logStreamNames;
  const prefix = optionalString(input, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw logsInvalidParameter('Cannot specify both logStreamNames and logStreamNamePrefix.');
  }
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== 'string') || names.length > 100)) {
    throw logsInvalidParameter('logStreamNames must be a list of at most 100 stream names.');
  }
  const matcher = compileFilterPattern(optionalString(input, 'filterPattern'));
  const limit = optionalInteger(input, 'limit', 1, MAX_EVENTS) ?? MAX_EVENTS;
  const token = optionalString(input, 'nextToken');
  await requireGroup(ctx, group);
  const range = timeRange(input);
  const where = ['account = ?', 'region = ?', 'log_group_name = ?', ...range.where];
  const params: SqlValue[] = [ctx.scope.account, ctx.scope.region, group, ...range.params];
  if (Array.isArray(names)) {
    if (names.length === 0) return { events: [], searchedLogStreams: [] };
    where.push(`log_stream_name IN (${names.map(() => '?').join(', ')})`);
    params.push(...(names as string[]));
  }
  if (prefix !== undefined) {
    where.push('substr(log_stream_name, 1, ?) = ?');
    params.push(prefix.length, prefix);
  }
  let [time, seq] = token === undefined ? [-1, 0] : decodeToken(token, 2);
  const events: Record<string, unknown>[] = [];
  let more = true;
  while (events.length < limit && more) {
    const rows = await ctx.tx.all<LogEventRow>(
      `SELECT seq, log_stream_name, event_time, ingestion_time, message FROM log_events
       WHERE ${where.join(' AND ')} AND (event_time > ? OR (event_time = ? AND seq > ?))
       ORDER BY event_time, seq LIMIT ?`,
      [...params, time!, time!, seq!, SCAN_CHUNK],
    );
    more = rows.length === SCAN_CHUNK;
    for (const row of rows) {
      [time, seq] = [Number(row.event_time), Number(row.seq)];
      if (!matcher(row.message)) continue;
      events.push({
        logStreamName: row.log_stream_name,
        timestamp: Number(row.event_time),
        message: row.message,
        ingestionTime: Number(row.ingestion_time),
        eventId: String(row.seq),
      });
      if (events.length === limit) {
        more = true;
        break;
      }
    }
  }
  return { events, searchedLogStreams: [], nextToken: more ? encodeToken(time!, seq!) : undefined };
};
