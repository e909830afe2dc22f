/** CreateLogGroup, DeleteLogGroup, DescribeLogGroups. */
import { logGroupAlreadyExists, logGroupNotFound, logsInvalidParameter } from '../errors/logs.js';
import { isLogGroupName, logGroupArn } from '../flow-logs/destination.js';
import { createLogGroupIfMissing, deleteLogGroup } from './log-data.js';
import { decodeToken, encodeToken, optionalInteger, optionalString, requiredString, type LogsAction } from './logs-request.js';

function validName(name: string, parameter = 'logGroupName'): string {
  if (!isLogGroupName(name)) {
    throw logsInvalidParameter(
      `1 validation error detected: Value '${name}' at '${parameter}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
    );
  }
  return name;
}

export const createLogGroup: LogsAction = async (ctx, input) => {
  const name = validName(requiredString(input, 'logGroupName'));
  if (!(await createLogGroupIfMissing(ctx.tx, ctx.scope, name, ctx.now.getTime()))) throw logGroupAlreadyExists();
  return {};
};

export const deleteLogGroupAction: LogsAction = async (ctx, input) => {
  const name = requiredString(input, 'logGroupName');
  if (!(await deleteLogGroup(ctx.tx, ctx.scope, name))) throw logGroupNotFound();
  return {};
};

/** Above every character a group name may hold, so [prefix, prefix + '~') is every name starting with prefix. */
const AFTER_NAME_CHARACTERS = '~';

export const describeLogGroups: LogsAction = async (ctx, input) => {
  const prefix = optionalString(input, 'logGroupNamePrefix');
  // A substring pattern could only be answered by reading every group of the account.
  if (optionalString(input, 'logGroupNamePattern') !== undefined) {
    throw logsInvalidParameter('logGroupNamePattern is not supported by vpclite; use logGroupNamePrefix.');
  }
  if (prefix !== undefined) validName(prefix, 'logGroupNamePrefix');
  const limit = optionalInteger(input, 'limit', 1, 50) ?? 50;
  const token = optionalString(input, 'nextToken');
  const where = ['account = ?', 'region = ?'];
  const params: (string | number)[] = [ctx.scope.account, ctx.scope.region];
  if (prefix !== undefined) {
    where.push('name >= ?', 'name < ?');
    params.push(prefix, prefix + AFTER_NAME_CHARACTERS);
  }
  // Names sort as CloudWatch Logs lists them; the token is the position of the next page.
  const offset = token === undefined ? 0 : decodeToken(token, 1)[0]!;
  const rows = await ctx.tx.all<{ name: string; created_at: number; stored: number }>(
    `SELECT g.name, g.created_at,
       (SELECT COALESCE(SUM(s.stored_bytes), 0) FROM log_streams s
        WHERE s.account = g.account AND s.region = g.region AND s.log_group_name = g.name) AS stored
     FROM log_groups g WHERE ${where.map((w) => `g.${w}`).join(' AND ')} ORDER BY g.name LIMIT ? OFFSET ?`,
    [...params, limit + 1, offset],
  );
  const page = rows.slice(0, limit);
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: Number(g.created_at),
      metricFilterCount: 0,
      arn: `${logGroupArn(ctx.scope.region, ctx.scope.account, g.name)}:*`,
      logGroupArn: logGroupArn(ctx.scope.region, ctx.scope.account, g.name),
      storedBytes: Number(g.stored),
      logGroupClass: 'STANDARD',
    })),
    nextToken: rows.length > limit ? encodeToken(offset + limit) : undefined,
  };
};
