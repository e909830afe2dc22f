/**
 * Reading DescribeNetworkInterfaces / CreateNetworkInterface answers in the ENI benchmarks: ids, private
 * addresses and the pages of a listing (following NextToken). Regular expressions are enough: the benchmarks
 * only count ids and compare addresses, and reading them this way costs the client little.
 */
import type { BenchClient } from './client.js';

const all = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);

export const eniIds = (xml: string): string[] => all(xml, 'networkInterfaceId');

/**
 * Addresses held by more than one ENI of an answer: each ENI of these benchmarks has exactly one private address,
 * shown twice (the ENI's own `privateIpAddress` and its item in `privateIpAddressesSet`), so every ENI beyond the
 * first on one address is a duplicate.
 */
export function duplicateAddresses(enis: number, addresses: Iterable<string>): number {
  return enis - new Set(addresses).size;
}

export const privateAddresses = (xml: string): string[] => all(xml, 'privateIpAddress');

export interface Listing {
  enis: number;
  pages: number;
  ms: number;
  /** Every distinct private address seen (for duplicate checks). */
  addresses: Set<string>;
  /** False when the deadline came before the last page. */
  complete: boolean;
}

/**
 * Every ENI `params` selects, page by page: `MaxResults` as given, then `NextToken` until there is none. A
 * server that ignores MaxResults (moto 5.2.1 does) answers everything in one page. Stops starting pages after
 * `deadlineMs` (a page in flight is not cut).
 */
export async function listAll(
  client: BenchClient,
  params: Record<string, string>,
  options: { deadlineMs?: number; keepAddresses?: boolean } = {},
): Promise<Listing> {
  const started = performance.now();
  const deadline = started + (options.deadlineMs ?? Infinity);
  const listing: Listing = { enis: 0, pages: 0, ms: 0, addresses: new Set(), complete: false };
  let token: string | undefined;
  do {
    const body = await client.expect({ Action: 'DescribeNetworkInterfaces', ...params, ...(token ? { NextToken: token } : {}) });
    listing.pages += 1;
    listing.enis += eniIds(body).length;
    if (options.keepAddresses) for (const a of privateAddresses(body)) listing.addresses.add(a);
    token = /<nextToken>([^<]+)<\/nextToken>/.exec(body)?.[1];
  } while (token && performance.now() < deadline);
  listing.complete = token === undefined;
  listing.ms = performance.now() - started;
  return listing;
}

/** Fails unless `xml` holds exactly `count` ENIs: a read benchmark must read what it claims to. */
export function expectedCount(xml: string, count: number): void {
  const found = eniIds(xml).length;
  if (found !== count) throw new Error(`expected ${count} ENIs in the answer, found ${found}`);
}
