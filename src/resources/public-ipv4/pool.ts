/**
 * Every public IPv4 address vpclite hands out (addressing.md §5, §6) comes from this one allocator, from a range
 * per use: instances' auto-assigned addresses from `vpclite serve --public-ipv4-pool` (198.19.0.0/16 by default),
 * Elastic IPs from `--eip-pool` (198.18.0.0/16). Together the defaults are 198.18.0.0/15, the block IANA reserves
 * for network benchmarking (RFC 2544, RFC 6890: not globally reachable). An address made up by an emulator should
 * never be one that routes to a real host on the internet, so a real public range is out; 100.64.0.0/10 (RFC 6598)
 * would be the other candidate, but it is carrier-grade NAT space that clients meet on real networks and that AWS
 * users put in their VPCs (EKS secondary ranges), where a "public" address from it would look like a private one.
 * Every node of a deployment must be given the same ranges; uniqueness itself is kept by the database.
 *
 * Every public address in use is a row of public_ipv4_addresses keyed by the address (kind 'auto' or 'elastic'),
 * so no address is ever held twice, across kinds, accounts and regions, even when the two ranges overlap.
 * Elastic IPs allocated before their addresses were claimed here have no such row, so their own table is read as
 * a holder too. A pick draws random addresses and claims the first free one with ON CONFLICT DO NOTHING (expected
 * constant time while the range is not nearly full); after a few misses it walks the range in batches from a
 * random point, wrapping once, which only a nearly full range needs.
 */
import { formatIpv4, lastAddress, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { secureRandom } from '../../net/random.js';
import type { RequestContext } from '../context.js';

export const DEFAULT_PUBLIC_IPV4_POOL = '198.19.0.0/16';
export const DEFAULT_ELASTIC_IP_POOL = '198.18.0.0/16';
const RANDOM_DRAWS = 8;
const SCAN_BATCH = 512;

export type PublicIpv4Kind = 'auto' | 'elastic';

/** The first and last address of a range that are handed out. */
interface AddressRange {
  first: number;
  last: number;
}

/** Queries for the public addresses (as integers) held between two bounds, `?` and `?` inclusive. */
const HOLDERS = [
  'SELECT address FROM public_ipv4_addresses WHERE address >= ? AND address <= ?',
  'SELECT address FROM elastic_ips WHERE address >= ? AND address <= ?',
];

/** --public-ipv4-pool: a /8 to a /30, whose first and last address (network and broadcast) are never handed out. */
function autoRange(cidr: string): AddressRange {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed || parsed.prefix < 8 || parsed.prefix > 30) {
    throw new Error(`--public-ipv4-pool must be an IPv4 CIDR block from /8 to /30, not ${cidr}`);
  }
  return { first: parsed.base + 1, last: lastAddress(parsed) - 1 };
}

/** --eip-pool: any IPv4 block, down to one address; a block's network and broadcast addresses are skipped when it has them. */
function elasticRange(cidr: string): AddressRange {
  const parsed: Ipv4Cidr | undefined = parseIpv4Cidr(cidr);
  if (!parsed) throw new Error(`the Elastic IP pool must be an IPv4 CIDR block such as ${DEFAULT_ELASTIC_IP_POOL}, not ${cidr}`);
  const edges = parsed.prefix <= 30 ? 1 : 0;
  return { first: parsed.base + edges, last: lastAddress(parsed) - edges };
}

const ranges: Record<PublicIpv4Kind, AddressRange> = {
  auto: autoRange(DEFAULT_PUBLIC_IPV4_POOL),
  elastic: elasticRange(DEFAULT_ELASTIC_IP_POOL),
};

/** Sets where auto-assigned addresses come from; throws a plain Error for the command line to report. */
export function configurePublicIpv4Pool(cidr: string): void {
  ranges.auto = autoRange(cidr);
}

/** Sets where Elastic IPs come from; throws a plain Error for the command line to report. */
export function configureElasticIpPool(cidr: string): void {
  ranges.elastic = elasticRange(cidr);
}

/** Addresses in [from, to] that some holder has, in order, at most SCAN_BATCH of each holder's. */
async function heldBetween(ctx: RequestContext, from: number, to: number): Promise<number[]> {
  const held = new Set<number>();
  for (const sql of HOLDERS) {
    const rows = await ctx.tx.all<{ address: number }>(`${sql} ORDER BY address LIMIT ?`, [from, to, SCAN_BATCH]);
    for (const row of rows) held.add(Number(row.address));
  }
  return [...held].sort((a, b) => a - b);
}

async function claim(ctx: RequestContext, address: number, kind: PublicIpv4Kind): Promise<boolean> {
  if ((await heldBetween(ctx, address, address)).length > 0) return false;
  const { changes } = await ctx.tx.run(
    `INSERT INTO public_ipv4_addresses (address, ip, account, region, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (address) DO NOTHING`,
    [address, formatIpv4(address), ctx.account, ctx.region.name, kind, ctx.now.toISOString()],
  );
  return changes === 1;
}

/** The first address in [from, to] that no holder has, or undefined. */
async function firstFree(ctx: RequestContext, from: number, to: number): Promise<number | undefined> {
  let candidate = from;
  while (candidate <= to) {
    const end = Math.min(to, candidate + SCAN_BATCH - 1);
    for (const address of await heldBetween(ctx, candidate, end)) {
      if (address > candidate) return candidate;
      candidate = address + 1;
    }
    if (candidate <= end) return candidate;
  }
  return undefined;
}

/** Takes a free address of the kind's range for the caller; undefined when the range is exhausted. */
export async function allocatePublicIpv4(ctx: RequestContext, kind: PublicIpv4Kind): Promise<string | undefined> {
  const { first, last } = ranges[kind];
  for (let draw = 0; draw < RANDOM_DRAWS; draw++) {
    const address = first + secureRandom.int(last - first + 1);
    if (await claim(ctx, address, kind)) return formatIpv4(address);
  }
  const start = first + secureRandom.int(last - first + 1);
  for (const [from, to] of [[start, last], [first, start - 1]] as const) {
    const address = await firstFree(ctx, from, to);
    if (address !== undefined && (await claim(ctx, address, kind))) return formatIpv4(address);
  }
  return undefined;
}

/** Takes `address` for the caller if it lies in the kind's range and nobody holds it. */
export async function claimPublicIpv4(ctx: RequestContext, kind: PublicIpv4Kind, address: number): Promise<boolean> {
  const { first, last } = ranges[kind];
  return address >= first && address <= last && claim(ctx, address, kind);
}

/** Gives `ip` back to the pool. */
export async function releasePublicIpv4(ctx: RequestContext, ip: string): Promise<void> {
  const address = parseIpv4(ip);
  if (address !== undefined) await ctx.tx.run('DELETE FROM public_ipv4_addresses WHERE address = ?', [address]);
}
