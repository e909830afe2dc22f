// Errors of instances and their network attachments (instances.md; network-interfaces.md §3, §4.7, §4.8;
// addressing.md §6). Confidence follows the spec: codes are AWS's; wording is AWS's where the spec marks it C or T,
// and written in AWS's style where it is U.
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue } from './protocol.js';
import { malformedId } from './resources.js';

export { instanceIdMalformed, instancesNotFound } from './terraform-reads.js';

// --- RunInstances: parameters (instances.md §1) ---
export const invalidInstanceType = (type: string) => invalidParameterValue(`Invalid value '${type}' for InstanceType.`);
export const invalidCount = (parameter: 'minCount' | 'maxCount', value: number) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Expected a positive integer.`);
export const minAboveMax = (min: number, max: number) =>
  invalidParameterValue(`Value (${min}) for parameter minCount is invalid. minCount must not exceed maxCount (${max}).`);
/** C: the message AWS answers when NetworkInterface.N and an instance-level subnet come together. */
export const interfacesWithSubnet = () =>
  invalidParameterCombination('Network interfaces and an instance-level subnet ID may not be specified on the same request');
/** T: AWS's own wording for groups; the others follow it. */
export const interfacesWithInstanceLevel = (what: string) =>
  invalidParameterCombination(`Network interfaces and an instance-level ${what} may not be specified on the same request`);
export const associatePublicIpWithSeveralInterfaces = () =>
  invalidParameterCombination(
    'The associatePublicIPAddress parameter cannot be specified when launching with multiple network interfaces.',
  );
export const associatePublicIpOnExistingInterface = () =>
  invalidParameterCombination('The associatePublicIPAddress parameter cannot be specified for an existing network interface.');
export const associatePublicIpNotOnPrimary = () =>
  invalidParameterCombination(
    'The associatePublicIPAddress parameter can only be specified for the network interface with DeviceIndex 0.',
  );
export const deleteOnTerminationForExisting = () =>
  invalidParameterCombination(
    'DeleteOnTermination can only be true for a network interface that the launch creates.',
  );
export const existingInterfaceWithCount = () =>
  invalidParameterCombination('An existing network interface can only be used when launching a single instance.');
export const privateAddressWithCount = () =>
  invalidParameterCombination('A private IP address can only be specified when launching a single instance.');
export const existingInterfaceWithSettings = (eniId: string) =>
  invalidParameterCombination(
    `The network interface ${eniId} already exists: its subnet, groups, description and addresses cannot be given at launch.`,
  );
export const missingDeviceIndex = () => invalidParameterValue('Each network interface requires a device index.');
export const duplicateDeviceIndex = (index: number) =>
  invalidParameterValue(`Each network interface requires a unique device index; device index ${index} is used twice.`);
export const noPrimaryInterface = () =>
  invalidParameterValue('A network interface with device index 0 is required when network interfaces are specified.');
export const primaryOnOtherCard = () =>
  invalidParameterValue('The network interface with device index 0 must be on network card 0.');
export const interfaceWithoutSubnet = (index: number) =>
  invalidParameterValue(`The network interface at device index ${index} needs either a subnet ID or a network interface ID.`);
export const invalidLaunchInterfaceType = (type: string) =>
  invalidParameterValue(`Value (${type}) for parameter interfaceType is invalid. Valid values: interface, efa, efa-only.`);
export const invalidDeviceIndex = (value: number) =>
  invalidParameterValue(`Value (${value}) for parameter deviceIndex is invalid. Expected a non-negative integer.`);
export const invalidCpuCredits = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter cpuCredits is invalid. Valid values: standard, unlimited.`);
export const invalidShutdownBehavior = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values: stop, terminate.`);
export const invalidTenancy = (value: string) =>
  invalidParameterValue(`Value (${value}) for parameter tenancy is invalid. Valid values: default, dedicated.`);
export const invalidMetadataOption = (parameter: string, value: string | number) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid.`);
export const invalidVolumeSize = (size: number, minimum: number) =>
  invalidParameterValue(`Volume of size ${size}GB is smaller than snapshot, expect size >= ${minimum}GB`);
export const invalidVolumeType = (type: string) =>
  invalidParameterValue(`Value (${type}) for parameter volumeType is invalid. Valid values: standard, io1, io2, gp2, sc1, st1, gp3.`);

// --- RunInstances: against the store ---
/** C (instances.md §1). */
export const placementZoneMismatch = (zone: string, subnetId: string, subnetZone: string) =>
  invalidParameterValue(
    `Value (${zone}) for parameter availabilityZone is invalid. Subnet '${subnetId}' is in the availability zone ${subnetZone}`,
  );
export const invalidPlacementZone = (zone: string) => invalidParameterValue(`Invalid availability zone: [${zone}]`);
export const placementGroupUnknown = (name: string) =>
  clientError('InvalidPlacementGroup.Unknown', `The Placement Group '${name}' is unknown.`);
export const noDefaultVpc = () => clientError('VPCIdNotSpecified', 'No default VPC for this user');
export const noDefaultSubnet = (zone: string) =>
  clientError('MissingInput', `No default subnet for availability zone: '${zone}'.`);
export const groupNamesOutsideDefaultVpc = () =>
  invalidParameterCombination('The parameter groupName cannot be used with the parameter subnet');
export const groupNameNotFound = (name: string, vpcId: string) =>
  clientError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpcId}'`);
export const architectureMismatch = (typeArchitectures: string, imageArchitecture: string) =>
  invalidParameterValue(
    `The architecture '${typeArchitectures}' of the specified instance type does not match the architecture ` +
      `'${imageArchitecture}' of the specified AMI. Specify an instance type and an AMI that have matching ` +
      `architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the ` +
      'architecture of the instance type or AMI.',
  );
/** C (network-interfaces.md §3 rule 11). */
export const interfaceInUse = (eniId: string) => clientError('InvalidNetworkInterface.InUse', `Interface: [${eniId}] in use.`);
/** The interfaces of one launch, or an ENI and its instance, in different zones (code U, wording AWS's). */
export const zoneMismatch = () =>
  invalidParameterCombination(
    'You may not attach a network interface to an instance if they are not in the same availability zone',
  );
/** C (network-interfaces.md §3 rule 5): `count` is the would-be total. */
export const attachmentLimitExceeded = (count: number, type: string) =>
  clientError('AttachmentLimitExceeded', `Interface count ${count} exceeds the limit for ${type}`);
/** Code C (instances.md §1); used for launches and for attachments of an ENI that holds too many addresses. */
export const interfaceAddressLimitExceeded = (type: string) =>
  clientError(
    'InvalidInterface.IpAddressLimitExceeded',
    `The number of IP addresses on the network interface exceeds the limit per interface for instance type ${type}.`,
  );
export const invalidNetworkCardIndex = (index: number, type: string) =>
  invalidParameterValue(`Network card index ${index} is not valid for instance type ${type}.`);
export const efaNotSupported = (type: string) =>
  invalidParameterValue(`The instance type ${type} does not support Elastic Fabric Adapter (EFA) interfaces.`);
export const ipv6NotSupported = (type: string) =>
  invalidParameterValue(`The instance type ${type} does not support IPv6 addresses.`);
export const insufficientAddressCapacity = () =>
  clientError('InsufficientAddressCapacity', 'There are no more public IPv4 addresses available in the pool.');

// --- lifecycle (instances.md §2, §3) ---
export const incorrectInstanceState = (instanceId: string, action: 'stopped' | 'started' | 'rebooted') =>
  clientError('IncorrectInstanceState', `This instance '${instanceId}' is not in a state from which it can be ${action}.`);
export const instanceNotStopped = (instanceId: string) =>
  clientError('IncorrectInstanceState', `The instance '${instanceId}' is not in the 'stopped' state.`);
export const instanceNotUsable = (instanceId: string) =>
  clientError('IncorrectInstanceState', `The instance '${instanceId}' is not in a valid state for this operation.`);
/** T (instances.md §3). */
export const terminationProtected = (instanceId: string) =>
  clientError(
    'OperationNotPermitted',
    `The instance '${instanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
  );
export const stopProtected = (instanceId: string) =>
  clientError(
    'OperationNotPermitted',
    `The instance '${instanceId}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`,
  );
export const hibernationNotConfigured = (instanceId: string) =>
  clientError(
    'UnsupportedHibernationConfiguration',
    `The instance '${instanceId}' is not configured for hibernation: launch it with HibernationOptions.Configured=true.`,
  );

// --- attachments (network-interfaces.md §4.7, §4.8) ---
/** C (network-interfaces.md §3 rule 4). */
export const deviceIndexInUse = (instanceId: string, index: number) =>
  invalidParameterValue(`Instance '${instanceId}' already has an interface attached at device index '${index}'.`);
/** C (network-interfaces.md §3 rule 3). */
export const primaryNotDetachable = () =>
  clientError('OperationNotPermitted', 'The network interface at device index 0 and networkCard index 0 cannot be detached.');
/** C: attachments of services (`ela-attach-…` and the like). */
export const serviceAttachment = (prefix: string) =>
  clientError('OperationNotPermitted', `You are not allowed to manage '${prefix}' attachments.`);
/** C code (network-interfaces.md §4.8). */
export const attachmentIdMalformed = malformedId('InvalidNetworkInterfaceAttachmentId.Malformed', 'eni-attach');
export const requesterManagedAttachment = (eniId: string) =>
  clientError('OperationNotPermitted', `The network interface '${eniId}' is managed by a service and cannot be attached or detached.`);
export const invalidNetworkCard = (value: number) =>
  invalidParameterValue(`Value (${value}) for parameter networkCardIndex is invalid. Expected a non-negative integer.`);

// --- attributes (instances.md §5) ---
/**
 * C: sourceDestCheck and groupSet act on the only ENI; with several the ENI API must be used. AssociateAddress and
 * CreateRoute answer the same for an instance target (T message, addressing.md §5.2).
 */
export const multipleInterfaces = (instanceId: string) =>
  clientError(
    'InvalidInstanceID',
    `There are multiple interfaces attached to instance '${instanceId}'. Please specify an interface ID for the operation instead.`,
  );
export const unsupportedAttribute = (name: string) =>
  clientError('UnsupportedOperation', `The attribute '${name}' cannot be modified for this instance.`);
export const deviceNotAttached = (device: string, instanceId: string) =>
  invalidParameterValue(`No device is attached at '${device}' on instance '${instanceId}'.`);
export const invalidAttributeValue = (attribute: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${attribute} is invalid.`);
export const groupSetRequired = () =>
  clientError('MissingParameter', 'The request must contain the parameter groupId');
