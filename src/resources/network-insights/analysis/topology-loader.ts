/**
 * Reads the Topology slice an analysis needs, with indexed lookups only: the ends, then the subnets, ACLs and
 * route tables they use, then any ENI or instance a route sends traffic to (a NAT instance), whose own subnet is
 * read in turn - a few rounds at most, never the whole account.
 */
import { parseIpv4Cidr } from '../../../net/ipv4.js';
import type { RequestContext } from '../../context.js';
import { placeholders } from '../../common/describe.js';
import type { AclEntryInfo, EniInfo, GroupInfo, RouteInfo, SgRuleInfo, Topology } from './topology.js';

/** Rounds of "load the ENIs routes point at": enough for a chain of appliances a real network would use. */
const APPLIANCE_ROUNDS = 3;

export function emptyTopology(account: string, region: string): Topology {
  return {
    account, region, vpcCidrs: new Map(), subnets: new Map(), enis: new Map(), eniByPrivateIp: new Map(),
    groups: new Map(), acls: new Map(), routeTables: new Map(), internetGateways: new Map(),
    internetGatewayByVpc: new Map(), instancePrimaryEni: new Map(),
  };
}

export interface SliceRequest {
  /** ids of the ends and of anything else the path names: `i-…`, `eni-…`, `igw-…`. */
  resourceIds: string[];
  /** Addresses the path names (SourceIp, DestinationIp, filter addresses): their ENIs join the slice. */
  addresses: string[];
}

export async function loadTopology(ctx: RequestContext, request: SliceRequest): Promise<Topology> {
  const topology = emptyTopology(ctx.account, ctx.region.name);
  const scope = [ctx.account, ctx.region.name];
  const eniIds = new Set(request.resourceIds.filter((id) => id.startsWith('eni-')));
  const instanceIds = request.resourceIds.filter((id) => id.startsWith('i-'));
  const igwIds = request.resourceIds.filter((id) => id.startsWith('igw-'));

  if (request.addresses.length > 0) {
    const rows = await ctx.tx.all<{ eni_id: string }>(
      `SELECT eni_id FROM eni_private_ipv4 WHERE account = ? AND region = ? AND (ip IN (${placeholders(request.addresses)})
         OR public_ip IN (${placeholders(request.addresses)}))`,
      [...scope, ...request.addresses, ...request.addresses],
    );
    for (const row of rows) eniIds.add(row.eni_id);
  }
  await addInstances(ctx, topology, instanceIds, eniIds);
  if (igwIds.length > 0) {
    const rows = await ctx.tx.all<{ id: string; vpc_id: string }>(
      `SELECT id, vpc_id FROM internet_gateways WHERE account = ? AND region = ? AND id IN (${placeholders(igwIds)})`,
      [...scope, ...igwIds],
    );
    for (const row of rows) topology.internetGateways.set(row.id, { id: row.id, vpcId: row.vpc_id });
  }

  let pending = [...eniIds];
  for (let round = 0; round <= APPLIANCE_ROUNDS && pending.length > 0; round++) {
    await addEnis(ctx, topology, pending);
    const targets = await addSubnets(ctx, topology, [...new Set(pending.map((id) => topology.enis.get(id)?.subnetId ?? ''))]);
    const targetEnis = new Set(targets.enis);
    await addInstances(ctx, topology, targets.instances.filter((id) => !topology.instancePrimaryEni.has(id)), targetEnis);
    pending = [...targetEnis].filter((id) => !topology.enis.has(id));
  }
  await addGroups(ctx, topology);
  await addVpcs(ctx, topology);
  return topology;
}

async function addInstances(ctx: RequestContext, topology: Topology, instanceIds: string[], into: Set<string>): Promise<void> {
  if (instanceIds.length === 0) return;
  const rows = await ctx.tx.all<{ id: string; instance_id: string; device_index: number }>(
    `SELECT id, instance_id, device_index FROM network_interfaces
     WHERE account = ? AND region = ? AND instance_id IN (${placeholders(instanceIds)}) ORDER BY device_index`,
    [ctx.account, ctx.region.name, ...instanceIds],
  );
  for (const row of rows) {
    into.add(row.id);
    if (!topology.instancePrimaryEni.has(row.instance_id)) topology.instancePrimaryEni.set(row.instance_id, row.id);
  }
}

async function addEnis(ctx: RequestContext, topology: Topology, ids: string[]): Promise<void> {
  const fresh = ids.filter((id) => !topology.enis.has(id));
  if (fresh.length === 0) return;
  const list = placeholders(fresh);
  const [rows, addresses, groups] = await Promise.all([
    ctx.tx.all<{ id: string; subnet_id: string; vpc_id: string; instance_id: string; source_dest_check: number }>(
      `SELECT id, subnet_id, vpc_id, instance_id, source_dest_check FROM network_interfaces
       WHERE account = ? AND region = ? AND id IN (${list})`,
      [ctx.account, ctx.region.name, ...fresh],
    ),
    ctx.tx.all<{ eni_id: string; ip: string; is_primary: number; public_ip: string }>(
      `SELECT eni_id, ip, is_primary, public_ip FROM eni_private_ipv4 WHERE eni_id IN (${list}) ORDER BY seq`,
      fresh,
    ),
    ctx.tx.all<{ eni_id: string; group_id: string }>(
      `SELECT eni_id, group_id FROM eni_security_groups WHERE eni_id IN (${list}) ORDER BY position`,
      fresh,
    ),
  ]);
  for (const row of rows) {
    topology.enis.set(row.id, {
      id: row.id, subnetId: row.subnet_id, vpcId: row.vpc_id, instanceId: row.instance_id,
      sourceDestCheck: Number(row.source_dest_check) === 1, primaryIp: '', privateIps: [], publicIps: new Map(), groupIds: [],
    });
  }
  for (const address of addresses) {
    const eni = topology.enis.get(address.eni_id);
    if (!eni) continue;
    eni.privateIps.push(address.ip);
    if (Number(address.is_primary) === 1) eni.primaryIp = address.ip;
    if (address.public_ip) eni.publicIps.set(address.ip, address.public_ip);
    topology.eniByPrivateIp.set(address.ip, eni.id);
  }
  for (const group of groups) topology.enis.get(group.eni_id)?.groupIds.push(group.group_id);
}

/** Reads subnets with their ACL and route table; answers the ENIs and instances their routes point at. */
async function addSubnets(ctx: RequestContext, topology: Topology, ids: string[]): Promise<{ enis: string[]; instances: string[] }> {
  const fresh = ids.filter((id) => id && !topology.subnets.has(id));
  if (fresh.length === 0) return { enis: [], instances: [] };
  const list = placeholders(fresh);
  const [subnets, acls, explicit] = await Promise.all([
    ctx.tx.all<{ id: string; vpc_id: string }>(
      `SELECT id, vpc_id FROM subnets WHERE account = ? AND region = ? AND id IN (${list})`,
      [ctx.account, ctx.region.name, ...fresh],
    ),
    ctx.tx.all<{ subnet_id: string; network_acl_id: string }>(
      `SELECT subnet_id, network_acl_id FROM network_acl_associations WHERE subnet_id IN (${list})`,
      fresh,
    ),
    ctx.tx.all<{ subnet_id: string; route_table_id: string }>(
      `SELECT subnet_id, route_table_id FROM route_table_associations WHERE subnet_id IN (${list})`,
      fresh,
    ),
  ]);
  const vpcIds = [...new Set(subnets.map((s) => s.vpc_id))];
  const mains = vpcIds.length === 0 ? [] : await ctx.tx.all<{ vpc_id: string; route_table_id: string }>(
    `SELECT vpc_id, route_table_id FROM route_table_associations WHERE vpc_id IN (${placeholders(vpcIds)}) AND is_main = 1`,
    vpcIds,
  );
  const aclOf = new Map(acls.map((a) => [a.subnet_id, a.network_acl_id]));
  const tableOf = new Map(explicit.map((a) => [a.subnet_id, a.route_table_id]));
  const mainOf = new Map(mains.map((m) => [m.vpc_id, m.route_table_id]));
  for (const subnet of subnets) {
    topology.subnets.set(subnet.id, {
      id: subnet.id, vpcId: subnet.vpc_id, aclId: aclOf.get(subnet.id) ?? '',
      routeTableId: tableOf.get(subnet.id) ?? mainOf.get(subnet.vpc_id) ?? '',
    });
  }
  await addAcls(ctx, topology, [...new Set(acls.map((a) => a.network_acl_id))]);
  const tableIds = [...new Set([...topology.subnets.values()].map((s) => s.routeTableId))].filter(
    (id) => id && !topology.routeTables.has(id),
  );
  return addRouteTables(ctx, topology, tableIds);
}

async function addAcls(ctx: RequestContext, topology: Topology, ids: string[]): Promise<void> {
  const fresh = ids.filter((id) => !topology.acls.has(id));
  if (fresh.length === 0) return;
  const rows = await ctx.tx.all<{
    network_acl_id: string; rule_number: number; egress: number; protocol: string; rule_action: string;
    cidr_block: string; port_from: number | null; port_to: number | null;
  }>(
    `SELECT network_acl_id, rule_number, egress, protocol, rule_action, cidr_block, port_from, port_to
     FROM network_acl_entries WHERE network_acl_id IN (${placeholders(fresh)}) AND cidr_block <> '' ORDER BY rule_number`,
    fresh,
  );
  for (const id of fresh) topology.acls.set(id, { id, inbound: [], outbound: [] });
  for (const row of rows) {
    const cidr = parseIpv4Cidr(row.cidr_block);
    if (!cidr) continue;
    const entry: AclEntryInfo = {
      ruleNumber: Number(row.rule_number), protocol: row.protocol, action: row.rule_action as 'allow' | 'deny',
      egress: Number(row.egress) === 1, cidr, cidrText: row.cidr_block,
      fromPort: row.port_from === null ? undefined : Number(row.port_from),
      toPort: row.port_to === null ? undefined : Number(row.port_to),
    };
    const acl = topology.acls.get(row.network_acl_id)!;
    (entry.egress ? acl.outbound : acl.inbound).push(entry);
  }
}

async function addRouteTables(ctx: RequestContext, topology: Topology, ids: string[]): Promise<{ enis: string[]; instances: string[] }> {
  if (ids.length === 0) return { enis: [], instances: [] };
  const rows = await ctx.tx.all<{
    route_table_id: string; destination: string; gateway_id: string; instance_id: string;
    network_interface_id: string; origin: string; state: string;
  }>(
    `SELECT route_table_id, destination, gateway_id, instance_id, network_interface_id, origin, state
     FROM routes WHERE route_table_id IN (${placeholders(ids)}) AND family = 'ipv4' ORDER BY seq`,
    ids,
  );
  for (const id of ids) topology.routeTables.set(id, { id, routes: [] });
  const enis: string[] = [];
  const instances: string[] = [];
  for (const row of rows) {
    const destination = parseIpv4Cidr(row.destination);
    if (!destination) continue;
    const route: RouteInfo = {
      destination, destinationText: row.destination, gatewayId: row.gateway_id, instanceId: row.instance_id,
      networkInterfaceId: row.network_interface_id, origin: row.origin, state: row.state,
    };
    topology.routeTables.get(row.route_table_id)!.routes.push(route);
    if (route.networkInterfaceId) enis.push(route.networkInterfaceId);
    else if (route.instanceId) instances.push(route.instanceId);
  }
  return { enis, instances };
}

async function addGroups(ctx: RequestContext, topology: Topology): Promise<void> {
  const ids = [...new Set([...topology.enis.values()].flatMap((e) => e.groupIds))];
  if (ids.length === 0) return;
  const list = placeholders(ids);
  const [groups, rules] = await Promise.all([
    ctx.tx.all<{ id: string; vpc_id: string }>(`SELECT id, vpc_id FROM security_groups WHERE id IN (${list})`, ids),
    ctx.tx.all<{
      id: string; group_id: string; is_egress: number; ip_protocol: string; from_port: number; to_port: number;
      cidr_ipv4: string; cidr_ipv6: string; prefix_list_id: string; referenced_group_id: string;
    }>(
      `SELECT id, group_id, is_egress, ip_protocol, from_port, to_port, cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_group_id
       FROM security_group_rules WHERE group_id IN (${list}) ORDER BY seq`,
      ids,
    ),
  ]);
  for (const group of groups) topology.groups.set(group.id, { id: group.id, vpcId: group.vpc_id, ingress: [], egress: [] });
  for (const row of rules) {
    const group: GroupInfo | undefined = topology.groups.get(row.group_id);
    if (!group) continue;
    const rule: SgRuleInfo = {
      id: row.id, groupId: row.group_id, protocol: row.ip_protocol, fromPort: Number(row.from_port), toPort: Number(row.to_port),
      cidr: row.cidr_ipv4 ? parseIpv4Cidr(row.cidr_ipv4) : undefined, cidrText: row.cidr_ipv4 || row.cidr_ipv6,
      prefixListId: row.prefix_list_id, referencedGroupId: row.referenced_group_id,
    };
    (Number(row.is_egress) === 1 ? group.egress : group.ingress).push(rule);
  }
}

async function addVpcs(ctx: RequestContext, topology: Topology): Promise<void> {
  const vpcIds = [
    ...new Set([...[...topology.subnets.values()].map((s) => s.vpcId), ...[...topology.internetGateways.values()].map((g) => g.vpcId)]),
  ].filter((id) => id);
  if (vpcIds.length === 0) return;
  const list = placeholders(vpcIds);
  const [blocks, gateways] = await Promise.all([
    ctx.tx.all<{ vpc_id: string; cidr: string }>(
      `SELECT vpc_id, cidr FROM vpc_cidr_blocks WHERE vpc_id IN (${list}) AND family = 'ipv4' ORDER BY seq`,
      vpcIds,
    ),
    ctx.tx.all<{ id: string; vpc_id: string }>(`SELECT id, vpc_id FROM internet_gateways WHERE vpc_id IN (${list})`, vpcIds),
  ]);
  for (const id of vpcIds) topology.vpcCidrs.set(id, []);
  for (const block of blocks) {
    const cidr = parseIpv4Cidr(block.cidr);
    if (cidr) topology.vpcCidrs.get(block.vpc_id)!.push(cidr);
  }
  for (const gateway of gateways) {
    topology.internetGateways.set(gateway.id, { id: gateway.id, vpcId: gateway.vpc_id });
    topology.internetGatewayByVpc.set(gateway.vpc_id, gateway.id);
  }
}

export type { EniInfo };
