/**
 * SEAM for the instances work: what DescribeInstanceCreditSpecifications and GetInstanceUefiData know about the
 * caller's instances. Until instances exist nothing is found, so both actions answer for any id as AWS answers
 * for an unknown one. The instances code installs its own lookup once, when its module loads:
 *
 *     provideInstanceLookup(async (ctx, ids) => rows of `instances` for ctx.account / ctx.region.name,
 *                                               by id when `ids` is given (indexed), else all of them)
 */
import type { RequestContext } from '../context.js';

export interface InstanceFacts {
  instanceId: string;
  instanceType: string;
  /** The credit option chosen at launch (CreditSpecification.CpuCredits) or since; absent = the type's default. */
  cpuCredits?: 'standard' | 'unlimited';
  /** The instance's UEFI variable store (base64), for instances that boot in UEFI mode and have one. */
  uefiData?: string;
}

/**
 * The caller's instances with the given ids (ids that do not exist are simply missing from the answer), or all of
 * the caller's instances when `ids` is undefined. Order does not matter: callers sort.
 */
export type InstanceLookup = (ctx: RequestContext, ids: readonly string[] | undefined) => Promise<InstanceFacts[]>;

const noInstances: InstanceLookup = async () => [];
let current: InstanceLookup = noInstances;

export function provideInstanceLookup(lookup: InstanceLookup): void {
  current = lookup;
}

/** Back to "no instances" (for tests that installed a lookup of their own). */
export function resetInstanceLookup(): void {
  current = noInstances;
}

export const findInstances: InstanceLookup = (ctx, ids) => current(ctx, ids);
