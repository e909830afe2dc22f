/**
 * Elastic IP addresses (addressing.md §5). Loading this table also installs the addresses DescribeAddressesAttribute
 * reads (terraform-reads/address-lookup.ts).
 */
import type { ActionTable } from '../context.js';
import { provideAddressLookup } from '../terraform-reads/address-lookup.js';
import { elasticIpLookup } from './address-lookup-provider.js';
import { allocateAddress } from './allocate-address.js';
import { associateAddress } from './associate-address.js';
import { describeAddresses } from './describe-addresses.js';
import { disassociateAddress } from './disassociate-address.js';
import { releaseAddress } from './release-address.js';

provideAddressLookup(elasticIpLookup);

export const addressActions: ActionTable = {
  AllocateAddress: allocateAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  ReleaseAddress: releaseAddress,
  DescribeAddresses: describeAddresses,
};
