/**
 * DescribeInstances (instances.md §4): ids (malformed → InvalidInstanceID.Malformed, any unknown one fails the call
 * with InvalidInstanceID.NotFound naming every missing id), every filter (instance-filters.ts), MaxResults 5-1000 with
 * NextToken (not together with ids), instances in launch order grouped into their reservations. Terminated
 * instances are listed for an hour. A page costs a constant number of queries.
 */
import { idsWithMaxResults } from '../../errors/protocol.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { compileFilters } from '../common/filters.js';
import { instanceFilters } from './instance-filters.js';
import { requireInstances, visibleSql, type InstanceRow } from './instance-records.js';
import { visibilityCutoff } from './instance-states.js';
import { toInstances, toReservations } from './instance-view.js';

export const describeInstances: Handler<'DescribeInstances'> = async (ctx, input) => {
  const ids = [...new Set(input.InstanceIds ?? [])];
  if (ids.length > 0 && input.MaxResults !== undefined) throw idsWithMaxResults('instancesSet');
  const limit = pageSize('DescribeInstances', input.MaxResults);
  const conditions = compileFilters(ctx.tx, instanceFilters(ctx, input.Filters), input.Filters, 'inst.id');
  if (ids.length > 0) await requireInstances(ctx, ids);
  const page = await describeRows<InstanceRow>(ctx, {
    from: 'instances inst',
    alias: 'inst',
    ids,
    conditions: [{ sql: visibleSql('inst'), params: [visibilityCutoff(ctx.now)] }, ...conditions],
    limit,
    nextToken: input.NextToken,
  });
  const instances = await toInstances(ctx, page.rows);
  return { Reservations: toReservations(page.rows, instances), NextToken: page.nextToken };
};
