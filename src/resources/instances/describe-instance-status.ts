/**
 * DescribeInstanceStatus: the status checks of the caller's instances. vpclite's instances pass their checks as
 * soon as they run (`ok`, reachability `passed`); stopped and terminated ones are listed only with
 * IncludeAllInstances, with `not-applicable` checks. Ids as DescribeInstances takes them (not with MaxResults);
 * filters on zone, state, and the check results.
 */
import { idsWithMaxResults } from '../../errors/protocol.js';
import type { InstanceStatus, InstanceStatusSummary } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { compileCatalogFilters, type CatalogFilterTable } from '../common/catalog-filters.js';
import { describeRows, pageSize } from '../common/describe.js';
import { requireInstances, visibleSql, type InstanceRow } from './instance-records.js';
import { stateOf, visibilityCutoff } from './instance-states.js';

const summary = (running: boolean, check: 'reachability'): InstanceStatusSummary =>
  running ? { Status: 'ok', Details: [{ Name: check, Status: 'passed' }] } : { Status: 'not-applicable' };

function toStatus(row: InstanceRow): InstanceStatus {
  const running = row.state === 'running';
  return {
    InstanceId: row.id,
    AvailabilityZone: row.availability_zone,
    AvailabilityZoneId: row.availability_zone_id,
    InstanceState: stateOf(row.state),
    InstanceStatus: summary(running, 'reachability'),
    SystemStatus: summary(running, 'reachability'),
    AttachedEbsStatus: running ? { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] } : { Status: 'not-applicable' },
    Events: [],
    Operator: { Managed: false },
  };
}

const FILTERS: CatalogFilterTable<InstanceStatus> = {
  'availability-zone': (s) => s.AvailabilityZone,
  'availability-zone-id': (s) => s.AvailabilityZoneId,
  'instance-state-name': (s) => s.InstanceState?.Name,
  'instance-state-code': (s) => s.InstanceState?.Code,
  'instance-status.status': (s) => s.InstanceStatus?.Status,
  'instance-status.reachability': (s) => s.InstanceStatus?.Details?.map((d) => d.Status),
  'system-status.status': (s) => s.SystemStatus?.Status,
  'system-status.reachability': (s) => s.SystemStatus?.Details?.map((d) => d.Status),
  'attached-ebs-status.status': (s) => s.AttachedEbsStatus?.Status,
  'attached-ebs-status.reachability': (s) => s.AttachedEbsStatus?.Details?.map((d) => d.Status),
  'event.code': () => [],
  'event.description': () => [],
  'event.instance-event-id': () => [],
  'event.not-after': () => [],
  'event.not-before': () => [],
  'event.not-before-deadline': () => [],
  'operator.managed': (s) => s.Operator?.Managed,
  'operator.principal': () => [],
};

export const describeInstanceStatus: Handler<'DescribeInstanceStatus'> = async (ctx, input) => {
  const ids = [...new Set(input.InstanceIds ?? [])];
  if (ids.length > 0 && input.MaxResults !== undefined) throw idsWithMaxResults('instancesSet');
  const limit = pageSize('DescribeInstanceStatus', input.MaxResults);
  const matches = compileCatalogFilters(FILTERS, input.Filters);
  if (ids.length > 0) await requireInstances(ctx, ids);
  const conditions = [{ sql: visibleSql('inst'), params: [visibilityCutoff(ctx.now)] as (string | number)[] }];
  if (input.IncludeAllInstances !== true) conditions.push({ sql: `inst.state = 'running'`, params: [] });
  const page = await describeRows<InstanceRow>(ctx, {
    from: 'instances inst',
    alias: 'inst',
    ids,
    conditions,
    limit,
    nextToken: input.NextToken,
  });
  return { InstanceStatuses: page.rows.map(toStatus).filter(matches), NextToken: page.nextToken };
};
