/**
 * Route targets (routing-and-traffic.md §1.1): exactly one per route, each kind looked up by its own function in
 * TARGET_LOOKUPS. A lookup checks that the target exists for the caller and fits the route table's VPC, and says
 * which columns the route stores.
 *
 * vpclite models internet gateways, ENIs and instances here. The other kinds (NAT and transit gateways, peering,
 * endpoints…) are not modelled, so every id of theirs is unknown.
 */
import type { AwsError } from '../../errors/aws-error.js';
import {
  carrierGatewayNotFound,
  egressOnlyInternetGatewayNotFound,
  gatewayInOtherNetwork,
  gatewayNotFound,
  invalidTargetArn,
  localGatewayNotFound,
  missingRouteTarget,
  natGatewayNotFound,
  targetInOtherNetwork,
  severalRouteTargets,
  transitGatewayNotFound,
  vpcEndpointNotFound,
  vpcPeeringConnectionNotFound,
} from '../../errors/route-tables.js';
import type { RequestContext } from '../context.js';
import { instanceNotUsable, instancesNotFound, multipleInterfaces } from '../../errors/instances.js';
import { eniNotFound } from '../../errors/network-interfaces.js';
import { attachedEnis } from '../instances/instance-interfaces.js';
import { findInstanceRows } from '../instances/instance-records.js';
import { findInternetGateway } from '../internet-gateways/internet-gateway-records.js';
import { findEni } from '../network-interfaces/eni-records.js';
import { LOCAL_TARGET } from './local-routes.js';
import type { RouteTableRow } from './route-table-records.js';

/** The input members that name a route target, in the order EC2 documents them. */
export const TARGET_MEMBERS = [
  'GatewayId', 'NatGatewayId', 'NetworkInterfaceId', 'InstanceId', 'VpcPeeringConnectionId', 'TransitGatewayId',
  'EgressOnlyInternetGatewayId', 'LocalGatewayId', 'CarrierGatewayId', 'VpcEndpointId', 'CoreNetworkArn',
  'OdbNetworkArn',
] as const;
export type TargetMember = (typeof TARGET_MEMBERS)[number];
export type TargetInput = { [M in TargetMember]?: string } & { LocalTarget?: boolean };

/** What a route stores for its target. */
export interface ResolvedTarget {
  gatewayId?: string;
  networkInterfaceId?: string;
  instanceId?: string;
  /** Only interfaces and instances may take a destination equal to or inside a VPC block (§1). */
  mayRouteInsideVpc: boolean;
}

export type TargetLookup = (ctx: RequestContext, table: RouteTableRow, id: string) => Promise<ResolvedTarget>;

/** GatewayId: an internet gateway attached to the table's VPC. vpclite has no virtual private or endpoint gateways. */
const gatewayLookup: TargetLookup = async (ctx, table, id) => {
  const gateway = id.startsWith('igw-') ? await findInternetGateway(ctx, id) : undefined;
  if (!gateway) throw gatewayNotFound([id]);
  if (gateway.vpc_id !== table.vpc_id) throw gatewayInOtherNetwork(table.id, id);
  return { gatewayId: id, mayRouteInsideVpc: false };
};

/** NetworkInterfaceId: an ENI of the table's VPC (a NAT instance's, say); the route follows it wherever it is attached. */
const networkInterfaceLookup: TargetLookup = async (ctx, table, id) => {
  const eni = await findEni(ctx, id);
  if (!eni) throw eniNotFound([id]);
  if (eni.vpc_id !== table.vpc_id) throw targetInOtherNetwork(table.id, 'network interface', id);
  return { networkInterfaceId: id, instanceId: eni.instance_id || undefined, mayRouteInsideVpc: true };
};

/**
 * InstanceId: an instance of the table's VPC with exactly one ENI (a NAT instance); with more, AWS asks for the
 * ENI id. The route stores the instance and its primary ENI, and shows both (§1). A terminated instance, which has
 * no ENI left, is refused as AssociateAddress refuses it (code U).
 */
const instanceLookup: TargetLookup = async (ctx, table, id) => {
  const [instance] = await findInstanceRows(ctx, [id]);
  if (!instance) throw instancesNotFound([id]);
  if (instance.vpc_id !== table.vpc_id) throw targetInOtherNetwork(table.id, 'instance', id);
  const enis = await attachedEnis(ctx, instance.id);
  if (enis.length > 1) throw multipleInterfaces(instance.id);
  if (enis.length === 0) throw instanceNotUsable(instance.id);
  return { instanceId: instance.id, networkInterfaceId: enis[0]!.id, mayRouteInsideVpc: true };
};

/** A kind of target none of which exists for the caller. */
const unknown =
  (notFound: (ids: string[]) => AwsError): TargetLookup =>
  async (_ctx, _table, id) => {
    throw notFound([id]);
  };

const invalidArn =
  (parameter: string): TargetLookup =>
  async (_ctx, _table, arn) => {
    throw invalidTargetArn(arn, parameter);
  };

export const TARGET_LOOKUPS: Record<TargetMember, TargetLookup> = {
  GatewayId: gatewayLookup,
  NetworkInterfaceId: networkInterfaceLookup,
  InstanceId: instanceLookup,
  NatGatewayId: unknown(natGatewayNotFound),
  VpcPeeringConnectionId: unknown(vpcPeeringConnectionNotFound),
  TransitGatewayId: unknown(transitGatewayNotFound),
  EgressOnlyInternetGatewayId: unknown(egressOnlyInternetGatewayNotFound),
  LocalGatewayId: unknown(localGatewayNotFound),
  CarrierGatewayId: unknown(carrierGatewayNotFound),
  VpcEndpointId: unknown(vpcEndpointNotFound),
  CoreNetworkArn: invalidArn('coreNetworkArn'),
  OdbNetworkArn: invalidArn('odbNetworkArn'),
};

/** The one target a request names: `local` (GatewayId=local, or ReplaceRoute's LocalTarget) or a member and its id. */
export type ChosenTarget = { kind: 'local' } | { kind: 'resource'; member: TargetMember; id: string };

const wireName = (member: string) => member[0]!.toLowerCase() + member.slice(1);

export function chooseTarget(input: TargetInput): ChosenTarget {
  const named = TARGET_MEMBERS.filter((member) => input[member] !== undefined);
  const local = input.LocalTarget === true;
  const count = named.length + (local ? 1 : 0);
  if (count === 0) throw missingRouteTarget();
  if (count > 1) throw severalRouteTargets([...named.map(wireName), ...(local ? ['localTarget'] : [])]);
  if (local) return { kind: 'local' };
  const member = named[0]!;
  const id = input[member]!;
  if (member === 'GatewayId' && id === LOCAL_TARGET) return { kind: 'local' };
  return { kind: 'resource', member, id };
}

export async function resolveTarget(
  ctx: RequestContext,
  table: RouteTableRow,
  target: { member: TargetMember; id: string },
): Promise<ResolvedTarget> {
  return TARGET_LOOKUPS[target.member](ctx, table, target.id);
}
