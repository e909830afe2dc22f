// Errors of network interfaces, their addresses and permissions (network-interfaces.md §1, §3, §4; addressing.md §2-§4).
// Subnet and security-group errors that ENI actions raise are here too, under their AWS codes; when the subnet and
// security-group catalogues land they can be shared from there.
import { clientError } from './aws-error.js';
import { invalidParameter, invalidParameterCombination, invalidParameterValue } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

export const eniNotFound = idsNotFound('InvalidNetworkInterfaceID.NotFound', 'networkInterface');
export const eniIdMalformed = malformedId('InvalidNetworkInterfaceId.Malformed', 'eni');
/** Spec fact 1: deleting an attached ENI is InvalidParameterValue, not InvalidNetworkInterface.InUse. */
export const eniInUse = (eniId: string) => invalidParameterValue(`Network interface '${eniId}' is currently in use.`);
export const networkInterfaceLimitExceeded = () =>
  clientError('NetworkInterfaceLimitExceeded', 'You have reached the limit of network interfaces for this region.');
export const requesterManagedNotModifiable = (eniId: string) =>
  clientError('OperationNotPermitted', `The network interface '${eniId}' is managed by a service and cannot be modified.`);

export const eniGroupNotFound = (groupId: string) =>
  clientError('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
export const eniGroupIdMalformed = malformedId('InvalidGroupId.Malformed', 'sg');
export const groupInOtherNetwork = (groupId: string, subnetId: string) =>
  invalidParameter(`Security group ${groupId} and subnet ${subnetId} belong to different networks.`);
export const groupOfOtherVpc = (groupId: string, vpcId: string) =>
  invalidParameter(`Security group ${groupId} does not belong to the network ${vpcId} of the network interface.`);
export const tooManyGroups = () =>
  clientError(
    'SecurityGroupsPerInterfaceLimitExceeded',
    'The maximum number of security groups per interface has been reached.',
  );

export const invalidInterfaceType = (type: string) =>
  invalidParameterValue(`Value (${type}) for parameter interfaceType is invalid. Valid values: interface, efa, efa-only, trunk.`);
export const descriptionTooLong = () =>
  invalidParameterValue('Value for parameter description is invalid. Descriptions can be at most 255 characters long.');
export const invalidAddress = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. This is not a valid IP address.`);
export const invalidPrefix = (parameter: string, value: string, length: number) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Expected an aligned /${length} prefix.`);
export const invalidCount = (parameter: string, value: number) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Expected a non-negative number.`);
export const addressOutsideSubnet = (address: string, cidr: string) =>
  invalidParameterValue(`Address ${address} does not fall within the subnet's address range ${cidr}.`);
export const reservedAddress = (address: string) =>
  invalidParameterValue(`Address ${address} is reserved by AWS in its subnet and cannot be assigned.`);
export const prefixOutsideSubnet = (prefix: string, cidr: string) =>
  invalidParameterValue(`Prefix ${prefix} does not fall within the usable range of subnet ${cidr}.`);
export const addressInUse = () => clientError('InvalidIPAddress.InUse', 'The specified address is already in use.');
export const prefixInUse = (prefix: string) =>
  clientError('InvalidIPAddress.InUse', `The specified prefix ${prefix} overlaps an address or prefix already in use.`);
export const primaryAddressNotReassignable = (address: string) =>
  clientError('InvalidIPAddress.InUse', `The address ${address} is the primary private address of another network interface and cannot be reassigned.`);
export const insufficientFreeAddresses = (subnetId: string) =>
  clientError(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnetId}' to satisfy the requested number of addresses.`,
  );
export const subnetWithoutIpv6 = (subnetId: string) =>
  invalidParameterValue(`The subnet '${subnetId}' has no IPv6 CIDR block to assign addresses from.`);
export const subnetWithoutIpv4 = (subnetId: string) =>
  invalidParameterValue(`The subnet '${subnetId}' is IPv6-only and has no IPv4 addresses to assign.`);
export const privateAddressLimitExceeded = () =>
  clientError('PrivateIpAddressLimitExceeded', 'Number of private addresses will exceed limit.');
export const ipv6AddressLimitExceeded = () =>
  clientError('PrivateIpAddressLimitExceeded', 'Number of IPv6 addresses will exceed limit.');
export const efaOnlyWithAddresses = () =>
  invalidParameterCombination('An efa-only network interface cannot have IP addresses.');
export const addressCombination = (message: string) => invalidParameterCombination(message);
export const nothingToAssign = (parameters: string) =>
  clientError('MissingParameter', `The request must contain one of the parameters ${parameters}`);
export const addressNotAssigned = (eniId: string, addresses: string[]) =>
  invalidParameterValue(`Some of the specified addresses are not assigned to interface ${eniId}: ${addresses.join(', ')}`);
export const primaryAddressNotUnassignable = (address: string) =>
  invalidParameterValue(`The primary address ${address} of a network interface cannot be unassigned.`);
export const invalidTimeout = (parameter: string, value: number, min: number, max: number) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Expected a value between ${min} and ${max}.`);

export const attachmentNotFound = (attachmentId: string) =>
  clientError('InvalidAttachmentID.NotFound', `The attachment ID '${attachmentId}' does not exist`);
export const multipleAttributes = (names: string[]) =>
  invalidParameterCombination(`Fields for multiple attribute types specified: ${names.join(', ')}`);
export const noAttributes = () => invalidParameterCombination('No attributes specified.');
export const invalidAttribute = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter attribute is invalid. Unknown attribute.`);
export const noPrimaryIpv6Candidate = (eniId: string) =>
  invalidParameterValue(`The network interface '${eniId}' has no IPv6 address to make primary.`);

export const permissionNotFound = idsNotFound('InvalidNetworkInterfacePermissionID.NotFound', 'networkInterfacePermission');
export const invalidPermissionType = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter permission is invalid. Valid values: INSTANCE-ATTACH, EIP-ASSOCIATE.`);
export const invalidAccountId = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter awsAccountId is invalid. Expected a 12-digit account id.`);
export const awsServiceNotSupported = () =>
  invalidParameterValue('The parameter awsService is currently not supported.');
export const permissionDuplicate = (eniId: string, account: string) =>
  clientError('InvalidPermission.Duplicate', `The permission for account ${account} on network interface ${eniId} already exists.`);
export const permissionInUse = (permissionId: string) =>
  clientError(
    'OperationNotPermitted',
    `The permission ${permissionId} cannot be deleted while the grantee has the network interface attached; use Force.`,
  );
export const duplicateAddress = (address: string) =>
  invalidParameterValue(`The address ${address} is specified more than once in the request.`);
export const associatedSubnetMismatch = (subnetId: string, eniId: string) =>
  invalidParameterValue(`Subnet ${subnetId} is not in the VPC and availability zone of network interface ${eniId}.`);
