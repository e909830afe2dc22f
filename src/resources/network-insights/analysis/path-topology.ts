/**
 * Reads the slice of the caller's network one path analysis needs, as the traffic evaluator's snapshot
 * (src/traffic/topology.ts), with indexed lookups only: the ends, the subnets they sit in with their ACLs and
 * route tables, any ENI a route of those tables sends traffic to (a NAT instance) and its subnet in turn - a few
 * rounds at most - then the security groups of every ENI read and the VPCs with their internet gateways. Never the
 * whole account: an analysis costs the same in a VPC of ten ENIs and in one of ten thousand.
 */
import type {
  AclEntryData,
  NetworkAclData,
  NetworkInterfaceData,
  PrivateIpv4Data,
  RouteData,
  RouteTableData,
  SecurityGroupData,
  SecurityGroupRuleData,
  SubnetData,
  TopologyData,
  VpcData,
} from '../../../traffic/index.js';
import type { RequestContext } from '../../context.js';
import { placeholders } from '../../common/describe.js';

/** Rounds of "read the ENIs routes point at": enough for any chain of appliances a real network has. */
const APPLIANCE_ROUNDS = 3;

export interface PathSlice {
  data: TopologyData;
  /** Instance → its ENIs, primary (device index 0) first. */
  instanceEnis: Map<string, string[]>;
  /** Every internet gateway the path names, attached or not (`vpcId` '' when detached). */
  internetGateways: Map<string, string>;
  /** Private or public IPv4 the path names → the ENI holding it. */
  addressHolders: Map<string, string>;
}

export interface SliceRequest {
  /** The ends the path names: `i-…`, `eni-…`, `igw-…`. */
  resourceIds: string[];
  /** Addresses the path names (SourceIp, DestinationIp, filter addresses). */
  addresses: string[];
}

export async function loadPathSlice(ctx: RequestContext, request: SliceRequest): Promise<PathSlice> {
  const scope = [ctx.account, ctx.region.name];
  const slice: PathSlice = {
    data: { account: ctx.account, region: ctx.region.name, vpcs: [], subnets: [], routeTables: [], networkAcls: [], securityGroups: [], networkInterfaces: [] },
    instanceEnis: new Map(),
    internetGateways: new Map(),
    addressHolders: new Map(),
  };
  const enis = new Map<string, NetworkInterfaceData>();
  const subnets = new Map<string, SubnetData>();
  const tables = new Map<string, RouteTableData>();
  const acls = new Map<string, NetworkAclData>();

  const eniIds = new Set(request.resourceIds.filter((id) => id.startsWith('eni-')));
  if (request.addresses.length > 0) {
    const list = placeholders(request.addresses);
    const rows = await ctx.tx.all<{ eni_id: string; ip: string; public_ip: string }>(
      `SELECT eni_id, ip, public_ip FROM eni_private_ipv4 WHERE account = ? AND region = ? AND (ip IN (${list}) OR public_ip IN (${list}))`,
      [...scope, ...request.addresses, ...request.addresses],
    );
    for (const row of rows) {
      eniIds.add(row.eni_id);
      slice.addressHolders.set(request.addresses.includes(row.ip) ? row.ip : row.public_ip, row.eni_id);
    }
  }
  const instanceIds = request.resourceIds.filter((id) => id.startsWith('i-'));
  if (instanceIds.length > 0) {
    const rows = await ctx.tx.all<{ id: string; instance_id: string }>(
      `SELECT id, instance_id FROM network_interfaces WHERE account = ? AND region = ? AND instance_id IN (${placeholders(instanceIds)})
       ORDER BY device_index`,
      [...scope, ...instanceIds],
    );
    for (const row of rows) {
      eniIds.add(row.id);
      slice.instanceEnis.set(row.instance_id, [...(slice.instanceEnis.get(row.instance_id) ?? []), row.id]);
    }
  }
  const gatewayIds = request.resourceIds.filter((id) => id.startsWith('igw-'));
  if (gatewayIds.length > 0) {
    const rows = await ctx.tx.all<{ id: string; vpc_id: string }>(
      `SELECT id, vpc_id FROM internet_gateways WHERE account = ? AND region = ? AND id IN (${placeholders(gatewayIds)})`,
      [...scope, ...gatewayIds],
    );
    for (const row of rows) slice.internetGateways.set(row.id, row.vpc_id);
  }

  let pending = [...eniIds];
  for (let round = 0; round <= APPLIANCE_ROUNDS && pending.length > 0; round++) {
    for (const eni of await readEnis(ctx, pending)) enis.set(eni.id, eni);
    const subnetIds = [...new Set(pending.map((id) => enis.get(id)?.subnetId ?? ''))].filter((id) => id && !subnets.has(id));
    const targets = await readSubnets(ctx, subnetIds, subnets, tables, acls);
    pending = targets.filter((id) => !enis.has(id));
  }
  slice.data = {
    ...slice.data,
    networkInterfaces: [...enis.values()],
    subnets: [...subnets.values()],
    routeTables: [...tables.values()],
    networkAcls: [...acls.values()],
    securityGroups: await readGroups(ctx, [...new Set([...enis.values()].flatMap((e) => e.groupIds))]),
    vpcs: await readVpcs(ctx, [...new Set([...subnets.values()].map((s) => s.vpcId).concat([...slice.internetGateways.values()]))].filter((id) => id)),
  };
  return slice;
}

async function readEnis(ctx: RequestContext, ids: string[]): Promise<NetworkInterfaceData[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids);
  const [rows, addresses, groups] = await Promise.all([
    ctx.tx.all<{
      id: string; subnet_id: string; vpc_id: string; availability_zone_id: string; interface_type: string;
      source_dest_check: number; attachment_status: string; instance_id: string; instance_state: string | null;
    }>(
      `SELECT n.id, n.subnet_id, n.vpc_id, n.availability_zone_id, n.interface_type, n.source_dest_check,
              n.attachment_status, n.instance_id, i.state AS instance_state
       FROM network_interfaces n LEFT JOIN instances i ON i.id = n.instance_id
       WHERE n.account = ? AND n.region = ? AND n.id IN (${list})`,
      [ctx.account, ctx.region.name, ...ids],
    ),
    ctx.tx.all<{ eni_id: string; ip: string; is_primary: number; public_ip: string; allocation_id: string }>(
      `SELECT eni_id, ip, is_primary, public_ip, allocation_id FROM eni_private_ipv4 WHERE eni_id IN (${list}) ORDER BY is_primary DESC, seq`,
      ids,
    ),
    ctx.tx.all<{ eni_id: string; group_id: string }>(
      `SELECT eni_id, group_id FROM eni_security_groups WHERE eni_id IN (${list}) ORDER BY position`,
      ids,
    ),
  ]);
  const addressesOf = new Map<string, PrivateIpv4Data[]>();
  for (const a of addresses) {
    addressesOf.set(a.eni_id, [
      ...(addressesOf.get(a.eni_id) ?? []),
      { address: a.ip, primary: Number(a.is_primary) === 1, publicIp: a.public_ip || undefined, allocationId: a.allocation_id || undefined },
    ]);
  }
  const groupsOf = new Map<string, string[]>();
  for (const g of groups) groupsOf.set(g.eni_id, [...(groupsOf.get(g.eni_id) ?? []), g.group_id]);
  return rows.map((row) => ({
    id: row.id, account: ctx.account, vpcId: row.vpc_id, subnetId: row.subnet_id, availabilityZoneId: row.availability_zone_id,
    interfaceType: row.interface_type, sourceDestCheck: Number(row.source_dest_check) === 1, groupIds: groupsOf.get(row.id) ?? [],
    privateIpv4: addressesOf.get(row.id) ?? [], ipv6Addresses: [], ipv6Prefixes: [], attachmentStatus: row.attachment_status,
    instanceId: row.instance_id || undefined, instanceState: row.instance_state ?? undefined,
  }));
}

/** Reads subnets with their ACL and route table into the maps; answers the ENIs their routes point at. */
async function readSubnets(
  ctx: RequestContext,
  ids: string[],
  subnets: Map<string, SubnetData>,
  tables: Map<string, RouteTableData>,
  acls: Map<string, NetworkAclData>,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids);
  const [rows, aclLinks, explicit] = await Promise.all([
    ctx.tx.all<{ id: string; vpc_id: string; cidr_block: string; availability_zone_id: string }>(
      `SELECT id, vpc_id, cidr_block, availability_zone_id FROM subnets WHERE account = ? AND region = ? AND id IN (${list})`,
      [ctx.account, ctx.region.name, ...ids],
    ),
    ctx.tx.all<{ subnet_id: string; network_acl_id: string }>(
      `SELECT subnet_id, network_acl_id FROM network_acl_associations WHERE subnet_id IN (${list})`, ids,
    ),
    ctx.tx.all<{ subnet_id: string; route_table_id: string }>(
      `SELECT subnet_id, route_table_id FROM route_table_associations WHERE subnet_id IN (${list})`, ids,
    ),
  ]);
  const vpcIds = [...new Set(rows.map((s) => s.vpc_id))];
  const mains = vpcIds.length === 0 ? [] : await ctx.tx.all<{ vpc_id: string; route_table_id: string }>(
    `SELECT vpc_id, route_table_id FROM route_table_associations WHERE vpc_id IN (${placeholders(vpcIds)}) AND is_main = 1`, vpcIds,
  );
  const aclOf = new Map(aclLinks.map((a) => [a.subnet_id, a.network_acl_id]));
  const tableOf = new Map(explicit.map((a) => [a.subnet_id, a.route_table_id]));
  const mainOf = new Map(mains.map((m) => [m.vpc_id, m.route_table_id]));
  for (const row of rows) {
    subnets.set(row.id, {
      id: row.id, vpcId: row.vpc_id, cidrBlock: row.cidr_block, ipv6CidrBlocks: [], availabilityZoneId: row.availability_zone_id,
      routeTableId: tableOf.get(row.id) ?? mainOf.get(row.vpc_id) ?? '', mainRouteTable: !tableOf.has(row.id),
      networkAclId: aclOf.get(row.id) ?? '',
    });
  }
  for (const acl of await readAcls(ctx, [...new Set(aclLinks.map((a) => a.network_acl_id))].filter((id) => !acls.has(id)))) acls.set(acl.id, acl);
  const fresh = [...new Set(rows.map((r) => subnets.get(r.id)!.routeTableId))].filter((id) => id && !tables.has(id));
  const read = await readRouteTables(ctx, fresh);
  for (const table of read) tables.set(table.id, table);
  return read.flatMap((t) => t.routes.map((r) => r.networkInterfaceId)).filter((id) => id);
}

async function readAcls(ctx: RequestContext, ids: string[]): Promise<NetworkAclData[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids);
  const [rows, entries] = await Promise.all([
    ctx.tx.all<{ id: string; vpc_id: string }>(`SELECT id, vpc_id FROM network_acls WHERE id IN (${list})`, ids),
    ctx.tx.all<{
      network_acl_id: string; rule_number: number; egress: number; protocol: string; rule_action: string; cidr_block: string;
      ipv6_cidr_block: string; icmp_type: number | null; icmp_code: number | null; port_from: number | null; port_to: number | null;
    }>(
      // No ORDER BY: it would make SQLite walk the table in rule order instead of the (acl, egress, rule) index;
      // the evaluator orders entries by rule number itself.
      `SELECT * FROM network_acl_entries WHERE network_acl_id IN (${list})`,
      ids,
    ),
  ]);
  const entriesOf = new Map<string, AclEntryData[]>();
  for (const e of entries) {
    const entry: AclEntryData = {
      ruleNumber: Number(e.rule_number), egress: Number(e.egress) === 1, protocol: e.protocol, ruleAction: e.rule_action as 'allow' | 'deny',
      cidrBlock: e.cidr_block || undefined, ipv6CidrBlock: e.ipv6_cidr_block || undefined,
      icmpType: e.icmp_type ?? undefined, icmpCode: e.icmp_code ?? undefined,
      portFrom: e.port_from ?? undefined, portTo: e.port_to ?? undefined,
    };
    entriesOf.set(e.network_acl_id, [...(entriesOf.get(e.network_acl_id) ?? []), entry]);
  }
  return rows.map((row) => ({ id: row.id, vpcId: row.vpc_id, entries: entriesOf.get(row.id) ?? [] }));
}

async function readRouteTables(ctx: RequestContext, ids: string[]): Promise<RouteTableData[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids);
  const [rows, routes] = await Promise.all([
    ctx.tx.all<{ id: string; vpc_id: string }>(`SELECT id, vpc_id FROM route_tables WHERE id IN (${list})`, ids),
    ctx.tx.all<{
      route_table_id: string; destination: string; family: 'ipv4' | 'ipv6'; gateway_id: string; instance_id: string;
      network_interface_id: string; origin: string; state: 'active' | 'blackhole';
    }>(
      `SELECT route_table_id, destination, family, gateway_id, instance_id, network_interface_id, origin, state
       FROM routes WHERE route_table_id IN (${list}) ORDER BY seq`,
      ids,
    ),
  ]);
  const routesOf = new Map<string, RouteData[]>();
  for (const r of routes) {
    const route: RouteData = {
      destination: r.destination, family: r.family, gatewayId: r.gateway_id, instanceId: r.instance_id,
      networkInterfaceId: r.network_interface_id, origin: r.origin, state: r.state,
    };
    routesOf.set(r.route_table_id, [...(routesOf.get(r.route_table_id) ?? []), route]);
  }
  return rows.map((row) => ({ id: row.id, vpcId: row.vpc_id, routes: routesOf.get(row.id) ?? [] }));
}

async function readGroups(ctx: RequestContext, ids: string[]): Promise<SecurityGroupData[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids);
  const [groups, rules] = await Promise.all([
    ctx.tx.all<{ id: string; vpc_id: string }>(`SELECT id, vpc_id FROM security_groups WHERE id IN (${list})`, ids),
    ctx.tx.all<{
      seq: number; id: string; group_id: string; is_egress: number; ip_protocol: string; from_port: number; to_port: number;
      cidr_ipv4: string; cidr_ipv6: string; prefix_list_id: string; referenced_group_id: string;
    }>(
      // Ordered here rather than in SQL: ORDER BY seq across an IN list makes SQLite prefer a walk of every rule in
      // creation order to the by-group index. Rule order matters (the evaluator names the first matching rule).
      `SELECT seq, id, group_id, is_egress, ip_protocol, from_port, to_port, cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_group_id
       FROM security_group_rules WHERE group_id IN (${list})`,
      ids,
    ),
  ]);
  rules.sort((a, b) => Number(a.seq) - Number(b.seq));
  const rulesOf = new Map<string, SecurityGroupRuleData[]>();
  for (const r of rules) {
    const rule: SecurityGroupRuleData = {
      id: r.id, groupId: r.group_id, egress: Number(r.is_egress) === 1, protocol: r.ip_protocol, fromPort: Number(r.from_port),
      toPort: Number(r.to_port), cidrIpv4: r.cidr_ipv4 || undefined, cidrIpv6: r.cidr_ipv6 || undefined,
      prefixListId: r.prefix_list_id || undefined, referencedGroupId: r.referenced_group_id || undefined,
    };
    rulesOf.set(r.group_id, [...(rulesOf.get(r.group_id) ?? []), rule]);
  }
  return groups.map((g) => ({ id: g.id, vpcId: g.vpc_id, rules: rulesOf.get(g.id) ?? [] }));
}

async function readVpcs(ctx: RequestContext, ids: string[]): Promise<VpcData[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids);
  const [blocks, gateways] = await Promise.all([
    ctx.tx.all<{ vpc_id: string; cidr: string; family: string }>(
      `SELECT vpc_id, cidr, family FROM vpc_cidr_blocks WHERE vpc_id IN (${list}) ORDER BY is_primary DESC, seq`, ids,
    ),
    ctx.tx.all<{ id: string; vpc_id: string }>(`SELECT id, vpc_id FROM internet_gateways WHERE vpc_id IN (${list})`, ids),
  ]);
  const gatewayOf = new Map(gateways.map((g) => [g.vpc_id, g.id]));
  return ids.map((id) => ({
    id,
    ipv4Cidrs: blocks.filter((b) => b.vpc_id === id && b.family === 'ipv4').map((b) => b.cidr),
    ipv6Cidrs: [],
    internetGatewayId: gatewayOf.get(id),
  }));
}
