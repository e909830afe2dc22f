// Errors of security groups and their rules (security.md §1). Messages marked "observed" were seen in real AWS
// answers quoted in public bug reports; the others follow AWS's usual wording (spec markers T/U).
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

/** The characters EC2 allows in group names, group descriptions and rule descriptions, as its messages print them. */
const ALLOWED_SET = 'a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*';

// --- groups -------------------------------------------------------------------------------------------------

export const groupIdMalformed = malformedId('InvalidGroupId.Malformed', 'sg');

/** `The security group 'sg-…' does not exist` (T). */
export const groupNotFound = (ids: string[]) =>
  clientError(
    'InvalidGroup.NotFound',
    ids.length === 1
      ? `The security group '${ids[0]}' does not exist`
      : `The security groups '${ids.join(', ')}' do not exist`,
  );

/** A GroupName that is not in the default VPC; `none` when the account has no default VPC (observed). */
export const groupNameNotFound = (name: string, defaultVpcId: string) =>
  clientError(
    'InvalidGroup.NotFound',
    `The security group '${name}' does not exist in default VPC '${defaultVpcId === '' ? 'none' : defaultVpcId}'`,
  );

export const groupDuplicate = (name: string, vpcId: string) =>
  clientError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
export const groupNameReserved = (name: string) =>
  clientError('InvalidGroup.Reserved', `The security group name '${name}' is reserved.`);
export const groupNameSgPrefix = (name: string) =>
  invalidParameterValue(`Value (${name}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`);
export const nonAsciiValue = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Character sets beyond ASCII are not supported.`);
export const invalidGroupName = () =>
  invalidParameterValue(
    `Invalid security group name. Valid names are non-empty strings less than 256 characters from the following set:  ${ALLOWED_SET}`,
  );
export const invalidGroupDescription = () =>
  invalidParameterValue(
    `Invalid security group description. Valid descriptions are strings less than 256 characters from the following set:  ${ALLOWED_SET}`,
  );
export const groupDescriptionMissing = () => missingParameter('GroupDescription');
export const noDefaultVpc = () => clientError('VPCIdNotSpecified', 'No default VPC for this user');
export const securityGroupLimitExceeded = () =>
  clientError('SecurityGroupLimitExceeded', 'The maximum number of security groups has been reached.');
export const cannotDeleteDefaultGroup = (groupId: string) =>
  clientError('CannotDelete', `the specified group: "${groupId}" name: "default" cannot be deleted by a user`);
export const groupHasDependents = (groupId: string) =>
  clientError('DependencyViolation', `resource ${groupId} has a dependent object`);
/** Neither GroupId nor GroupName (observed). */
export const groupTargetMissing = () => missingParameter('groupName or groupId');

// --- rules --------------------------------------------------------------------------------------------------

export const protocolMissing = () =>
  invalidParameterValue("Invalid value 'null' for protocol. VPC security group rules must specify protocols explicitly.");
export const unknownProtocol = (protocol: string) =>
  invalidParameterValue(`Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
/** tcp/udp/icmp without any port (observed). */
export const portsRequired = (kind: 'TCP/UDP' | 'ICMP') =>
  invalidParameterValue(`Invalid value 'Must specify both from and to ports with ${kind}.' for portRange.`);
/** A tcp/udp port outside 0-65535, or left out while the other one was given (observed). */
export const portOutOfRange = (port: number) => clientError('InvalidPermission.Malformed', `TCP/UDP port (${port}) out of range`);
export const portRangeReversed = (from: number, to: number) =>
  invalidParameterValue(`Invalid value 'from port ${from} is greater than to port ${to}.' for portRange.`);
export const icmpValueOutOfRange = (what: 'type' | 'code', value: number) =>
  clientError('InvalidPermission.Malformed', `ICMP ${what} (${value}) out of range`);
export const icmpCodeWithoutType = (code: number) =>
  invalidParameterValue(`Invalid value 'ICMP code ${code} requires an ICMP type; use -1 for both.' for portRange.`);
/** (observed) */
export const malformedCidr = (cidr: string) => invalidParameterValue(`CIDR block ${cidr} is malformed`);
/** A permission without any peer (observed). */
export const sourceMissing = () =>
  clientError('MissingParameter', 'Missing source specification: include source security group or CIDR information');
export const permissionsMissing = () => missingParameter('ipPermissions');
/** The same rule twice in one request (observed). */
export const permissionRepeated = () => invalidParameterValue('The same permission must not appear multiple times');
/** `ruleText` is the quoted rule, e.g. `"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW"` (C). */
export const ruleDuplicate = (ruleText: string) =>
  clientError('InvalidPermission.Duplicate', `the specified rule ${ruleText} already exists`);
export const rulesLimitExceeded = () =>
  clientError('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
export const differentNetworks = () =>
  clientError('InvalidGroup.NotFound', 'You have specified two resources that belong to different networks.');
export const ruleNotFound = () =>
  clientError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
export const ruleIdNotFound = idsNotFound('InvalidSecurityGroupRuleId.NotFound', 'security group rule');
export const ruleIdMalformed = malformedId('InvalidSecurityGroupRuleId.Malformed', 'sgr');
export const prefixListIdMalformed = malformedId('InvalidPrefixListId.Malformed', 'pl');
/** (observed) */
export const invalidRuleDescription = () =>
  invalidParameterValue(
    `Invalid rule description. Valid descriptions are strings less than 256 characters from the following set:  ${ALLOWED_SET}`,
  );
export const sourceAndGroupTogether = () =>
  invalidParameterCombination('You may not specify both a source security group and a CIDR IP address range.');
export const severalRulePeers = () =>
  invalidParameterCombination(
    'Only one of CidrIpv4, CidrIpv6, PrefixListId and ReferencedGroupId may be specified for a security group rule.',
  );
export const ruleDescriptionsMissing = () =>
  clientError('MissingParameter', "Either 'ipPermissions' or 'securityGroupRuleDescriptions' should be provided.");
