/**
 * A route to an instance (CreateRoute / ReplaceRoute with `InstanceId`, routing-and-traffic.md §1.1), as NAT
 * instances are routed to: the instance must be in the route table's VPC and have exactly one ENI, which the route
 * stores beside the instance id (DescribeRouteTables shows both). With several ENIs AWS asks for the ENI id
 * (`InvalidInstanceID`, C); a terminated instance has no ENI left to carry the route.
 */
import { instanceNotUsable, multipleInterfaces } from '../../errors/instances.js';
import { targetInOtherNetwork } from '../../errors/route-tables.js';
import type { TargetLookup } from '../route-tables/route-targets.js';
import { attachedEnis } from './instance-interfaces.js';
import { requireInstance } from './instance-records.js';

export const instanceRouteTarget: TargetLookup = async (ctx, table, id) => {
  const instance = await requireInstance(ctx, id);
  if (instance.vpc_id !== table.vpc_id) throw targetInOtherNetwork(table.id, 'instance', id);
  const enis = await attachedEnis(ctx, id);
  if (enis.length > 1) throw multipleInterfaces(id);
  if (enis.length === 0) throw instanceNotUsable(id);
  return { instanceId: id, networkInterfaceId: enis[0]!.id, mayRouteInsideVpc: true };
};
