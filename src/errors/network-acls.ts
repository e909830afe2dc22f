// Errors of network ACLs (security.md §2).
import { clientError } from './aws-error.js';
import { invalidParameterValue } from './protocol.js';
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
