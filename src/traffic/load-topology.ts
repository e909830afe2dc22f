/**
 * Reads from the store the part of an account's region one flow can touch, as a TopologyData snapshot: the ENIs
 * the packet names (by id, private address, IPv6 address or public address), every ENI a route of their subnets'
 * tables sends traffic to (NAT instances and other appliances, followed until no new one appears), and for all of
 * them their subnets, those subnets' route tables and network ACLs, their security groups with rules, and their
 * VPCs with blocks and internet gateway.
 *
 * Every query is by key or index (ids, `ip`, `public_ip`, `address`, `eni_id`, `group_id`, `subnet_id`,
 * `route_table_id`, `network_acl_id`, `vpc_id`) and scoped to the caller's account and region: a flow never reads
 * every resource of the account. Referenced-group rules need to know which groups a peer address belongs to; the
 * peers of a flow are exactly the ENIs loaded here, so no group's member list is read.
 */
import { formatIpv6, parseIpv6 } from '../net/ipv6.js';
import type { SqlValue, Tx } from '../store/store.js';
import type {
  AclEntryData,
  NetworkAclData,
  NetworkInterfaceData,
  RouteData,
  RouteTableData,
  SecurityGroupData,
  SubnetData,
  TopologyData,
  VpcData,
} from './topology.js';

/** Rounds of route-target discovery: an appliance behind an appliance behind… (more is a routing loop). */
const MAX_ROUNDS = 4;

export interface FlowNames {
  source: string;
  destination: string;
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

interface Scope {
  tx: Tx;
  account: string;
  region: string;
}

async function rows<R>(scope: Scope, sql: string, ids: readonly string[], extra: SqlValue[] = []): Promise<R[]> {
  if (ids.length === 0) return [];
  return scope.tx.all<R>(sql.replace('(?*)', `(${marks(ids.length)})`), [...ids, ...extra]);
}

/** ENI ids that a packet name may stand for (any of them may be the one, the evaluator decides). */
async function enisNamed(scope: Scope, name: string): Promise<string[]> {
  const { tx, account, region } = scope;
  if (name.startsWith('eni-')) return [name];
  if (name === 'internet' || name === '') return [];
  if (name.includes(':')) {
    const address = parseIpv6(name);
    if (address === undefined) return [];
    const found = await tx.all<{ eni_id: string }>(
      'SELECT eni_id FROM eni_ipv6 WHERE address = ? AND account = ? AND region = ?',
      [formatIpv6(address), account, region],
    );
    return found.map((r) => r.eni_id);
  }
  const found = await tx.all<{ eni_id: string }>(
    `SELECT eni_id FROM eni_private_ipv4 WHERE ip = ? AND account = ? AND region = ?
     UNION SELECT eni_id FROM eni_private_ipv4 WHERE public_ip = ? AND account = ? AND region = ?`,
    [name, account, region, name, account, region],
  );
  return found.map((r) => r.eni_id);
}

interface EniRow {
  id: string;
  account: string;
  vpc_id: string;
  subnet_id: string;
  availability_zone_id: string;
  interface_type: string;
  source_dest_check: number;
  attachment_status: string;
  instance_id: string;
}

async function loadEnis(scope: Scope, ids: string[]): Promise<NetworkInterfaceData[]> {
  const { account, region } = scope;
  const enis = await rows<EniRow>(
    scope,
    `SELECT id, account, vpc_id, subnet_id, availability_zone_id, interface_type, source_dest_check, attachment_status,
            instance_id FROM network_interfaces WHERE id IN (?*) AND account = ? AND region = ?`,
    ids,
    [account, region],
  );
  const found = enis.map((e) => e.id);
  const [v4, v6, prefixes, groups] = await Promise.all([
    rows<{ eni_id: string; ip: string; is_primary: number; public_ip: string; allocation_id: string }>(
      scope,
      'SELECT eni_id, ip, is_primary, public_ip, allocation_id FROM eni_private_ipv4 WHERE eni_id IN (?*) ORDER BY seq',
      found,
    ),
    rows<{ eni_id: string; address: string }>(scope, 'SELECT eni_id, address FROM eni_ipv6 WHERE eni_id IN (?*) ORDER BY seq', found),
    rows<{ eni_id: string; prefix: string }>(
      scope,
      `SELECT eni_id, prefix FROM eni_prefixes WHERE eni_id IN (?*) AND family = 'ipv6' ORDER BY seq`,
      found,
    ),
    rows<{ eni_id: string; group_id: string }>(
      scope,
      'SELECT eni_id, group_id FROM eni_security_groups WHERE eni_id IN (?*) ORDER BY position',
      found,
    ),
  ]);
  const instanceIds = [...new Set(enis.map((e) => e.instance_id).filter((id) => id !== ''))];
  const instances = await rows<{ id: string; state: string }>(
    scope,
    'SELECT id, state FROM instances WHERE id IN (?*) AND account = ? AND region = ?',
    instanceIds,
    [account, region],
  );
  const stateOf = new Map(instances.map((i) => [i.id, i.state]));
  return enis.map((e) => ({
    id: e.id,
    account: e.account,
    vpcId: e.vpc_id,
    subnetId: e.subnet_id,
    availabilityZoneId: e.availability_zone_id,
    interfaceType: e.interface_type,
    sourceDestCheck: Number(e.source_dest_check) === 1,
    groupIds: groups.filter((g) => g.eni_id === e.id).map((g) => g.group_id),
    privateIpv4: v4
      .filter((a) => a.eni_id === e.id)
      .map((a) => ({
        address: a.ip,
        primary: Number(a.is_primary) === 1,
        publicIp: a.public_ip || undefined,
        allocationId: a.allocation_id || undefined,
      })),
    ipv6Addresses: v6.filter((a) => a.eni_id === e.id).map((a) => a.address),
    ipv6Prefixes: prefixes.filter((p) => p.eni_id === e.id).map((p) => p.prefix),
    attachmentStatus: e.attachment_status,
    instanceId: e.instance_id || undefined,
    instanceState: e.instance_id ? stateOf.get(e.instance_id) : undefined,
  }));
}

async function loadSubnets(scope: Scope, ids: string[]): Promise<SubnetData[]> {
  const { account, region } = scope;
  const subnets = await rows<{ id: string; vpc_id: string; cidr_block: string; availability_zone_id: string }>(
    scope,
    'SELECT id, vpc_id, cidr_block, availability_zone_id FROM subnets WHERE id IN (?*) AND account = ? AND region = ?',
    ids,
    [account, region],
  );
  const found = subnets.map((s) => s.id);
  const vpcIds = [...new Set(subnets.map((s) => s.vpc_id))];
  const [v6, explicit, main, acls] = await Promise.all([
    rows<{ subnet_id: string; cidr: string }>(
      scope,
      `SELECT subnet_id, cidr FROM subnet_ipv6_cidr_blocks WHERE subnet_id IN (?*) AND state = 'associated'`,
      found,
    ),
    rows<{ subnet_id: string; route_table_id: string }>(
      scope,
      'SELECT subnet_id, route_table_id FROM route_table_associations WHERE subnet_id IN (?*) AND account = ? AND region = ?',
      found,
      [account, region],
    ),
    rows<{ vpc_id: string; route_table_id: string }>(
      scope,
      'SELECT vpc_id, route_table_id FROM route_table_associations WHERE vpc_id IN (?*) AND is_main = 1 AND account = ? AND region = ?',
      vpcIds,
      [account, region],
    ),
    rows<{ subnet_id: string; network_acl_id: string }>(
      scope,
      'SELECT subnet_id, network_acl_id FROM network_acl_associations WHERE subnet_id IN (?*) AND account = ? AND region = ?',
      found,
      [account, region],
    ),
  ]);
  return subnets.map((s) => {
    const table = explicit.find((a) => a.subnet_id === s.id)?.route_table_id;
    return {
      id: s.id,
      vpcId: s.vpc_id,
      cidrBlock: s.cidr_block,
      ipv6CidrBlocks: v6.filter((b) => b.subnet_id === s.id).map((b) => b.cidr),
      availabilityZoneId: s.availability_zone_id,
      routeTableId: table ?? main.find((m) => m.vpc_id === s.vpc_id)?.route_table_id ?? '',
      mainRouteTable: table === undefined,
      networkAclId: acls.find((a) => a.subnet_id === s.id)?.network_acl_id ?? '',
    };
  });
}

async function loadRouteTables(scope: Scope, ids: string[]): Promise<RouteTableData[]> {
  const { account, region } = scope;
  const tables = await rows<{ id: string; vpc_id: string }>(
    scope,
    'SELECT id, vpc_id FROM route_tables WHERE id IN (?*) AND account = ? AND region = ?',
    ids,
    [account, region],
  );
  const routes = await rows<{
    route_table_id: string;
    destination: string;
    family: string;
    gateway_id: string;
    instance_id: string;
    network_interface_id: string;
    origin: string;
    state: string;
  }>(
    scope,
    `SELECT route_table_id, destination, family, gateway_id, instance_id, network_interface_id, origin, state
       FROM routes WHERE route_table_id IN (?*) ORDER BY seq`,
    tables.map((t) => t.id),
  );
  return tables.map((t) => ({
    id: t.id,
    vpcId: t.vpc_id,
    routes: routes
      .filter((r) => r.route_table_id === t.id)
      .map(
        (r): RouteData => ({
          destination: r.destination,
          family: r.family === 'ipv6' ? 'ipv6' : 'ipv4',
          gatewayId: r.gateway_id,
          networkInterfaceId: r.network_interface_id,
          instanceId: r.instance_id,
          state: r.state === 'blackhole' ? 'blackhole' : 'active',
          origin: r.origin,
        }),
      ),
  }));
}

async function loadAcls(scope: Scope, ids: string[]): Promise<NetworkAclData[]> {
  const { account, region } = scope;
  const acls = await rows<{ id: string; vpc_id: string }>(
    scope,
    'SELECT id, vpc_id FROM network_acls WHERE id IN (?*) AND account = ? AND region = ?',
    ids,
    [account, region],
  );
  const entries = await rows<{
    network_acl_id: string;
    rule_number: number;
    egress: number;
    protocol: string;
    rule_action: string;
    cidr_block: string;
    ipv6_cidr_block: string;
    icmp_type: number | null;
    icmp_code: number | null;
    port_from: number | null;
    port_to: number | null;
  }>(
    scope,
    `SELECT network_acl_id, rule_number, egress, protocol, rule_action, cidr_block, ipv6_cidr_block, icmp_type,
            icmp_code, port_from, port_to FROM network_acl_entries WHERE network_acl_id IN (?*)`,
    acls.map((a) => a.id),
  );
  const num = (v: number | null): number | undefined => (v === null || v === undefined ? undefined : Number(v));
  return acls.map((a) => ({
    id: a.id,
    vpcId: a.vpc_id,
    entries: entries
      .filter((e) => e.network_acl_id === a.id)
      .map(
        (e): AclEntryData => ({
          ruleNumber: Number(e.rule_number),
          egress: Number(e.egress) === 1,
          protocol: e.protocol,
          ruleAction: e.rule_action === 'allow' ? 'allow' : 'deny',
          cidrBlock: e.cidr_block || undefined,
          ipv6CidrBlock: e.ipv6_cidr_block || undefined,
          icmpType: num(e.icmp_type),
          icmpCode: num(e.icmp_code),
          portFrom: num(e.port_from),
          portTo: num(e.port_to),
        }),
      ),
  }));
}

async function loadGroups(scope: Scope, ids: string[]): Promise<SecurityGroupData[]> {
  const { account, region } = scope;
  const groups = await rows<{ id: string; vpc_id: string }>(
    scope,
    'SELECT id, vpc_id FROM security_groups WHERE id IN (?*) AND account = ? AND region = ?',
    ids,
    [account, region],
  );
  const rules = await rows<{
    id: string;
    group_id: string;
    is_egress: number;
    ip_protocol: string;
    from_port: number;
    to_port: number;
    cidr_ipv4: string;
    cidr_ipv6: string;
    prefix_list_id: string;
    referenced_group_id: string;
  }>(
    scope,
    `SELECT id, group_id, is_egress, ip_protocol, from_port, to_port, cidr_ipv4, cidr_ipv6, prefix_list_id,
            referenced_group_id FROM security_group_rules WHERE group_id IN (?*) ORDER BY seq`,
    groups.map((g) => g.id),
  );
  return groups.map((g) => ({
    id: g.id,
    vpcId: g.vpc_id,
    rules: rules
      .filter((r) => r.group_id === g.id)
      .map((r) => ({
        id: r.id,
        groupId: r.group_id,
        egress: Number(r.is_egress) === 1,
        protocol: r.ip_protocol,
        fromPort: Number(r.from_port),
        toPort: Number(r.to_port),
        cidrIpv4: r.cidr_ipv4 || undefined,
        cidrIpv6: r.cidr_ipv6 || undefined,
        prefixListId: r.prefix_list_id || undefined,
        referencedGroupId: r.referenced_group_id || undefined,
      })),
  }));
}

async function loadVpcs(scope: Scope, ids: string[]): Promise<VpcData[]> {
  const { account, region } = scope;
  const [blocks, gateways] = await Promise.all([
    rows<{ vpc_id: string; cidr: string; family: string; is_primary: number }>(
      scope,
      `SELECT vpc_id, cidr, family, is_primary FROM vpc_cidr_blocks
        WHERE vpc_id IN (?*) AND state = 'associated' AND account = ? AND region = ? ORDER BY seq`,
      ids,
      [account, region],
    ),
    rows<{ id: string; vpc_id: string }>(
      scope,
      'SELECT id, vpc_id FROM internet_gateways WHERE vpc_id IN (?*) AND account = ? AND region = ?',
      ids,
      [account, region],
    ),
  ]);
  return ids.map((id) => {
    const own = blocks.filter((b) => b.vpc_id === id);
    const ipv4 = own.filter((b) => b.family !== 'ipv6').sort((a, b) => Number(b.is_primary) - Number(a.is_primary));
    return {
      id,
      ipv4Cidrs: ipv4.map((b) => b.cidr),
      ipv6Cidrs: own.filter((b) => b.family === 'ipv6').map((b) => b.cidr),
      internetGatewayId: gateways.find((g) => g.vpc_id === id)?.id,
    };
  });
}

/** The snapshot for a flow between `names.source` and `names.destination` (ENI ids, addresses or `internet`). */
export async function loadTopology(tx: Tx, account: string, region: string, names: FlowNames): Promise<TopologyData> {
  const scope: Scope = { tx, account, region };
  const [fromSource, fromDestination] = await Promise.all([enisNamed(scope, names.source), enisNamed(scope, names.destination)]);
  const networkInterfaces: NetworkInterfaceData[] = [];
  const subnets: SubnetData[] = [];
  const routeTables: RouteTableData[] = [];
  const seenEnis = new Set<string>();
  const seenSubnets = new Set<string>();
  const seenTables = new Set<string>();
  let pending = [...new Set([...fromSource, ...fromDestination])];
  for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
    pending.forEach((id) => seenEnis.add(id));
    const enis = await loadEnis(scope, pending);
    networkInterfaces.push(...enis);
    const newSubnets = [...new Set(enis.map((e) => e.subnetId))].filter((id) => !seenSubnets.has(id));
    newSubnets.forEach((id) => seenSubnets.add(id));
    const loadedSubnets = await loadSubnets(scope, newSubnets);
    subnets.push(...loadedSubnets);
    const newTables = [...new Set(loadedSubnets.map((s) => s.routeTableId))].filter((id) => id !== '' && !seenTables.has(id));
    newTables.forEach((id) => seenTables.add(id));
    const tables = await loadRouteTables(scope, newTables);
    routeTables.push(...tables);
    // Appliances the routes send traffic to are part of the flow too.
    pending = [
      ...new Set(tables.flatMap((t) => t.routes.map((r) => r.networkInterfaceId)).filter((id) => id !== '' && !seenEnis.has(id))),
    ];
  }
  const aclIds = [...new Set(subnets.map((s) => s.networkAclId).filter((id) => id !== ''))];
  const groupIds = [...new Set(networkInterfaces.flatMap((e) => e.groupIds))];
  const vpcIds = [...new Set(networkInterfaces.map((e) => e.vpcId))];
  const [networkAcls, securityGroups, vpcs] = await Promise.all([
    loadAcls(scope, aclIds),
    loadGroups(scope, groupIds),
    loadVpcs(scope, vpcIds),
  ]);
  return { account, region, vpcs, subnets, routeTables, networkAcls, securityGroups, networkInterfaces };
}
