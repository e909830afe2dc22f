/**
 * The address rules of subnets (addressing.md §2, §4) as pure functions: an IPv4 block is /16–/28 inside one of
 * the VPC's IPv4 blocks and overlaps no other subnet; an IPv6 block is a /64 inside one of the VPC's IPv6 blocks
 * and is not already another subnet's.
 */
import { invalidSubnetIpv6Cidr, subnetConflict, subnetIpv6Range, subnetRange } from '../../errors/subnets.js';
import { invalidCidrBlock } from '../../errors/vpcs.js';
import { cidrContains, cidrsOverlap, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { ipv6CidrContains, ipv6CidrsOverlap, parseIpv6Cidr, type Ipv6Cidr } from '../../net/ipv6.js';

export const MIN_SUBNET_PREFIX = 16;
export const MAX_SUBNET_PREFIX = 28;
export const SUBNET_IPV6_PREFIX = 64;

/** Not a CIDR → InvalidParameterValue; outside /16–/28 → InvalidSubnet.Range (as AWS answers a /29). */
export function parseSubnetIpv4(text: string): Ipv4Cidr {
  const cidr = parseIpv4Cidr(text);
  if (!cidr) throw invalidCidrBlock(text);
  if (cidr.prefix < MIN_SUBNET_PREFIX || cidr.prefix > MAX_SUBNET_PREFIX) throw subnetRange(text);
  return cidr;
}

/** Subnet IPv6 blocks are always /64; anything else, or not a CIDR, is InvalidParameterValue. */
export function parseSubnetIpv6(text: string): Ipv6Cidr {
  const cidr = parseIpv6Cidr(text);
  if (!cidr || cidr.prefix !== SUBNET_IPV6_PREFIX) throw invalidSubnetIpv6Cidr(text);
  return cidr;
}

export function checkIpv4Placement(cidr: Ipv4Cidr, text: string, vpcBlocks: Ipv4Cidr[], siblings: Ipv4Cidr[]): void {
  if (!vpcBlocks.some((block) => cidrContains(block, cidr))) throw subnetRange(text);
  if (siblings.some((other) => cidrsOverlap(other, cidr))) throw subnetConflict(text);
}

export function checkIpv6Placement(cidr: Ipv6Cidr, text: string, vpcBlocks: Ipv6Cidr[], siblings: Ipv6Cidr[]): void {
  if (!vpcBlocks.some((block) => ipv6CidrContains(block, cidr))) throw subnetIpv6Range(text);
  if (siblings.some((other) => ipv6CidrsOverlap(other, cidr))) throw subnetConflict(text);
}
