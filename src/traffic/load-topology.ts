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
import type { EntryRow } from '../resources/network-acls/network-acl-records.js';
import type { RuleRow } from '../resources/security-groups/rule-records.js';
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
  instance_state: string | null;
}

/** One row per address, prefix or group of the ENIs, in their order: four tables read in one statement. */
interface EniPartRow {
  eni_id: string;
  kind: string;
  value: string;
  is_primary: number;
  public_ip: string;
  allocation_id: string;
}

async function loadEnis(scope: Scope, ids: string[]): Promise<NetworkInterfaceData[]> {
  const { account, region } = scope;
  const enis = await rows<EniRow>(
    scope,
    `SELECT n.id, n.account, n.vpc_id, n.subnet_id, n.availability_zone_id, n.interface_type, n.source_dest_check,
            n.attachment_status, n.instance_id, i.state AS instance_state
       FROM network_interfaces n LEFT JOIN instances i ON i.id = n.instance_id
      WHERE n.id IN (?*) AND n.account = ? AND n.region = ?`,
    ids,
    [account, region],
  );
  const found = enis.map((e) => e.id);
  if (found.length === 0) return [];
  const list = marks(found.length);
  const parts = await scope.tx.all<EniPartRow>(
    `SELECT eni_id, CAST('v4' AS TEXT) AS kind, ip AS value, is_primary, public_ip, allocation_id, seq AS position
       FROM eni_private_ipv4 WHERE eni_id IN (${list})
     UNION ALL
     SELECT eni_id, CAST('v6' AS TEXT), address, 0, CAST('' AS TEXT), CAST('' AS TEXT), seq FROM eni_ipv6 WHERE eni_id IN (${list})
     UNION ALL
     SELECT eni_id, CAST('p6' AS TEXT), prefix, 0, CAST('' AS TEXT), CAST('' AS TEXT), seq
       FROM eni_prefixes WHERE eni_id IN (${list}) AND family = 'ipv6'
     UNION ALL
     SELECT eni_id, CAST('sg' AS TEXT), group_id, 0, CAST('' AS TEXT), CAST('' AS TEXT), position
       FROM eni_security_groups WHERE eni_id IN (${list})
     ORDER BY position`,
    [...found, ...found, ...found, ...found],
  );
  const of = (eniId: string, kind: string) => parts.filter((p) => p.eni_id === eniId && p.kind === kind);
  return enis.map((e) => ({
    id: e.id,
    account: e.account,
    vpcId: e.vpc_id,
    subnetId: e.subnet_id,
    availabilityZoneId: e.availability_zone_id,
    interfaceType: e.interface_type,
    sourceDestCheck: Number(e.source_dest_check) === 1,
    groupIds: of(e.id, 'sg').map((g) => g.value),
    privateIpv4: of(e.id, 'v4').map((a) => ({
      address: a.value,
      primary: Number(a.is_primary) === 1,
      publicIp: a.public_ip || undefined,
      allocationId: a.allocation_id || undefined,
    })),
    ipv6Addresses: of(e.id, 'v6').map((a) => a.value),
    ipv6Prefixes: of(e.id, 'p6').map((p) => p.value),
    attachmentStatus: e.attachment_status,
    instanceId: e.instance_id || undefined,
    instanceState: e.instance_id ? e.instance_state ?? undefined : undefined,
  }));
}

async function loadSubnets(scope: Scope, ids: string[]): Promise<SubnetData[]> {
  const { account, region } = scope;
  // The explicit association, else the VPC's main one (a partial UNIQUE index each); the ACL association.
  const subnets = await rows<{
    id: string;
    vpc_id: string;
    cidr_block: string;
    availability_zone_id: string;
    explicit_table: string | null;
    main_table: string | null;
    network_acl_id: string | null;
  }>(
    scope,
    `SELECT s.id, s.vpc_id, s.cidr_block, s.availability_zone_id, r.route_table_id AS explicit_table,
            (SELECT m.route_table_id FROM route_table_associations m WHERE m.vpc_id = s.vpc_id AND m.is_main = 1)
              AS main_table,
            a.network_acl_id
       FROM subnets s
       LEFT JOIN route_table_associations r ON r.subnet_id = s.id
       LEFT JOIN network_acl_associations a ON a.subnet_id = s.id
      WHERE s.id IN (?*) AND s.account = ? AND s.region = ?`,
    ids,
    [account, region],
  );
  const v6 = await rows<{ subnet_id: string; cidr: string }>(
    scope,
    `SELECT subnet_id, cidr FROM subnet_ipv6_cidr_blocks WHERE subnet_id IN (?*) AND state = 'associated'`,
    subnets.map((s) => s.id),
  );
  return subnets.map((s) => ({
    id: s.id,
    vpcId: s.vpc_id,
    cidrBlock: s.cidr_block,
    ipv6CidrBlocks: v6.filter((b) => b.subnet_id === s.id).map((b) => b.cidr),
    availabilityZoneId: s.availability_zone_id,
    routeTableId: s.explicit_table || s.main_table || '',
    mainRouteTable: !s.explicit_table,
    networkAclId: s.network_acl_id ?? '',
  }));
}

async function loadRouteTables(scope: Scope, ids: string[]): Promise<RouteTableData[]> {
  const { account, region } = scope;
  // A table and its routes in one statement (a table always has its local routes).
  const routes = await rows<{
    route_table_id: string;
    vpc_id: string;
    destination: string | null;
    family: string;
    gateway_id: string;
    instance_id: string;
    network_interface_id: string;
    origin: string;
    state: string;
  }>(
    scope,
    `SELECT t.id AS route_table_id, t.vpc_id, r.destination, r.family, r.gateway_id, r.instance_id,
            r.network_interface_id, r.origin, r.state
       FROM route_tables t LEFT JOIN routes r ON r.route_table_id = t.id
      WHERE t.id IN (?*) AND t.account = ? AND t.region = ? ORDER BY r.seq`,
    ids,
    [account, region],
  );
  const tables = [...new Map(routes.map((r) => [r.route_table_id, { id: r.route_table_id, vpc_id: r.vpc_id }])).values()];
  return tables.map((t) => ({
    id: t.id,
    vpcId: t.vpc_id,
    routes: routes
      .filter((r) => r.route_table_id === t.id && r.destination !== null)
      .map(
        (r): RouteData => ({
          destination: r.destination!,
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
  // An ACL without entries still comes back (LEFT JOIN), with a null rule number.
  const entries = await rows<Omit<EntryRow, 'rule_number'> & { vpc_id: string; rule_number: number | null }>(
    scope,
    `SELECT a.id AS network_acl_id, a.vpc_id, e.rule_number, e.egress, e.protocol, e.rule_action, e.cidr_block,
            e.ipv6_cidr_block, e.icmp_type, e.icmp_code, e.port_from, e.port_to
       FROM network_acls a LEFT JOIN network_acl_entries e ON e.network_acl_id = a.id
      WHERE a.id IN (?*) AND a.account = ? AND a.region = ?`,
    ids,
    [account, region],
  );
  const acls = [...new Map(entries.map((e) => [e.network_acl_id, { id: e.network_acl_id, vpc_id: e.vpc_id }])).values()];
  const num = (v: number | null): number | undefined => (v === null || v === undefined ? undefined : Number(v));
  return acls.map((a) => ({
    id: a.id,
    vpcId: a.vpc_id,
    entries: entries
      .filter((e) => e.network_acl_id === a.id && e.rule_number !== null)
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
  // A group without rules still comes back (LEFT JOIN), with a null rule id.
  const rules = await rows<
    Pick<RuleRow, 'group_id' | 'is_egress' | 'ip_protocol' | 'from_port' | 'to_port' | 'cidr_ipv4' | 'cidr_ipv6' | 'prefix_list_id' | 'referenced_group_id'> & {
      id: string | null;
      vpc_id: string;
    }
  >(
    scope,
    `SELECT r.id, g.id AS group_id, g.vpc_id, r.is_egress, r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4,
            r.cidr_ipv6, r.prefix_list_id, r.referenced_group_id
       FROM security_groups g LEFT JOIN security_group_rules r ON r.group_id = g.id
      WHERE g.id IN (?*) AND g.account = ? AND g.region = ? ORDER BY r.seq`,
    ids,
    [account, region],
  );
  const groups = [...new Map(rules.map((r) => [r.group_id, { id: r.group_id, vpc_id: r.vpc_id }])).values()];
  return groups.map((g) => ({
    id: g.id,
    vpcId: g.vpc_id,
    rules: rules
      .filter((r) => r.group_id === g.id && r.id !== null)
      .map((r) => ({
        id: r.id!,
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
  // The blocks, each with the VPC's internet gateway (at most one per VPC) alongside.
  const blocks = await rows<{ vpc_id: string; cidr: string; family: string; is_primary: number; gateway_id: string | null }>(
    scope,
    `SELECT b.vpc_id, b.cidr, b.family, b.is_primary,
            (SELECT MIN(g.id) FROM internet_gateways g WHERE g.vpc_id = b.vpc_id AND g.account = b.account
               AND g.region = b.region) AS gateway_id
       FROM vpc_cidr_blocks b
      WHERE b.vpc_id IN (?*) AND b.state = 'associated' AND b.account = ? AND b.region = ? ORDER BY b.seq`,
    ids,
    [account, region],
  );
  return ids.map((id) => {
    const own = blocks.filter((b) => b.vpc_id === id);
    const ipv4 = own.filter((b) => b.family !== 'ipv6').sort((a, b) => Number(b.is_primary) - Number(a.is_primary));
    return {
      id,
      ipv4Cidrs: ipv4.map((b) => b.cidr),
      ipv6Cidrs: own.filter((b) => b.family === 'ipv6').map((b) => b.cidr),
      internetGatewayId: own.find((b) => b.gateway_id)?.gateway_id ?? undefined,
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
