// Errors of route tables, routes and route table associations (routing-and-traffic.md §1). Messages marked T in the
// spec or seen in real AWS output are reproduced exactly; the others (U) follow AWS's usual wording.
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './protocol.js';
import { idsNotFound, malformedId } from './resources.js';

/** `The routeTable ID 'rtb-…' does not exist` (T). */
export const routeTableNotFound = idsNotFound('InvalidRouteTableID.NotFound', 'routeTable');
export const routeTableIdMalformed = malformedId('InvalidRouteTableId.Malformed', 'rtb');
/** A table with associations - the main one included - is not deleted (T; the main table's code is U). */
export const routeTableDependencyViolation = (tableId: string) =>
  clientError('DependencyViolation', `The routeTable '${tableId}' has dependencies and cannot be deleted.`);
/** 200 route tables per VPC (C; message U). */
export const routeTableLimitExceeded = () =>
  clientError('RouteTableLimitExceeded', 'The maximum number of route tables has been reached.');
/** 50 non-propagated routes per table and family (C; message U). */
export const routeLimitExceeded = () =>
  clientError('RouteLimitExceeded', 'The maximum number of routes has been reached.');

// Destinations.
export const missingRouteDestination = () =>
  missingParameter('destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId');
export const severalRouteDestinations = () =>
  invalidParameterCombination(
    'Only one of destinationCidrBlock, destinationIpv6CidrBlock and destinationPrefixListId may be specified.',
  );
/** `Value (x) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.` (T). */
export const invalidRouteDestination = (value: string, parameter: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);
/** 169.254.168.0/22 and fd00:ec2::/32 belong to AWS's own services (C for the rule, message U). */
export const reservedRouteDestination = (destination: string) =>
  invalidParameterValue(`The destination CIDR block ${destination} is reserved by AWS and cannot be used in a route.`);
/** vpclite keeps no managed prefix lists, so every id names one that does not exist (U). */
export const prefixListNotFound = idsNotFound('InvalidPrefixListID.NotFound', 'prefixList');
/** Real AWS output: a destination inside the VPC, routed to anything but an interface or an instance. */
export const destinationInsideVpc = (destination: string) =>
  invalidParameterValue(
    `The destination CIDR block ${destination} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.`,
  );
/** More specific than the VPC, yet not the block of one of its subnets (C for the rule, message U). */
export const destinationNotASubnet = (destination: string) =>
  invalidParameterValue(
    `The destination CIDR block ${destination} is more specific than one of this VPC's CIDR blocks and does not match the CIDR block of a subnet of the VPC.`,
  );

// Targets.
export const missingRouteTarget = () =>
  missingParameter(
    'gatewayId, natGatewayId, networkInterfaceId, instanceId, vpcPeeringConnectionId, transitGatewayId, egressOnlyInternetGatewayId, localGatewayId, carrierGatewayId, vpcEndpointId or coreNetworkArn',
  );
export const severalRouteTargets = (names: string[]) =>
  invalidParameterCombination(`Only one route target may be specified. Specified targets: ${names.join(', ')}.`);
/** `The gateway ID 'igw-…' does not exist` (spec: InvalidGatewayID.NotFound for an unknown gateway). */
export const gatewayNotFound = idsNotFound('InvalidGatewayID.NotFound', 'gateway');
export const natGatewayNotFound = idsNotFound('InvalidNatGatewayID.NotFound', 'natGateway');
export const vpcPeeringConnectionNotFound = idsNotFound('InvalidVpcPeeringConnectionID.NotFound', 'vpcPeeringConnection');
export const transitGatewayNotFound = idsNotFound('InvalidTransitGatewayID.NotFound', 'transitGateway');
export const egressOnlyInternetGatewayNotFound = idsNotFound('InvalidEgressOnlyInternetGatewayId.NotFound', 'egressOnlyInternetGateway');
export const localGatewayNotFound = idsNotFound('InvalidLocalGatewayID.NotFound', 'localGateway');
export const carrierGatewayNotFound = idsNotFound('InvalidCarrierGatewayID.NotFound', 'carrierGateway');
export const vpcEndpointNotFound = idsNotFound('InvalidVpcEndpointId.NotFound', 'vpcEndpoint');
export const invalidTargetArn = (arn: string, parameter: string) =>
  invalidParameterValue(`Value (${arn}) for parameter ${parameter} is invalid.`);
/** An internet gateway attached elsewhere, or to nothing (T). */
export const gatewayInOtherNetwork = (tableId: string, gatewayId: string) =>
  invalidParameterValue(`route table ${tableId} and network gateway ${gatewayId} belong to different networks`);
export const targetInOtherNetwork = (tableId: string, noun: string, targetId: string) =>
  invalidParameterValue(`route table ${tableId} and ${noun} ${targetId} belong to different networks`);
/** `local` names a VPC's own route, which only the local routes have (U). */
export const localTargetNotAllowed = (destination: string) =>
  invalidParameterValue(`The route to ${destination} is not a local route; only local routes can target local.`);

// Routes.
/** `The route identified by 0.0.0.0/0 already exists.` (T). */
export const routeAlreadyExists = (destination: string) =>
  clientError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
/** ReplaceRoute of a destination the table has no route for (T). */
export const noRouteToReplace = (destination: string) =>
  invalidParameterValue(`There is no route defined for '${destination}' in the route table. Use CreateRoute instead.`);
/** `no route with destination-cidr-block 10.1.0.0/16 in route table rtb-…` (T). */
export const routeNotFound = (kind: 'destination-cidr-block' | 'destination-ipv6-cidr-block', destination: string, tableId: string) =>
  clientError('InvalidRoute.NotFound', `no route with ${kind} ${destination} in route table ${tableId}`);
/** `cannot remove local route … in route table …` (T). */
export const localRouteNotDeletable = (destination: string, tableId: string) =>
  invalidParameterValue(`cannot remove local route ${destination} in route table ${tableId}`);

// Associations.
export const missingAssociationTarget = () => missingParameter('subnetId or gatewayId');
export const severalAssociationTargets = () =>
  invalidParameterCombination('Only one of subnetId, gatewayId and publicIpv4Pool may be specified.');
/** vpclite has no BYOIP pools, so a pool named for an edge association does not exist (U). */
export const publicIpv4PoolNotFound = idsNotFound('InvalidPublicIpv4PoolID.NotFound', 'publicIpv4Pool');
/** A subnet (or gateway) that already has an explicit association (T). */
export const associationConflict = (tableId: string) =>
  clientError('Resource.AlreadyAssociated', `the specified association for route table ${tableId} conflicts with an existing association`);
/** A subnet of another VPC (U). */
export const subnetInOtherNetwork = (tableId: string, subnetId: string) =>
  invalidParameterValue(`route table ${tableId} and subnet ${subnetId} belong to different networks`);
/** Replacing an association with a table of another VPC (U). */
export const associationInOtherNetwork = (associationId: string, tableId: string) =>
  invalidParameterValue(`route table ${tableId} and association ${associationId} belong to different networks`);
/** The main association only moves (ReplaceRouteTableAssociation); it is never removed (code U). */
export const mainAssociationNotDisassociable = (associationId: string) =>
  invalidParameterValue(`cannot disassociate the main route table association ${associationId}`);
