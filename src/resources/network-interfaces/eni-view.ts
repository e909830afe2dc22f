/**
 * ENI rows → the model's NetworkInterface shape (network-interfaces.md §2). Child rows of a whole page (groups,
 * private IPv4s, IPv6s, prefixes, tags, and the VPC DNS flags public names depend on) are read in bulk: a constant
 * number of queries per page, whatever its size.
 */
import type {
  GroupIdentifier,
  NetworkInterface,
  NetworkInterfaceAssociation,
  NetworkInterfaceAttachment,
  NetworkInterfaceIpv6Address,
  NetworkInterfacePrivateIpAddress,
  Tag,
} from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { tagsFor } from '../tags/tag-store.js';
import { privateDnsName, publicDnsName } from './dns-names.js';
import type { EniRow } from './eni-records.js';

interface Ipv4Row {
  eni_id: string;
  ip: string;
  is_primary: number;
  public_ip: string;
  public_ip_owner: string;
  allocation_id: string;
  association_id: string;
}

interface EniChildren {
  groups: GroupIdentifier[];
  ipv4: Ipv4Row[];
  ipv6: { address: string; is_primary: number }[];
  ipv4Prefixes: string[];
  ipv6Prefixes: string[];
  tags: Tag[];
  publicDns: boolean;
}

function byEni<R extends { eni_id: string }>(ids: string[], rows: R[]): Map<string, R[]> {
  const map = new Map<string, R[]>(ids.map((id) => [id, []]));
  for (const row of rows) map.get(row.eni_id)?.push(row);
  return map;
}

/** Security groups of each ENI, in the order they were given, with their names. */
export async function groupsOf(ctx: RequestContext, ids: string[]): Promise<Map<string, GroupIdentifier[]>> {
  const rows =
    ids.length === 0
      ? []
      : await ctx.tx.all<{ eni_id: string; group_id: string; name: string | null }>(
          `SELECT g.eni_id, g.group_id, s.name FROM eni_security_groups g LEFT JOIN security_groups s ON s.id = g.group_id
           WHERE g.eni_id IN (${placeholders(ids)}) ORDER BY g.eni_id, g.position`,
          ids,
        );
  const map = new Map<string, GroupIdentifier[]>(ids.map((id) => [id, []]));
  for (const r of rows) map.get(r.eni_id)?.push({ GroupId: r.group_id, GroupName: r.name ?? undefined });
  return map;
}

async function loadChildren(ctx: RequestContext, rows: EniRow[]): Promise<Map<string, EniChildren>> {
  const ids = rows.map((r) => r.id);
  const result = new Map<string, EniChildren>();
  if (ids.length === 0) return result;
  const list = placeholders(ids);
  const [groups, ipv4, ipv6, prefixes, tags] = await Promise.all([
    groupsOf(ctx, ids),
    ctx.tx.all<Ipv4Row>(
      `SELECT eni_id, ip, is_primary, public_ip, public_ip_owner, allocation_id, association_id FROM eni_private_ipv4
       WHERE eni_id IN (${list}) AND in_prefix = 0 ORDER BY is_primary DESC, seq`,
      ids,
    ),
    ctx.tx.all<{ eni_id: string; address: string; is_primary: number }>(
      `SELECT eni_id, address, is_primary FROM eni_ipv6 WHERE eni_id IN (${list}) ORDER BY is_primary DESC, seq`,
      ids,
    ),
    ctx.tx.all<{ eni_id: string; family: string; prefix: string }>(
      `SELECT eni_id, family, prefix FROM eni_prefixes WHERE eni_id IN (${list}) ORDER BY seq`,
      ids,
    ),
    tagsFor(ctx, ids),
  ]);
  // Public DNS names exist only in VPCs with DNS support and hostnames on; ask only when a public address exists.
  const enisWithPublic = new Set(ipv4.filter((a) => a.public_ip !== '').map((a) => a.eni_id));
  const vpcsWithPublic = [...new Set(rows.filter((r) => enisWithPublic.has(r.id)).map((r) => r.vpc_id))];
  const dnsVpcs = new Set(
    vpcsWithPublic.length === 0
      ? []
      : (
          await ctx.tx.all<{ id: string }>(
            `SELECT id FROM vpcs WHERE id IN (${placeholders(vpcsWithPublic)}) AND enable_dns_support = 1 AND enable_dns_hostnames = 1`,
            vpcsWithPublic,
          )
        ).map((v) => v.id),
  );
  const ipv4ByEni = byEni(ids, ipv4);
  const ipv6ByEni = byEni(ids, ipv6);
  const prefixesByEni = byEni(ids, prefixes);
  for (const row of rows) {
    const own = prefixesByEni.get(row.id)!;
    result.set(row.id, {
      groups: groups.get(row.id)!,
      ipv4: ipv4ByEni.get(row.id)!,
      ipv6: ipv6ByEni.get(row.id)!,
      ipv4Prefixes: own.filter((p) => p.family === 'ipv4').map((p) => p.prefix),
      ipv6Prefixes: own.filter((p) => p.family === 'ipv6').map((p) => p.prefix),
      tags: tags.get(row.id)!,
      publicDns: dnsVpcs.has(row.vpc_id),
    });
  }
  return result;
}

function association(row: Ipv4Row, region: string, publicDns: boolean): NetworkInterfaceAssociation | undefined {
  if (row.public_ip === '') return undefined;
  return {
    PublicIp: row.public_ip,
    PublicDnsName: publicDns ? publicDnsName(row.public_ip, region) : undefined,
    IpOwnerId: row.public_ip_owner,
    AllocationId: row.allocation_id || undefined,
    AssociationId: row.association_id || undefined,
  };
}

/** The attachment structure, absent when the ENI is not attached. */
export function attachmentOf(row: EniRow): NetworkInterfaceAttachment | undefined {
  if (row.attachment_id === '') return undefined;
  return {
    AttachmentId: row.attachment_id,
    InstanceId: row.instance_id,
    InstanceOwnerId: row.instance_owner_id,
    DeviceIndex: Number(row.device_index),
    NetworkCardIndex: Number(row.network_card_index),
    Status: row.attachment_status as NetworkInterfaceAttachment['Status'],
    AttachTime: new Date(row.attach_time),
    DeleteOnTermination: row.delete_on_termination === 1,
    EnaSrdSpecification: row.ena_srd_enabled
      ? { EnaSrdEnabled: true, EnaSrdUdpSpecification: { EnaSrdUdpEnabled: row.ena_srd_udp_enabled === 1 } }
      : undefined,
    EnaQueueCount: row.ena_queue_count > 0 ? Number(row.ena_queue_count) : undefined,
  };
}

function toNetworkInterface(row: EniRow, children: EniChildren): NetworkInterface {
  const region = row.region;
  const privateIps: NetworkInterfacePrivateIpAddress[] = children.ipv4.map((a) => ({
    PrivateIpAddress: a.ip,
    PrivateDnsName: privateDnsName(a.ip, region),
    Primary: a.is_primary === 1,
    Association: association(a, region, children.publicDns),
  }));
  const primary = children.ipv4.find((a) => a.is_primary === 1);
  const ipv6: NetworkInterfaceIpv6Address[] = children.ipv6.map((a) => ({
    Ipv6Address: a.address,
    IsPrimaryIpv6: a.is_primary === 1,
  }));
  const tracking =
    row.tcp_established_timeout || row.udp_stream_timeout || row.udp_timeout
      ? {
          TcpEstablishedTimeout: row.tcp_established_timeout || undefined,
          UdpStreamTimeout: row.udp_stream_timeout || undefined,
          UdpTimeout: row.udp_timeout || undefined,
        }
      : undefined;
  return {
    NetworkInterfaceId: row.id,
    SubnetId: row.subnet_id,
    VpcId: row.vpc_id,
    AvailabilityZone: row.availability_zone,
    AvailabilityZoneId: row.availability_zone_id,
    Description: row.description,
    OwnerId: row.account,
    RequesterId: row.requester_id || undefined,
    RequesterManaged: row.requester_managed === 1,
    Status: row.status as NetworkInterface['Status'],
    MacAddress: row.mac_address,
    PrivateIpAddress: primary?.ip,
    PrivateDnsName: primary ? row.private_dns_name : undefined,
    SourceDestCheck: row.source_dest_check === 1,
    Groups: children.groups,
    Attachment: attachmentOf(row),
    Association: primary ? association(primary, region, children.publicDns) : undefined,
    PrivateIpAddresses: privateIps,
    Ipv6Addresses: ipv6,
    Ipv6Address: children.ipv6.find((a) => a.is_primary === 1)?.address,
    Ipv4Prefixes: children.ipv4Prefixes.length ? children.ipv4Prefixes.map((p) => ({ Ipv4Prefix: p })) : undefined,
    Ipv6Prefixes: children.ipv6Prefixes.length ? children.ipv6Prefixes.map((p) => ({ Ipv6Prefix: p })) : undefined,
    InterfaceType: row.interface_type as NetworkInterface['InterfaceType'],
    TagSet: children.tags,
    Ipv6Native: row.ipv6_native === 1,
    DenyAllIgwTraffic: row.deny_all_igw_traffic === 1 ? true : undefined,
    ConnectionTrackingConfiguration: tracking,
    Operator: row.operator_principal ? { Managed: true, Principal: row.operator_principal } : { Managed: false },
    AssociatedSubnets: row.associated_subnets ? row.associated_subnets.split(',') : undefined,
  };
}

/** The NetworkInterface shapes of `rows`, in the same order. */
export async function toNetworkInterfaces(ctx: RequestContext, rows: EniRow[]): Promise<NetworkInterface[]> {
  const children = await loadChildren(ctx, rows);
  return rows.map((row) => toNetworkInterface(row, children.get(row.id)!));
}
