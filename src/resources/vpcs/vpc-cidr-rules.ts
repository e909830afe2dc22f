/** Parsing and range rules for VPC IPv4 blocks (addressing.md §1), shared by CreateVpc and AssociateVpcCidrBlock. */
import { invalidCidrBlock, vpcRange } from '../../errors/vpcs.js';
import { cidrsOverlap, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';

export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 28;
const LINK_LOCAL = parseIpv4Cidr('169.254.0.0/16')!;

/** Parses a VPC block: not a CIDR → InvalidParameterValue; outside /16–/28 or link-local → InvalidVpc.Range. */
export function parseVpcCidr(text: string): Ipv4Cidr {
  const cidr = parseIpv4Cidr(text);
  if (!cidr) throw invalidCidrBlock(text);
  if (cidr.prefix < MIN_VPC_PREFIX || cidr.prefix > MAX_VPC_PREFIX || cidrsOverlap(cidr, LINK_LOCAL)) {
    throw vpcRange(text);
  }
  return cidr;
}
