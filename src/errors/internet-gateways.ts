// Errors of internet gateways (routing-and-traffic.md §2).
import { clientError } from './aws-error.js';
import { invalidParameterValue } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

/** `The internetGateway ID 'igw-…' does not exist`. */
export const internetGatewayNotFound = idsNotFound('InvalidInternetGatewayID.NotFound', 'internetGateway');
export const internetGatewayIdMalformed = malformedId('InvalidInternetGatewayId.Malformed', 'igw');
/** The gateway is attached already, to this VPC or another (T). */
export const internetGatewayAlreadyAttached = (igwId: string, vpcId: string) =>
  clientError('Resource.AlreadyAssociated', `resource ${igwId} is already attached to network ${vpcId}`);
/** A VPC takes one internet gateway (code U in the spec; this is real AWS output quoted in public bug reports). */
export const vpcAlreadyHasInternetGateway = (vpcId: string) =>
  invalidParameterValue(`Network ${vpcId} already has an internet gateway attached`);
/** Detaching from a VPC the gateway is not attached to (T). */
export const internetGatewayNotAttached = (igwId: string, vpcId: string) =>
  clientError('Gateway.NotAttached', `resource ${igwId} is not attached to network ${vpcId}`);
/** Detaching while the VPC still maps public IPv4 addresses through the gateway (T). */
export const vpcHasMappedPublicAddresses = (vpcId: string) =>
  clientError(
    'DependencyViolation',
    `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
  );
/** Deleting an attached gateway (T). */
export const internetGatewayDependencyViolation = (igwId: string) =>
  clientError('DependencyViolation', `The internetGateway '${igwId}' has dependencies and cannot be deleted.`);
/** 5 per region (C for the code; message U). */
export const internetGatewayLimitExceeded = () =>
  clientError('InternetGatewayLimitExceeded', 'The maximum number of internet gateways has been reached.');
