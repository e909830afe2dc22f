/**
 * The pool public IPv4 addresses come from (addressing.md §5, §6): one server-wide range, set by
 * `vpclite serve --public-ipv4-pool CIDR`. The default is 198.19.0.0/16, the upper half of the block IANA reserves
 * for network benchmarking (RFC 2544, RFC 6890: not globally reachable); Elastic IPs take the lower half. An address made up by an emulator should never be
 * one that routes to a real host on the internet, so a real public range is out; 100.64.0.0/10 (RFC 6598) would be
 * the other candidate, but it is carrier-grade NAT space that clients meet on real networks and that AWS users put
 * in their VPCs (EKS secondary ranges), where a "public" address from it would look like a private one.
 *
 * Every auto-assigned address in use is a row of public_ipv4_addresses keyed by the address, so two instances can
 * never get the same one, across accounts and regions. Other tables that hold public addresses drawn from the same
 * range (Elastic IPs) are listed in PUBLIC_ADDRESS_HOLDERS, one query each, and an address any of them holds is
 * never handed out. A pick draws random addresses and claims the first free one with ON CONFLICT DO NOTHING
 * (expected constant time while the pool is not nearly full); after a few misses it walks the pool in batches from
 * a random point, which only a nearly full pool needs.
 */
import { insufficientAddressCapacity } from '../../errors/instances.js';
import { formatIpv4, formatIpv4Cidr, lastAddress, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { secureRandom, type RandomSource } from '../../net/random.js';
import type { RequestContext } from '../context.js';

export const DEFAULT_PUBLIC_IPV4_POOL = '198.19.0.0/16';
const RANDOM_DRAWS = 8;
const SCAN_BATCH = 512;

export type PublicIpv4Kind = 'auto' | 'elastic';

/**
 * Queries for the public addresses (as integers) other tables hold between two bounds, `?` and `?` inclusive. The
 * Elastic IP table joins with one line: `'SELECT address FROM elastic_ips WHERE address >= ? AND address <= ?'`.
 */
export const PUBLIC_ADDRESS_HOLDERS: string[] = [
  'SELECT address FROM public_ipv4_addresses WHERE address >= ? AND address <= ?',
  'SELECT address FROM elastic_ips WHERE address >= ? AND address <= ?',
];

let pool: Ipv4Cidr = parseIpv4Cidr(DEFAULT_PUBLIC_IPV4_POOL)!;
let random: RandomSource = secureRandom;

/** Sets the pool from `cidr` (a /8 to a /30); throws a plain Error for the command line to report. */
export function configurePublicIpv4Pool(cidr: string): void {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed || parsed.prefix < 8 || parsed.prefix > 30) {
    throw new Error(`--public-ipv4-pool must be an IPv4 CIDR block from /8 to /30, not ${cidr}`);
  }
  pool = parsed;
}

export function publicIpv4Pool(): string {
  return formatIpv4Cidr(pool);
}

/** For tests that want reproducible picks. */
export function usePublicIpv4Random(source: RandomSource): void {
  random = source;
}

/** The first and last address of the pool are never handed out (they read as network and broadcast addresses). */
const firstUsable = () => pool.base + 1;
const lastUsable = () => lastAddress(pool) - 1;

/** Addresses in [from, to] that some holder has, in order, at most SCAN_BATCH of each holder's. */
async function heldBetween(ctx: RequestContext, from: number, to: number): Promise<number[]> {
  const held = new Set<number>();
  for (const sql of PUBLIC_ADDRESS_HOLDERS) {
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

/** Takes a free public address for the caller; InsufficientAddressCapacity when the pool is exhausted. */
export async function allocatePublicIpv4(ctx: RequestContext, kind: PublicIpv4Kind): Promise<string> {
  const lo = firstUsable();
  const hi = lastUsable();
  for (let draw = 0; draw < RANDOM_DRAWS; draw++) {
    const address = lo + random.int(hi - lo + 1);
    if (await claim(ctx, address, kind)) return formatIpv4(address);
  }
  const start = lo + random.int(hi - lo + 1);
  for (const [from, to] of [[start, hi], [lo, start - 1]] as const) {
    const address = await firstFree(ctx, from, to);
    if (address !== undefined && (await claim(ctx, address, kind))) return formatIpv4(address);
  }
  throw insufficientAddressCapacity();
}

/** Gives `ip` back to the pool. */
export async function releasePublicIpv4(ctx: RequestContext, ip: string): Promise<void> {
  const address = parseIpv4(ip);
  if (address !== undefined) await ctx.tx.run('DELETE FROM public_ipv4_addresses WHERE address = ?', [address]);
}
