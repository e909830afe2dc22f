/**
 * What instances give the code that was written before them, through the seams it left:
 * - the Terraform reads (terraform-reads/): DescribeInstanceCreditSpecifications and GetInstanceUefiData see the
 *   caller's instances, DescribeVolumes their volumes;
 * - the ENI address actions (network-interfaces/address-limits.ts): an attached ENI gets the per-interface address
 *   limits of its instance's type, so Assign* on it answers PrivateIpAddressLimitExceeded past them.
 */
import { provideInstanceAddressHooks } from '../addresses/instance-hooks.js';
import { instanceAddressHooks } from './address-hooks.js';

/** Installs the seams; the instances table of the registry calls it once, when it loads. */
export function installInstanceSeams(): void {
  provideInstanceAddressHooks(instanceAddressHooks);
}
