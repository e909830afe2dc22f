// Errors of network ACLs (security.md §2).
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

/** `The networkAcl ID 'acl-…' does not exist`. */
export const networkAclNotFound = idsNotFound('InvalidNetworkAclID.NotFound', 'networkAcl');
export const networkAclIdMalformed = malformedId('InvalidNetworkAclId.Malformed', 'acl');
/** A VPC's default ACL lives as long as the VPC (code U in the spec; the wording AWS clones answer). */
export const defaultNetworkAclNotDeletable = (aclId: string) =>
  invalidParameterValue(`cannot delete default network ACL ${aclId}`);
/** Still associated with a subnet (T). */
export const networkAclDependencyViolation = (aclId: string) =>
  clientError('DependencyViolation', `The networkAcl '${aclId}' has dependencies and cannot be deleted.`);
/** 200 network ACLs per VPC (C). */
export const networkAclLimitExceeded = () =>
  clientError('NetworkAclLimitExceeded', 'The maximum number of network ACLs has been reached.');

// Entries (security.md §2.1-2.2).
/** `The network acl entry identified by 100 already exists.` (T). */
export const networkAclEntryAlreadyExists = (ruleNumber: number) =>
  clientError('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${ruleNumber} already exists.`);
/** Replace or delete of a rule number the direction does not have (message U). */
export const networkAclEntryNotFound = (ruleNumber: number) =>
  clientError('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${ruleNumber} does not exist`);
/** 20 rules per direction and family, the `*` rule included (C; message U). */
export const networkAclEntryLimitExceeded = () =>
  clientError('NetworkAclEntryLimitExceeded', 'The maximum number of network acl entries has been reached.');
/** User rules are 1-32766; 32767 and up are the `*` rules and reserved (code U). */
export const invalidRuleNumber = (ruleNumber: number) =>
  invalidParameterValue(`Value (${ruleNumber}) for parameter ruleNumber is invalid. The rule number must be between 1 and 32766.`);
/** Real AWS output: the API takes protocol numbers only (the AWS CLI turns `tcp` into `6` before sending). */
export const unknownAclProtocol = (protocol: string) =>
  invalidParameterValue(`Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
export const invalidRuleAction = (action: string) =>
  invalidParameterValue(`Value (${action}) for parameter ruleAction is invalid. Valid values are allow and deny.`);
export const missingAclEntryCidr = () => missingParameter('cidrBlock or ipv6CidrBlock');
export const severalAclEntryCidrs = () =>
  invalidParameterCombination('Only one of cidrBlock and ipv6CidrBlock may be specified.');
/** TCP and UDP rules need their port range (U). */
export const missingPortRange = () => missingParameter('portRange');
export const invalidPortRange = (from: number, to: number) =>
  invalidParameterValue(`Invalid value for portRange. From (${from}) and To (${to}) must be ports 0-65535 with From <= To.`);
/** ICMP rules, and ICMPv6 rules for IPv6 blocks, need their type and code (U). */
export const missingIcmpTypeCode = () => missingParameter('icmpTypeCode');
export const invalidIcmpTypeCode = (type: number, code: number) =>
  invalidParameterValue(`Invalid value for icmpTypeCode. Type (${type}) and code (${code}) must be -1 or 0-255.`);
/** Replacing a subnet's association with an ACL of another VPC (U). */
export const aclAssociationInOtherNetwork = (associationId: string, aclId: string) =>
  invalidParameterValue(`network ACL ${aclId} and association ${associationId} belong to different networks`);
