// Errors of subnets and their IPv6 blocks (addressing.md §2, §4). Messages marked C in the spec or seen in real AWS
// output are reproduced exactly; the others follow AWS's usual wording.
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

export const subnetNotFound = idsNotFound('InvalidSubnetID.NotFound', 'subnet');
export const subnetIdMalformed = malformedId('InvalidSubnetID.Malformed', 'subnet');

/** A block outside every VPC block, or not /16–/28 (C). */
export const subnetRange = (cidr: string) => clientError('InvalidSubnet.Range', `The CIDR '${cidr}' is invalid.`);
/** An IPv6 /64 outside every IPv6 block of the VPC (observed in real AWS output). */
export const subnetIpv6Range = (cidr: string) =>
  clientError('InvalidSubnet.Range', `The IPv6 CIDR '${cidr}' is invalid.`);
export const subnetConflict = (cidr: string) =>
  clientError('InvalidSubnet.Conflict', `The CIDR '${cidr}' conflicts with another subnet`);
/** An IPv6 subnet block that is not a /64 (observed form). */
export const invalidSubnetIpv6Cidr = (cidr: string) =>
  invalidParameterValue(`invalid value for parameter ipv6-cidr-block: ${cidr}`);
export const subnetLimitExceeded = () =>
  clientError('SubnetLimitExceeded', 'The maximum number of subnets has been reached.');
export const subnetDependencyViolation = (subnetId: string) =>
  clientError('DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`);

/** `zones` in the region's order, as AWS lists them: `…zones: us-east-1a, us-east-1b.` */
export const invalidAvailabilityZone = (zone: string, zones: string[]) =>
  invalidParameterValue(
    `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`,
  );
export const invalidAvailabilityZoneId = (zoneId: string, zoneIds: string[]) =>
  invalidParameterValue(
    `Value (${zoneId}) for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: ${zoneIds.join(', ')}.`,
  );
export const zoneAndZoneIdDisagree = () =>
  invalidParameterCombination('The parameters availabilityZone and availabilityZoneId refer to different zones.');

export const subnetCidrMissing = () =>
  clientError('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
export const ipv6NativeWithIpv4 = () =>
  invalidParameterCombination('An IPv6-only subnet cannot have an IPv4 CIDR block (cidrBlock).');
export const ipv6NativeWithoutIpv6 = () => missingParameter('ipv6CidrBlock');
export const outpostNotFound = (arn: string) =>
  invalidParameterValue(`Value (${arn}) for parameter outpostArn is invalid.`);

/** ModifySubnetAttribute takes one attribute per call (C: code; wording as AWS reports it). */
export const multipleSubnetAttributes = (names: string[]) =>
  invalidParameterCombination(
    `Only one subnet attribute can be modified at a time. Provided attributes: [${names.join(', ')}]`,
  );
export const noSubnetAttribute = () => missingParameter('attribute');
/** Real AWS output (C). */
export const assignIpv6WithoutBlock = (subnetId: string) =>
  invalidParameterValue(
    `Invalid value 'true' for assign-ipv6-address-on-creation. Cannot set assign-ipv6-address-on-creation to true unless the subnet (${subnetId}) has an IPv6 CIDR block associated with it.`,
  );
export const ipv6NativeNeedsAssignIpv6 = (subnetId: string) =>
  invalidParameterValue(
    `Invalid value 'false' for assign-ipv6-address-on-creation. The subnet (${subnetId}) is IPv6-only and always assigns IPv6 addresses.`,
  );
export const dns64WithoutBlock = (subnetId: string) =>
  invalidParameterValue(
    `Invalid value 'true' for enable-dns64. Cannot set enable-dns64 to true unless the subnet (${subnetId}) has an IPv6 CIDR block associated with it.`,
  );
export const invalidHostnameType = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter privateDnsHostnameTypeOnLaunch is invalid.`);
export const ipv6NativeNeedsResourceName = (subnetId: string) =>
  invalidParameterValue(
    `Invalid value 'ip-name' for private-dns-hostname-type-on-launch. The subnet (${subnetId}) is IPv6-only and must use resource-name.`,
  );
export const notAnOutpostSubnet = (subnetId: string) =>
  invalidParameterValue(`The subnet '${subnetId}' is not an Outpost subnet.`);
export const invalidLniDeviceIndex = (index: number) =>
  invalidParameterValue(`Value (${index}) for parameter enableLniAtDeviceIndex is invalid.`);

export const subnetCidrAssociationNotFound = (id: string) =>
  clientError(
    'InvalidSubnetCidrBlockAssociationID.NotFound',
    `The subnet CIDR block with association ID '${id}' does not exist`,
  );
/** Observed form (C): `The subnet CIDR block with association ID  is malformed` for an empty id. */
export const subnetCidrAssociationMalformed = (id: string) =>
  clientError(
    'InvalidSubnetCidrBlockAssociationId.Malformed',
    `The subnet CIDR block with association ID ${id} is malformed`,
  );
/** Real AWS output (C). */
export const subnetIpv6BlockInUse = (associationId: string) =>
  clientError(
    'InvalidCidrBlock.InUse',
    `The subnet IPv6 CIDR block with association ID ${associationId} may not be disassociated, because its subnet has assign-ipv6-address-on-creation set to true.`,
  );
export const subnetAlreadyHasIpv6 = (subnetId: string) =>
  invalidParameterValue(`There is already an IPv6 CIDR block associated with the subnet ${subnetId}.`);
export const subnetIpv6CidrMissing = () => missingParameter('ipv6CidrBlock');
