/**
 * Route destinations (routing-and-traffic.md §1): exactly one of an IPv4 block, an IPv6 block or a prefix list,
 * canonicalised (`100.68.0.18/18` is stored as `100.68.0.0/18`, IPv6 in RFC 5952 form) and kept out of the ranges
 * AWS's own services use. How a destination lies against the VPC's blocks decides which targets may take it.
 */
import {
  invalidRouteDestination,
  missingRouteDestination,
  prefixListNotFound,
  reservedRouteDestination,
  severalRouteDestinations,
} from '../../errors/route-tables.js';
import { cidrContains, formatIpv4Cidr, parseIpv4Cidr } from '../../net/ipv4.js';
import { formatIpv6Cidr, ipv6CidrContains, parseIpv6Cidr } from '../../net/ipv6.js';
import type { VpcBlock } from './local-routes.js';

export interface RouteDestination {
  family: 'ipv4' | 'ipv6';
  /** The canonical block, as stored and shown. */
  cidr: string;
}

export interface DestinationInput {
  DestinationCidrBlock?: string;
  DestinationIpv6CidrBlock?: string;
  DestinationPrefixListId?: string;
}

/** Instance metadata, DNS, time sync and their IPv6 twins live here; no route may claim them. */
const RESERVED_IPV4 = parseIpv4Cidr('169.254.168.0/22')!;
const RESERVED_IPV6 = parseIpv6Cidr('fd00:ec2::/32')!;

export function parseRouteDestination(input: DestinationInput): RouteDestination {
  const given = [input.DestinationCidrBlock, input.DestinationIpv6CidrBlock, input.DestinationPrefixListId].filter(
    (value) => value !== undefined,
  ).length;
  if (given === 0) throw missingRouteDestination();
  if (given > 1) throw severalRouteDestinations();
  // vpclite keeps no managed prefix lists: any id names one that does not exist.
  if (input.DestinationPrefixListId !== undefined) throw prefixListNotFound([input.DestinationPrefixListId]);
  if (input.DestinationCidrBlock !== undefined) {
    const cidr = parseIpv4Cidr(input.DestinationCidrBlock);
    if (!cidr) throw invalidRouteDestination(input.DestinationCidrBlock, 'destinationCidrBlock');
    const canonical = formatIpv4Cidr(cidr);
    if (cidrContains(RESERVED_IPV4, cidr)) throw reservedRouteDestination(canonical);
    return { family: 'ipv4', cidr: canonical };
  }
  const text = input.DestinationIpv6CidrBlock!;
  const cidr = parseIpv6Cidr(text);
  if (!cidr) throw invalidRouteDestination(text, 'destinationIpv6CidrBlock');
  const canonical = formatIpv6Cidr(cidr);
  if (ipv6CidrContains(RESERVED_IPV6, cidr)) throw reservedRouteDestination(canonical);
  return { family: 'ipv6', cidr: canonical };
}

/**
 * Where a destination lies against the VPC's blocks of its family: `outside` all of them, `equal` to one (the
 * destination of a local route), or strictly `inside` one (more specific than a local route).
 */
export type VpcPlacement = 'outside' | 'equal' | 'inside';

export function placeInVpc(destination: RouteDestination, blocks: VpcBlock[]): VpcPlacement {
  let placement: VpcPlacement = 'outside';
  for (const block of blocks) {
    if (block.family !== destination.family) continue;
    if (block.cidr === destination.cidr) return 'equal';
    const inside =
      destination.family === 'ipv4'
        ? cidrContains(parseIpv4Cidr(block.cidr)!, parseIpv4Cidr(destination.cidr)!)
        : ipv6CidrContains(parseIpv6Cidr(block.cidr)!, parseIpv6Cidr(destination.cidr)!);
    if (inside) placement = 'inside';
  }
  return placement;
}
