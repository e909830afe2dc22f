/** Reading subnet rows and their IPv6 blocks, and turning them into the model's Subnet shape as AWS fills it. */
import { subnetIdMalformed, subnetNotFound } from '../../errors/subnets.js';
import type { Subnet, SubnetIpv6CidrBlockAssociation, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';

export interface SubnetRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  vpc_id: string;
  cidr_block: string;
  availability_zone: string;
  availability_zone_id: string;
  state: string;
  map_public_ip_on_launch: number;
  assign_ipv6_address_on_creation: number;
  default_for_az: number;
  ipv6_native: number;
  enable_dns64: number;
  hostname_type: string;
  enable_rbn_a: number;
  enable_rbn_aaaa: number;
  enable_lni_at_device_index: number;
  map_customer_owned_ip_on_launch: number;
  customer_owned_ipv4_pool: string;
  ip_capacity: number;
  ip_used: number;
}

export interface SubnetIpv6Row {
  association_id: string;
  subnet_id: string;
  vpc_id: string;
  cidr: string;
  state: string;
}

export const subnetArn = (row: Pick<SubnetRow, 'region' | 'account' | 'id'>): string =>
  `arn:aws:ec2:${row.region}:${row.account}:subnet/${row.id}`;

export async function findSubnet(ctx: RequestContext, subnetId: string): Promise<SubnetRow | undefined> {
  return ctx.tx.get<SubnetRow>('SELECT * FROM subnets WHERE id = ? AND account = ? AND region = ?', [
    subnetId, ctx.account, ctx.region.name,
  ]);
}

/** The caller's subnet `subnetId`, or the error AWS gives for a malformed or unknown id. */
export async function requireSubnet(ctx: RequestContext, subnetId: string): Promise<SubnetRow> {
  if (!isWellFormedId('subnet', subnetId)) throw subnetIdMalformed(subnetId);
  const row = await findSubnet(ctx, subnetId);
  if (!row) throw subnetNotFound([subnetId]);
  return row;
}

export async function ipv6BlocksOf(ctx: RequestContext, subnetIds: string[]): Promise<Map<string, SubnetIpv6Row[]>> {
  const result = new Map<string, SubnetIpv6Row[]>(subnetIds.map((id) => [id, []]));
  if (subnetIds.length === 0) return result;
  const rows = await ctx.tx.all<SubnetIpv6Row>(
    `SELECT association_id, subnet_id, vpc_id, cidr, state FROM subnet_ipv6_cidr_blocks
     WHERE subnet_id IN (${placeholders(subnetIds)}) ORDER BY seq`,
    subnetIds,
  );
  for (const row of rows) result.get(row.subnet_id)?.push(row);
  return result;
}

/** An IPv6 association as AWS shows it: Amazon-provided blocks are public GUAs from Amazon. */
export function toIpv6Association(
  row: Pick<SubnetIpv6Row, 'association_id' | 'cidr'>,
  state: string,
): SubnetIpv6CidrBlockAssociation {
  return {
    AssociationId: row.association_id,
    Ipv6CidrBlock: row.cidr,
    Ipv6CidrBlockState: { State: state as 'associated' },
    Ipv6AddressAttribute: 'public',
    IpSource: 'amazon',
  };
}

export function toSubnet(row: SubnetRow, ipv6: SubnetIpv6Row[], tags: Tag[]): Subnet {
  return {
    AvailabilityZoneId: row.availability_zone_id,
    EnableLniAtDeviceIndex: row.enable_lni_at_device_index > 0 ? row.enable_lni_at_device_index : undefined,
    MapCustomerOwnedIpOnLaunch: row.map_customer_owned_ip_on_launch === 1,
    CustomerOwnedIpv4Pool: row.customer_owned_ipv4_pool || undefined,
    OwnerId: row.account,
    AssignIpv6AddressOnCreation: row.assign_ipv6_address_on_creation === 1,
    Ipv6CidrBlockAssociationSet: ipv6.map((b) => toIpv6Association(b, b.state)),
    // AWS leaves tagSet out of a subnet without tags.
    Tags: tags.length > 0 ? tags : undefined,
    SubnetArn: subnetArn(row),
    EnableDns64: row.enable_dns64 === 1,
    Ipv6Native: row.ipv6_native === 1,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: row.hostname_type as 'ip-name',
      EnableResourceNameDnsARecord: row.enable_rbn_a === 1,
      EnableResourceNameDnsAAAARecord: row.enable_rbn_aaaa === 1,
    },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    SubnetId: row.id,
    State: row.state as Subnet['State'],
    VpcId: row.vpc_id,
    // IPv6-only subnets have no IPv4 block: AWS omits cidrBlock and counts 0 available IPv4 addresses.
    CidrBlock: row.cidr_block || undefined,
    AvailableIpAddressCount: Number(row.ip_capacity) - Number(row.ip_used),
    AvailabilityZone: row.availability_zone,
    DefaultForAz: row.default_for_az === 1,
    MapPublicIpOnLaunch: row.map_public_ip_on_launch === 1,
  };
}
