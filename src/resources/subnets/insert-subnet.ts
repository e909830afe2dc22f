/**
 * Inserting a subnet row with its derived facts: the address capacity (block size less the 5 reserved addresses,
 * addressing.md §2), the AZ id, and the association with the VPC's default network ACL.
 */
import { blockSize, formatIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { associateWithDefaultAcl } from '../network-acls/default-acl.js';
import { zoneId } from '../regions/catalog.js';

/** The addresses of every IPv4 subnet AWS keeps for itself: network, router, DNS, future use, broadcast. */
export const RESERVED_ADDRESSES_PER_SUBNET = 5;

export interface SubnetSpec {
  vpcId: string;
  cidr?: Ipv4Cidr;
  availabilityZone: string;
  defaultForAz?: boolean;
  mapPublicIpOnLaunch?: boolean;
  ipv6Native?: boolean;
}

export async function insertSubnet(ctx: RequestContext, spec: SubnetSpec): Promise<string> {
  const subnetId = newId('subnet');
  const capacity = spec.cidr ? blockSize(spec.cidr.prefix) - RESERVED_ADDRESSES_PER_SUBNET : 0;
  // An IPv6-only subnet always hands out IPv6 addresses and names instances by id: without IPv4 there is no
  // `ip-name` to give (EC2 API reference, PrivateDnsHostnameTypeOnLaunch).
  const ipv6Native = spec.ipv6Native === true;
  await ctx.tx.run(
    `INSERT INTO subnets (id, account, region, vpc_id, cidr_block, availability_zone, availability_zone_id, state,
       map_public_ip_on_launch, assign_ipv6_address_on_creation, default_for_az, ipv6_native, enable_dns64,
       hostname_type, enable_rbn_a, enable_rbn_aaaa, ip_capacity, ip_used, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'available', ?, ?, ?, ?, 0, ?, 0, 0, ?, 0, ?)`,
    [
      subnetId, ctx.account, ctx.region.name, spec.vpcId, spec.cidr ? formatIpv4Cidr(spec.cidr) : '',
      spec.availabilityZone, zoneId(ctx.region, spec.availabilityZone), spec.mapPublicIpOnLaunch ? 1 : 0,
      ipv6Native ? 1 : 0, spec.defaultForAz ? 1 : 0, ipv6Native ? 1 : 0, ipv6Native ? 'resource-name' : 'ip-name',
      capacity, ctx.now.toISOString(),
    ],
  );
  await associateWithDefaultAcl(ctx, spec.vpcId, subnetId);
  return subnetId;
}

/** Associates an IPv6 /64 (already checked against the VPC) with a subnet; returns the association id. */
export async function insertSubnetIpv6Block(
  ctx: RequestContext,
  subnet: { id: string; vpcId: string },
  cidr: string,
): Promise<string> {
  const associationId = newId('subnet-cidr-assoc');
  await ctx.tx.run(
    `INSERT INTO subnet_ipv6_cidr_blocks (association_id, subnet_id, vpc_id, account, region, cidr, state)
     VALUES (?, ?, ?, ?, ?, ?, 'associated')`,
    [associationId, subnet.id, subnet.vpcId, ctx.account, ctx.region.name, cidr],
  );
  return associationId;
}
