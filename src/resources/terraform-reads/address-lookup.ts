/**
 * SEAM for the Elastic IP work: the caller's Elastic IPs as DescribeAddressesAttribute sees them. Until
 * addresses exist there are none: the action answers InvalidAllocationID.NotFound for any allocation id and an
 * empty list otherwise. The addresses code installs its own lookup once, when its module loads:
 *
 *     provideAddressLookup(async (ctx, allocationIds) => the caller's addresses, by allocation id when given)
 */
import type { RequestContext } from '../context.js';

export interface AddressFacts {
  allocationId: string;
  publicIp: string;
  /** The reverse DNS name set with ModifyAddressAttribute; absent when none is set. */
  ptrRecord?: string;
}

/**
 * The caller's Elastic IPs with the given allocation ids (unknown ids are simply missing), or all of them when
 * `allocationIds` is undefined. Order does not matter: callers sort.
 */
export type AddressLookup = (ctx: RequestContext, allocationIds: readonly string[] | undefined) => Promise<AddressFacts[]>;

const noAddresses: AddressLookup = async () => [];
let current: AddressLookup = noAddresses;

export function provideAddressLookup(lookup: AddressLookup): void {
  current = lookup;
}

export function resetAddressLookup(): void {
  current = noAddresses;
}

export const findAddresses: AddressLookup = (ctx, ids) => current(ctx, ids);
