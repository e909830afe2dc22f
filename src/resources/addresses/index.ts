/** Elastic IP addresses (addressing.md §5). */
import type { ActionTable } from '../context.js';
import { allocateAddress } from './allocate-address.js';
import { associateAddress } from './associate-address.js';
import { describeAddresses } from './describe-addresses.js';
import { disassociateAddress } from './disassociate-address.js';
import { releaseAddress } from './release-address.js';

export const addressActions: ActionTable = {
  AllocateAddress: allocateAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  ReleaseAddress: releaseAddress,
  DescribeAddresses: describeAddresses,
};
