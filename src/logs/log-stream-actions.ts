/** DescribeLogStreams. */
import { logGroupNotFound, logsInvalidParameter } from '../errors/logs.js';
import { findLogGroup, type LogStreamRow } from './log-data.js';
import {
  decodeToken,
  encodeToken,
  logGroupOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  type LogsAction,
} from './logs-request.js';

export const describeLogStreams: LogsAction = async (ctx, input) => {
  const group = logGroupOf(input);
  const prefix = optionalString(input, 'logStreamNamePrefix');
  const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw logsInvalidParameter(`Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  }
  if (prefix !== undefined && orderBy === 'LastEventTime') {
    throw logsInvalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const descending = optionalBoolean(input, 'descending') === true;
  const limit = optionalInteger(input, 'limit', 1, 50) ?? 50;
  const token = optionalString(input, 'nextToken');
  if (!(await findLogGroup(ctx.tx, ctx.scope, group))) throw logGroupNotFound();
  const where = ['account = ?', 'region = ?', 'log_group_name = ?'];
  const params: (string | number)[] = [ctx.scope.account, ctx.scope.region, group];
  if (prefix !== undefined) {
    where.push('substr(name, 1, ?) = ?');
    params.push(prefix.length, prefix);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const order = orderBy === 'LastEventTime' ? `last_event ${direction}, name ${direction}` : `name ${direction}`;
  const offset = token === undefined ? 0 : decodeToken(token, 1)[0]!;
  const rows = await ctx.tx.all<LogStreamRow>(
    `SELECT * FROM log_streams WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, limit + 1, offset],
  );
  const arnOf = (name: string) =>
    `arn:aws:logs:${ctx.scope.region}:${ctx.scope.account}:log-group:${group}:log-stream:${name}`;
  return {
    logStreams: rows.slice(0, limit).map((s) => ({
      logStreamName: s.name,
      creationTime: Number(s.created_at),
      firstEventTimestamp: Number(s.first_event),
      lastEventTimestamp: Number(s.last_event),
      lastIngestionTime: Number(s.last_ingestion),
      arn: arnOf(s.name),
      storedBytes: 0,
    })),
    nextToken: rows.length > limit ? encodeToken(offset + limit) : undefined,
  };
};
