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
export const noVpcAttribute = () =>
  clientError('MissingParameter', 'The request must contain one of the parameters enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics');
export const dnsHostnamesNeedDnsSupport = (vpcId: string) =>
  invalidParameterValue(`DNS hostnames cannot be enabled on vpc '${vpcId}' while DNS support (enableDnsSupport) is disabled.`);
export const invalidVpcAttributeName = (name: string) =>
  invalidParameterValue(`Value (${name}) for parameter attribute is invalid. Unknown attribute.`);
export const vpcCidrMissingForAssociation = () =>
  clientError('MissingParameter', "Either 'cidrBlock', 'ipv4IpamPoolId', 'amazonProvidedIpv6CidrBlock', 'ipv6Pool' or 'ipv6IpamPoolId' should be provided.");
export const severalVpcCidrKinds = () =>
  clientError('InvalidParameterCombination', 'Only one of an IPv4 CIDR block, an Amazon-provided IPv6 CIDR block or an IPv6 pool may be specified.');
export const ipamPoolNotFound = (poolId: string) =>
  clientError('InvalidIpamPoolId.NotFound', `The ipam pool ID '${poolId}' does not exist`);
export const ipv6PoolNotFound = (poolId: string) =>
  clientError('InvalidIpv6PoolID.NotFound', `The ipv6 pool ID '${poolId}' does not exist`);
export const invalidNetworkBorderGroup = (group: string) =>
  invalidParameterValue(`Value (${group}) for parameter ipv6CidrBlockNetworkBorderGroup is invalid.`);
export const cidrContainsRoute = (cidr: string, routeTableId: string, destination: string) =>
  clientError('InvalidVpc.Range', `The CIDR '${cidr}' conflicts with the route to ${destination} in route table ${routeTableId}.`);
export const vpcCidrBlockInUse = (associationId: string) =>
  clientError('InvalidCidrBlock.InUse', `The vpc CIDR block with association ID ${associationId} may not be disassociated. It is in use by one or more subnets.`);
