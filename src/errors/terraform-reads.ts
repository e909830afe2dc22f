// Errors of the reads Terraform makes for aws_instance and aws_eip besides DescribeInstances / DescribeAddresses:
// DescribeInstanceCreditSpecifications, GetInstanceUefiData, DescribeAddressesAttribute. The instance and
// address families may define the same codes; these are the same errors (instances.md §4, addressing.md §5.2).
import { invalidParameterValue } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

/** `The instance ID 'i-…' does not exist` / `The instance IDs 'i-1, i-2' do not exist` (T). */
export const instancesNotFound = idsNotFound('InvalidInstanceID.NotFound', 'instance');
export const instanceIdMalformed = malformedId('InvalidInstanceID.Malformed', 'i');

/** `The allocation ID 'eipalloc-…' does not exist` (T). */
export const allocationsNotFound = idsNotFound('InvalidAllocationID.NotFound', 'allocation');
export const allocationIdMalformed = malformedId('InvalidAllocationID.Malformed', 'eipalloc');

export const invalidAddressAttribute = (name: string) =>
  invalidParameterValue(`Value (${name}) for parameter attribute is invalid. Valid values are: domain-name`);
