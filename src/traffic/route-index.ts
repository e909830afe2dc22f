/**
 * A route table compiled for longest-prefix match (routing-and-traffic.md §1): per family, the prefix lengths
 * present, longest first, each with a map from network address to route, so a lookup is one map probe per
 * distinct prefix length. IPv4 and IPv6 routes never match each other's packets. Blackhole routes are kept: a
 * packet matching one is dropped, not matched again against a shorter route.
 */
import { parseRange, type Address } from './addresses.js';
import type { RouteData, RouteTableData } from './topology.js';

interface FamilyRoutes<A extends Address> {
  /** Descending. */
  prefixes: number[];
  masks: A[];
  byPrefix: Map<A, RouteData>[];
}

export interface CompiledRouteTable {
  id: string;
  data: RouteTableData;
  ipv4: FamilyRoutes<number>;
  ipv6: FamilyRoutes<bigint>;
}

const IPV6_ALL = (1n << 128n) - 1n;
const ipv4Mask = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
const ipv6Mask = (prefix: number): bigint => (prefix === 0 ? 0n : (IPV6_ALL << BigInt(128 - prefix)) & IPV6_ALL);

export function compileRouteTable(table: RouteTableData): CompiledRouteTable {
  const v4 = new Map<number, Map<number, RouteData>>();
  const v6 = new Map<number, Map<bigint, RouteData>>();
  for (const route of table.routes) {
    const range = parseRange(route.destination);
    if (!range) continue; // prefix-list destinations are not modelled
    if (typeof range.first === 'number') {
      let map = v4.get(range.prefix);
      if (!map) v4.set(range.prefix, (map = new Map()));
      map.set(range.first, route);
    } else {
      let map = v6.get(range.prefix);
      if (!map) v6.set(range.prefix, (map = new Map()));
      map.set(range.first as bigint, route);
    }
  }
  const p4 = [...v4.keys()].sort((a, b) => b - a);
  const p6 = [...v6.keys()].sort((a, b) => b - a);
  return {
    id: table.id,
    data: table,
    ipv4: { prefixes: p4, masks: p4.map(ipv4Mask), byPrefix: p4.map((p) => v4.get(p)!) },
    ipv6: { prefixes: p6, masks: p6.map(ipv6Mask), byPrefix: p6.map((p) => v6.get(p)!) },
  };
}

/** The most specific route for `destination`, or undefined. */
export function lookupRoute(table: CompiledRouteTable, destination: Address): RouteData | undefined {
  if (typeof destination === 'number') {
    const family = table.ipv4;
    for (let i = 0; i < family.prefixes.length; i++) {
      const route = family.byPrefix[i]!.get((destination & family.masks[i]!) >>> 0);
      if (route !== undefined) return route;
    }
    return undefined;
  }
  const family = table.ipv6;
  for (let i = 0; i < family.prefixes.length; i++) {
    const route = family.byPrefix[i]!.get(destination & family.masks[i]!);
    if (route !== undefined) return route;
  }
  return undefined;
}
