/**
 * The pool public IPv4 addresses come from (addressing.md §5, §6): one server-wide range, set by
 * `vpclite serve --public-ipv4-pool CIDR`. The default is 198.18.0.0/15, the block IANA reserves for network
 * benchmarking (RFC 2544, RFC 6890: not globally reachable). An address made up by an emulator should never be
 * one that routes to a real host on the internet, so a real public range is out; 100.64.0.0/10 (RFC 6598) would be
 * the other candidate, but it is carrier-grade NAT space that clients meet on real networks and that AWS users put
 * in their VPCs (EKS secondary ranges), where a "public" address from it would look like a private one.
 *
 * Every address in use is a row of public_ipv4_addresses keyed by the address, so no two holders - auto-assigned
 * addresses or Elastic IPs, any account - can ever get the same one. A pick draws random addresses and claims the
 * first free one with ON CONFLICT DO NOTHING (expected constant time while the pool is not nearly full); after a
 * few collisions it looks for the lowest gap instead, which only a nearly full pool needs.
 */
import { insufficientAddressCapacity } from '../../errors/instances.js';
import { formatIpv4, formatIpv4Cidr, lastAddress, parseIpv4, parseIpv4Cidr, type Ipv4Cidr } from '../../net/ipv4.js';
import { secureRandom, type RandomSource } from '../../net/random.js';
import type { RequestContext } from '../context.js';

export const DEFAULT_PUBLIC_IPV4_POOL = '198.18.0.0/15';
const RANDOM_TRIES = 8;

export type PublicIpv4Kind = 'auto' | 'elastic';

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

async function claim(ctx: RequestContext, address: number, kind: PublicIpv4Kind): Promise<boolean> {
  const { changes } = await ctx.tx.run(
    `INSERT INTO public_ipv4_addresses (address, ip, account, region, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (address) DO NOTHING`,
    [address, formatIpv4(address), ctx.account, ctx.region.name, kind, ctx.now.toISOString()],
  );
  return changes === 1;
}

/** The lowest free address of the pool, through the primary key (only a nearly full pool gets here). */
async function lowestFree(ctx: RequestContext): Promise<number | undefined> {
  const lo = firstUsable();
  const hi = lastUsable();
  if (!(await ctx.tx.get('SELECT 1 AS x FROM public_ipv4_addresses WHERE address = ?', [lo]))) return lo;
  const gap = await ctx.tx.get<{ next: number }>(
    `SELECT a.address + 1 AS next FROM public_ipv4_addresses a
     WHERE a.address >= ? AND a.address < ?
       AND NOT EXISTS (SELECT 1 FROM public_ipv4_addresses b WHERE b.address = a.address + 1)
     ORDER BY a.address LIMIT 1`,
    [lo, hi],
  );
  return gap === undefined ? undefined : Number(gap.next);
}

/** Takes a free public address for the caller; InsufficientAddressCapacity when the pool is exhausted. */
export async function allocatePublicIpv4(ctx: RequestContext, kind: PublicIpv4Kind): Promise<string> {
  const lo = firstUsable();
  const span = lastUsable() - lo + 1;
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const address = lo + random.int(span);
    if (await claim(ctx, address, kind)) return formatIpv4(address);
  }
  const free = await lowestFree(ctx);
  if (free === undefined || !(await claim(ctx, free, kind))) throw insufficientAddressCapacity();
  return formatIpv4(free);
}

/** Gives `ip` back to the pool. */
export async function releasePublicIpv4(ctx: RequestContext, ip: string): Promise<void> {
  const address = parseIpv4(ip);
  if (address !== undefined) await ctx.tx.run('DELETE FROM public_ipv4_addresses WHERE address = ?', [address]);
}
