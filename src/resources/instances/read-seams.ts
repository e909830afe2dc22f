/**
 * What instances give the code that was written before them, through the seams it left:
 * - the Terraform reads (terraform-reads/): DescribeInstanceCreditSpecifications and GetInstanceUefiData see the
 *   caller's instances, DescribeVolumes their volumes;
 * - the ENI address actions (network-interfaces/address-limits.ts): an attached ENI gets the per-interface address
 *   limits of its instance's type, so Assign* on it answers PrivateIpAddressLimitExceeded past them.
 */
import type { RequestContext } from '../context.js';
import { instanceTypeLimits } from '../instance-types/catalog.js';
import { provideInstanceAddressHooks } from '../addresses/instance-hooks.js';
import { setInstanceTypeLimits, type AddressLimits } from '../network-interfaces/address-limits.js';
import { instanceAddressHooks } from './address-hooks.js';

async function limitsOfInstance(ctx: RequestContext, instanceId: string): Promise<AddressLimits> {
  const row = await ctx.tx.get<{ instance_type: string }>(
    'SELECT instance_type FROM instances WHERE id = ? AND account = ? AND region = ?',
    [instanceId, ctx.account, ctx.region.name],
  );
  const limits = row ? instanceTypeLimits(row.instance_type) : undefined;
  if (!limits) return {};
  return { ipv4: limits.ipv4AddressesPerInterface, ipv6: limits.ipv6AddressesPerInterface };
}

/** Installs the seams; the instances table of the registry calls it once, when it loads. */
export function installInstanceSeams(): void {
  setInstanceTypeLimits(limitsOfInstance);
  provideInstanceAddressHooks(instanceAddressHooks);
}
