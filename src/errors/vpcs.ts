// Errors of VPCs and their CIDR blocks (addressing.md §1).
import { clientError } from './aws-error.js';
import { invalidParameterValue } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

export const vpcNotFound = idsNotFound('InvalidVpcID.NotFound', 'vpc');
export const vpcIdMalformed = malformedId('InvalidVpcID.Malformed', 'vpc');
export const vpcCidrMissing = () =>
  clientError('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
export const invalidCidrBlock = (cidr: string, parameter = 'cidrBlock') =>
  invalidParameterValue(`Value (${cidr}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);
export const vpcRange = (cidr: string) => clientError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`);
export const vpcLimitExceeded = () => clientError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
export const vpcDependencyViolation = (vpcId: string) =>
  clientError('DependencyViolation', `The vpc '${vpcId}' has dependencies and cannot be deleted.`);
export const cidrLimitExceeded = (vpcId: string, limit: number) =>
  clientError('CidrLimitExceeded', `This network '${vpcId}' has met its maximum number of allowed CIDRs: ${limit}`);
export const cidrConflict = (cidr: string, vpcId: string) =>
  clientError('InvalidVpc.Range', `The CIDR '${cidr}' conflicts with another CIDR block of the vpc '${vpcId}'.`);
export const restrictedCidr = (cidr: string) =>
  clientError('InvalidVpc.Range', `The CIDR '${cidr}' is restricted. Use a CIDR from the same private address range as the current VPC CIDR, or use a publicly-routable CIDR.`);
export const multipleVpcAttributes = (names: string[]) =>
  clientError('InvalidParameterCombination', `Fields for multiple attribute types specified: ${names.join(', ')}`);
export const vpcCidrAssociationNotFound = (id: string) =>
  clientError('InvalidVpcCidrBlockAssociationID.NotFound', `The vpc CIDR block association ID '${id}' does not exist`);
export const primaryCidrNotDisassociable = (id: string) =>
  clientError('OperationNotPermitted', `The vpc CIDR block with association ID ${id} may not be disassociated. It is the primary IPv4 CIDR block of the VPC`);
export const defaultVpcAlreadyExists = (vpcId: string) =>
  clientError('DefaultVpcAlreadyExists', `A Default VPC already exists for this account in this region: ${vpcId}`);
