/**
 * Which secondary IPv4 blocks a VPC may take, by the range its primary block lies in (addressing.md §1, from the
 * VPC User Guide's "IPv4 CIDR block association restrictions" table). Pure functions over parsed blocks.
 */
import { cidrContains, cidrsOverlap, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';

const block = (text: string): Ipv4Cidr => parseIpv4Cidr(text)!;
const RFC1918_10 = block('10.0.0.0/8');
const RFC1918_172 = block('172.16.0.0/12');
const RFC1918_192 = block('192.168.0.0/16');
const BENCHMARK_198_19 = block('198.19.0.0/16');
const DOCKER_172_31 = block('172.31.0.0/16');
const TEN_0_SLASH_15 = block('10.0.0.0/15');
const TEN_0_SLASH_16 = block('10.0.0.0/16');

/** The ranges a new block may not touch, given the VPC's primary block and all its current blocks. */
export function restrictedRanges(primary: Ipv4Cidr, existing: Ipv4Cidr[]): Ipv4Cidr[] {
  if (cidrContains(RFC1918_10, primary)) {
    const ranges = [RFC1918_172, RFC1918_192, BENCHMARK_198_19];
    if (existing.some((b) => cidrContains(TEN_0_SLASH_15, b))) ranges.push(TEN_0_SLASH_16);
    return ranges;
  }
  if (cidrContains(RFC1918_172, primary)) return [RFC1918_10, RFC1918_192, DOCKER_172_31, BENCHMARK_198_19];
  if (cidrContains(RFC1918_192, primary)) return [RFC1918_10, RFC1918_172, BENCHMARK_198_19];
  if (cidrContains(BENCHMARK_198_19, primary)) return [RFC1918_10, RFC1918_172, RFC1918_192];
  // Publicly routable primaries and 100.64.0.0/10 (RFC 6598).
  return [RFC1918_10, RFC1918_172, RFC1918_192, BENCHMARK_198_19];
}

export function isRestrictedSecondary(candidate: Ipv4Cidr, primary: Ipv4Cidr, existing: Ipv4Cidr[]): boolean {
  return restrictedRanges(primary, existing).some((range) => cidrsOverlap(range, candidate));
}

/** The first route destination that the candidate block would swallow (contain, or equal), if any. */
export function swallowedRoute<R extends { destination: Ipv4Cidr }>(candidate: Ipv4Cidr, routes: R[]): R | undefined {
  return routes.find((route) => cidrContains(candidate, route.destination));
}
