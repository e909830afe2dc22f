/**
 * `vpclite audit`'s findings for one account and region, as pure functions of what the EC2 API shows (collected by
 * audit-collect.ts), so the rules are plain to read and test: unattached ENIs and idle Elastic IPs (with what they
 * cost), security groups open to the internet on administrative ports, unused groups, shadowed rules, subnets
 * above 80% address use, instances at their ENI or address limits, and VPCs whose CIDRs overlap.
 */
import ipaddr from 'ipaddr.js';
import type { Address, Instance, NetworkInterface, SecurityGroup, SecurityGroupRule, Subnet, Vpc } from '@aws-sdk/client-ec2';
import { PUBLIC_IPV4_HOURLY_USD, publicIpv4MonthlyUsd } from './audit-pricing.js';

export interface TypeLimits {
  maxNetworkInterfaces: number;
  ipv4PerInterface: number;
  ipv6PerInterface: number;
}

export interface AuditInput {
  now: Date;
  enis: NetworkInterface[];
  /** Creation times of unattached ENIs (vpclite's admin route); empty against other servers. */
  eniCreatedAt: Map<string, string>;
  addresses: Address[];
  groups: SecurityGroup[];
  rules: SecurityGroupRule[];
  subnets: Subnet[];
  instances: Instance[];
  typeLimits: Map<string, TypeLimits>;
  vpcs: Vpc[];
}

/** Ports whose exposure to the whole internet is an administrative door. */
export const ADMIN_PORTS: Record<number, string> = {
  22: 'SSH', 23: 'Telnet', 3389: 'RDP', 5900: 'VNC', 5985: 'WinRM-HTTP', 5986: 'WinRM-HTTPS',
  3306: 'MySQL', 5432: 'PostgreSQL', 1433: 'SQL Server', 6379: 'Redis', 27017: 'MongoDB', 9200: 'Elasticsearch',
};
export const SUBNET_USE_THRESHOLD = 0.8;

export interface Findings {
  unattachedEnis: { networkInterfaceId: string; subnetId: string; createdAt: string | null; ageHours: number | null; publicIps: string[]; monthlyUsd: number }[];
  idleAddresses: { allocationId: string; publicIp: string; hourlyUsd: number; monthlyUsd: number }[];
  openAdminPorts: { groupId: string; groupName: string; ruleId: string; cidr: string; ports: string; services: string[] }[];
  unusedGroups: { groupId: string; groupName: string; vpcId: string }[];
  shadowedRules: { groupId: string; ruleId: string; rule: string; shadowedBy: string; by: string }[];
  fullSubnets: { subnetId: string; cidr: string; used: number; usable: number; percent: number }[];
  instancesAtLimit: { instanceId: string; instanceType: string; limit: string }[];
  overlappingCidrs: { vpcId: string; cidr: string; otherVpcId: string; otherCidr: string }[];
}

const ALL = -1;
const portsOf = (r: SecurityGroupRule): [number, number] =>
  r.IpProtocol === '-1' || r.FromPort === undefined || r.FromPort === ALL ? [0, 65535] : [r.FromPort, r.ToPort ?? r.FromPort];
const portText = (r: SecurityGroupRule): string => {
  if (r.IpProtocol === '-1') return 'all';
  const [from, to] = portsOf(r);
  return from === to ? `${r.IpProtocol}/${from}` : `${r.IpProtocol}/${from}-${to}`;
};
const sourceOf = (r: SecurityGroupRule): string =>
  r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId ?? '?';

function cidrContains(outer: string, inner: string): boolean {
  try {
    const [oAddr, oBits] = ipaddr.parseCIDR(outer);
    const [iAddr, iBits] = ipaddr.parseCIDR(inner);
    if (oAddr.kind() !== iAddr.kind() || iBits < oBits) return false;
    return iAddr.match([oAddr, oBits] as never);
  } catch {
    return false;
  }
}

const cidrsOverlap = (a: string, b: string): boolean => cidrContains(a, b) || cidrContains(b, a);

/** Whether rule `s` lets through everything rule `r` does (same group, same direction). */
function covers(s: SecurityGroupRule, r: SecurityGroupRule): boolean {
  if (s.IpProtocol !== '-1' && s.IpProtocol !== r.IpProtocol) return false;
  const [sf, st] = portsOf(s);
  const [rf, rt] = portsOf(r);
  if (s.IpProtocol !== '-1' && !(sf <= rf && rt <= st)) return false;
  if (r.CidrIpv4 !== undefined) return s.CidrIpv4 !== undefined && cidrContains(s.CidrIpv4, r.CidrIpv4);
  if (r.CidrIpv6 !== undefined) return s.CidrIpv6 !== undefined && cidrContains(s.CidrIpv6, r.CidrIpv6);
  if (r.PrefixListId !== undefined) return s.PrefixListId === r.PrefixListId;
  return r.ReferencedGroupInfo?.GroupId !== undefined && s.ReferencedGroupInfo?.GroupId === r.ReferencedGroupInfo.GroupId;
}

export function shadowedRules(rules: readonly SecurityGroupRule[]): Findings['shadowedRules'] {
  const found: Findings['shadowedRules'] = [];
  for (const [i, r] of rules.entries()) {
    for (const [j, s] of rules.entries()) {
      if (i === j || s.GroupId !== r.GroupId || s.IsEgress !== r.IsEgress || !covers(s, r)) continue;
      // Two rules that cover each other are duplicates in effect: report the later one only.
      if (covers(r, s) && j > i) continue;
      found.push({
        groupId: r.GroupId!,
        ruleId: r.SecurityGroupRuleId!,
        rule: `${r.IsEgress ? 'egress' : 'ingress'} ${portText(r)} ${sourceOf(r)}`,
        shadowedBy: s.SecurityGroupRuleId!,
        by: `${portText(s)} ${sourceOf(s)}`,
      });
      break;
    }
  }
  return found;
}

export function openAdminPorts(groups: readonly SecurityGroup[], rules: readonly SecurityGroupRule[]): Findings['openAdminPorts'] {
  const names = new Map(groups.map((g) => [g.GroupId!, g.GroupName ?? '']));
  const found: Findings['openAdminPorts'] = [];
  for (const r of rules) {
    if (r.IsEgress) continue;
    const world = r.CidrIpv4 === '0.0.0.0/0' || r.CidrIpv6 === '::/0';
    if (!world || !(r.IpProtocol === '-1' || r.IpProtocol === 'tcp' || r.IpProtocol === '6')) continue;
    const [from, to] = portsOf(r);
    const services = Object.entries(ADMIN_PORTS)
      .filter(([port]) => Number(port) >= from && Number(port) <= to)
      .map(([port, name]) => `${name} (${port})`);
    if (services.length === 0) continue;
    found.push({ groupId: r.GroupId!, groupName: names.get(r.GroupId!) ?? '', ruleId: r.SecurityGroupRuleId!, cidr: (r.CidrIpv4 ?? r.CidrIpv6)!, ports: portText(r), services });
  }
  return found;
}

export function unusedGroups(groups: readonly SecurityGroup[], enis: readonly NetworkInterface[]): Findings['unusedGroups'] {
  const used = new Set(enis.flatMap((e) => (e.Groups ?? []).map((g) => g.GroupId!)));
  return groups
    .filter((g) => g.GroupName !== 'default' && !used.has(g.GroupId!))
    .map((g) => ({ groupId: g.GroupId!, groupName: g.GroupName ?? '', vpcId: g.VpcId ?? '' }));
}

export function unattachedEnis(enis: readonly NetworkInterface[], createdAt: Map<string, string>, now: Date): Findings['unattachedEnis'] {
  return enis
    .filter((e) => e.Status === 'available' && e.RequesterManaged !== true)
    .map((e) => {
      const created = createdAt.get(e.NetworkInterfaceId!) ?? null;
      const publicIps = (e.PrivateIpAddresses ?? []).map((a) => a.Association?.PublicIp).filter((p): p is string => !!p);
      return {
        networkInterfaceId: e.NetworkInterfaceId!,
        subnetId: e.SubnetId ?? '',
        createdAt: created,
        ageHours: created === null ? null : Math.round(((now.getTime() - Date.parse(created)) / 3_600_000) * 10) / 10,
        publicIps,
        monthlyUsd: publicIpv4MonthlyUsd(publicIps.length),
      };
    });
}

export function idleAddresses(addresses: readonly Address[]): Findings['idleAddresses'] {
  return addresses
    .filter((a) => !a.AssociationId)
    .map((a) => ({ allocationId: a.AllocationId ?? '', publicIp: a.PublicIp ?? '', hourlyUsd: PUBLIC_IPV4_HOURLY_USD, monthlyUsd: publicIpv4MonthlyUsd(1) }));
}

/** AWS reserves five addresses of every subnet (the first four and the last). */
export function fullSubnets(subnets: readonly Subnet[]): Findings['fullSubnets'] {
  const found: Findings['fullSubnets'] = [];
  for (const s of subnets) {
    const bits = Number(s.CidrBlock?.split('/')[1]);
    if (!Number.isInteger(bits)) continue;
    const usable = 2 ** (32 - bits) - 5;
    const used = usable - (s.AvailableIpAddressCount ?? usable);
    const share = usable > 0 ? used / usable : 0;
    if (share > SUBNET_USE_THRESHOLD) found.push({ subnetId: s.SubnetId!, cidr: s.CidrBlock!, used, usable, percent: Math.round(share * 1000) / 10 });
  }
  return found;
}

export function instancesAtLimit(instances: readonly Instance[], limits: Map<string, TypeLimits>): Findings['instancesAtLimit'] {
  const found: Findings['instancesAtLimit'] = [];
  for (const i of instances) {
    const state = i.State?.Name;
    if (state === 'terminated' || state === 'shutting-down') continue;
    const limit = limits.get(i.InstanceType ?? '');
    if (!limit) continue;
    const enis = i.NetworkInterfaces ?? [];
    const base = { instanceId: i.InstanceId!, instanceType: i.InstanceType! };
    if (enis.length >= limit.maxNetworkInterfaces) found.push({ ...base, limit: `ENIs ${enis.length}/${limit.maxNetworkInterfaces}` });
    for (const e of enis) {
      const v4 = (e.PrivateIpAddresses ?? []).length + (e.Ipv4Prefixes ?? []).length;
      if (v4 >= limit.ipv4PerInterface) found.push({ ...base, limit: `${e.NetworkInterfaceId} IPv4 addresses ${v4}/${limit.ipv4PerInterface}` });
      const v6 = (e.Ipv6Addresses ?? []).length + (e.Ipv6Prefixes ?? []).length;
      if (limit.ipv6PerInterface > 0 && v6 >= limit.ipv6PerInterface) {
        found.push({ ...base, limit: `${e.NetworkInterfaceId} IPv6 addresses ${v6}/${limit.ipv6PerInterface}` });
      }
    }
  }
  return found;
}

export function overlappingCidrs(vpcs: readonly Vpc[]): Findings['overlappingCidrs'] {
  const blocks = vpcs.flatMap((v) => {
    const associated = (v.CidrBlockAssociationSet ?? []).filter((b) => b.CidrBlockState?.State === 'associated').map((b) => b.CidrBlock!);
    return (associated.length > 0 ? associated : [v.CidrBlock!]).map((cidr) => ({ vpcId: v.VpcId!, cidr }));
  });
  const found: Findings['overlappingCidrs'] = [];
  for (const [i, a] of blocks.entries()) {
    for (const b of blocks.slice(i + 1)) {
      if (a.vpcId !== b.vpcId && cidrsOverlap(a.cidr, b.cidr)) found.push({ vpcId: a.vpcId, cidr: a.cidr, otherVpcId: b.vpcId, otherCidr: b.cidr });
    }
  }
  return found;
}

export function audit(input: AuditInput): Findings {
  return {
    unattachedEnis: unattachedEnis(input.enis, input.eniCreatedAt, input.now),
    idleAddresses: idleAddresses(input.addresses),
    openAdminPorts: openAdminPorts(input.groups, input.rules),
    unusedGroups: unusedGroups(input.groups, input.enis),
    shadowedRules: shadowedRules(input.rules),
    fullSubnets: fullSubnets(input.subnets),
    instancesAtLimit: instancesAtLimit(input.instances, input.typeLimits),
    overlappingCidrs: overlappingCidrs(input.vpcs),
  };
}

export const findingCount = (f: Findings): number => Object.values(f).reduce((n, list: unknown[]) => n + list.length, 0);
