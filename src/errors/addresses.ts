// Errors of Elastic IP addresses (addressing.md §5).
// Allocation and instance ids share InvalidAllocationID.* / InvalidInstanceID.* with the Terraform reads
// (terraform-reads.ts); those entries are re-exported here so the addresses code has one catalogue to import from.
import { AwsError, clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './protocol.js';
import { idsNotFound } from './resources.js';

export { allocationIdMalformed, allocationsNotFound, instanceIdMalformed, instancesNotFound } from './terraform-reads.js';

/** `The maximum number of addresses has been reached.` (C) */
export const addressLimitExceeded = () => clientError('AddressLimitExceeded', 'The maximum number of addresses has been reached.');

/** `Address 'x.x.x.x' not found.` (T): DescribeAddresses' unknown public IP, and an address that cannot be had. */
export const addressNotFound = (publicIp: string) => clientError('InvalidAddress.NotFound', `Address '${publicIp}' not found.`);

/**
 * The configured public pool has no free address left. AWS lists InsufficientAddressCapacity among its server
 * errors ("Not enough available addresses to satisfy your minimum request"); it is a capacity problem, not the
 * caller's mistake, hence 500.
 */
export const addressPoolExhausted = () =>
  new AwsError('InsufficientAddressCapacity', 'Not enough available addresses to satisfy your minimum request.', 500);

export const invalidDomain = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter domain is invalid. Valid values are: vpc, standard`);
export const invalidAddressParameter = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter address is invalid. The address must be an IPv4 address.`);
export const unsupportedAddressPool = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. The pool does not exist.`);
export const invalidNetworkBorderGroup = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter networkBorderGroup is invalid.`);

/** `The association ID 'eipassoc-…' does not exist` (T). */
export const associationNotFound = idsNotFound('InvalidAssociationID.NotFound', 'association');

export const missingAllocationId = () => missingParameter('AllocationId');
export const missingAssociationId = () => missingParameter('AssociationId');
export const missingAssociationTarget = () => missingParameter('InstanceId or NetworkInterfaceId');
export const bothAssociationTargets = () =>
  invalidParameterCombination('You may specify an instance ID or a network interface ID, but not both.');


/** `Network vpc-… is not attached to any internet gateway` (C). */
export const gatewayNotAttached = (vpcId: string) =>
  clientError('Gateway.NotAttached', `Network ${vpcId} is not attached to any internet gateway`);

/** `resource eipalloc-… is already associated with associate-id eipassoc-…` (C message). */
export const resourceAlreadyAssociated = (resourceId: string, associationId: string) =>
  clientError('Resource.AlreadyAssociated', `resource ${resourceId} is already associated with associate-id ${associationId}`);

export const privateIpNotOnInterface = (privateIp: string, eniId: string) =>
  invalidParameterValue(`The private IP address ${privateIp} is not assigned to network interface ${eniId}.`);
export const interfaceWithoutIpv4 = (eniId: string) =>
  invalidParameterValue(`Network interface ${eniId} has no private IPv4 address to associate with.`);
export const interfaceDeniesInternetTraffic = (eniId: string) =>
  invalidParameterValue(`Network interface ${eniId} denies all internet gateway traffic and cannot take an Elastic IP address.`);

/** ReleaseAddress of an associated address outside the default VPC (C code; message U). */
export const addressInUse = (allocationId: string) =>
  clientError('InvalidIPAddress.InUse', `The address with allocation id [${allocationId}] is in use`);
