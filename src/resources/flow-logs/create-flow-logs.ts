/**
 * CreateFlowLogs (routing-and-traffic.md §4.1): request-level checks first (flow-log-request.ts), then each
 * resource on its own: an unknown resource or a flow log that already exists with the same configuration and
 * destination goes into `unsuccessful`, the others get a flow log each.
 */
import { flowLogAlreadyExists, unsuccessful } from '../../errors/flow-logs.js';
import { eniNotFound } from '../../errors/network-interfaces.js';
import { subnetNotFound } from '../../errors/subnets.js';
import { vpcNotFound } from '../../errors/vpcs.js';
import type { AwsError } from '../../errors/aws-error.js';
import type { UnsuccessfulItem } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { validateCreateFlowLogs, type FlowLogSettings } from './flow-log-request.js';

/** The table holding each watched resource type, and the NotFound its unknown ids get. */
const RESOURCES: Record<string, { table: string; notFound: (ids: string[]) => AwsError }> = {
  VPC: { table: 'vpcs', notFound: vpcNotFound },
  Subnet: { table: 'subnets', notFound: subnetNotFound },
  NetworkInterface: { table: 'network_interfaces', notFound: eniNotFound },
};

/** Gateway types vpclite has no resources of: every id is unknown, with the code AWS gives that type. */
const GATEWAY_NOT_FOUND: Record<string, [string, string]> = {
  TransitGateway: ['InvalidTransitGatewayID.NotFound', 'Transit Gateway'],
  TransitGatewayAttachment: ['InvalidTransitGatewayAttachmentID.NotFound', 'Transit Gateway Attachment'],
  RegionalNatGateway: ['NatGatewayNotFound', 'NAT gateway'],
};

async function existingResources(ctx: RequestContext, resourceType: string, ids: string[]): Promise<Set<string>> {
  const resource = RESOURCES[resourceType];
  if (!resource) return new Set();
  const rows = await ctx.tx.all<{ id: string }>(
    `SELECT id FROM ${resource.table} WHERE account = ? AND region = ? AND id IN (${placeholders(ids)})`,
    [ctx.account, ctx.region.name, ...ids],
  );
  return new Set(rows.map((r) => r.id));
}

function notFoundItem(resourceType: string, id: string): UnsuccessfulItem {
  const resource = RESOURCES[resourceType];
  if (resource) {
    const error = resource.notFound([id]);
    return unsuccessful(id, error.code, error.message);
  }
  const [code, noun] = GATEWAY_NOT_FOUND[resourceType]!;
  return unsuccessful(id, code, `The ${noun} '${id}' does not exist.`);
}

async function duplicateExists(ctx: RequestContext, resourceId: string, s: FlowLogSettings): Promise<boolean> {
  const row = await ctx.tx.get(
    `SELECT 1 AS found FROM flow_logs WHERE account = ? AND region = ? AND resource_id = ? AND traffic_type = ?
       AND log_destination_type = ? AND log_destination = ?`,
    [ctx.account, ctx.region.name, resourceId, s.trafficType, s.logDestinationType, s.logDestination],
  );
  return row !== undefined;
}

async function insertFlowLog(ctx: RequestContext, id: string, resourceId: string, s: FlowLogSettings): Promise<void> {
  await ctx.tx.run(
    `INSERT INTO flow_logs (id, account, region, resource_id, resource_type, traffic_type, log_destination_type,
       log_destination, log_group_name, deliver_logs_permission_arn, deliver_cross_account_role, log_format,
       max_aggregation_interval, file_format, hive_compatible_partitions, per_hour_partition, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id, ctx.account, ctx.region.name, resourceId, s.resourceType, s.trafficType, s.logDestinationType,
      s.logDestination, s.logGroupName, s.deliverLogsPermissionArn, s.deliverCrossAccountRole, s.logFormat,
      s.maxAggregationInterval, s.fileFormat, s.hiveCompatiblePartitions ? 1 : 0, s.perHourPartition ? 1 : 0,
      ctx.now.toISOString(),
    ],
  );
}

export const createFlowLogs: Handler<'CreateFlowLogs'> = async (ctx, input) => {
  const settings = validateCreateFlowLogs(input, { region: ctx.region.name, account: ctx.account });
  const ids = [...new Set(input.ResourceIds)];
  const existing = ids.length > 0 ? await existingResources(ctx, settings.resourceType, ids) : new Set<string>();
  const flowLogIds: string[] = [];
  const failures: UnsuccessfulItem[] = [];
  for (const resourceId of ids) {
    if (!existing.has(resourceId)) {
      failures.push(notFoundItem(settings.resourceType, resourceId));
      continue;
    }
    if (await duplicateExists(ctx, resourceId, settings)) {
      failures.push(flowLogAlreadyExists(resourceId));
      continue;
    }
    const id = newId('fl');
    await insertFlowLog(ctx, id, resourceId, settings);
    await applyTagSpecifications(ctx, input.TagSpecifications, 'vpc-flow-log', id);
    flowLogIds.push(id);
  }
  return { ClientToken: input.ClientToken, FlowLogIds: flowLogIds, Unsuccessful: failures };
};
