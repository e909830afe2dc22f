// Errors of trunk/branch ENI associations (AssociateTrunkInterface and friends). InvalidVlanId.Duplicate is AWS's
// observed answer for a VLAN already used on the trunk, and InvalidAssociationID.NotFound its answer for an unknown
// association; the other codes and messages are not published (U).
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './protocol.js';
import { idsNotFound } from './resources.js';

/** `The association ID 'trunk-assoc-…' does not exist`. */
export const trunkAssociationNotFound = idsNotFound('InvalidAssociationID.NotFound', 'association');
/** `VlanId '1' is in use` (observed). */
export const vlanInUse = (vlanId: number) => clientError('InvalidVlanId.Duplicate', `VlanId '${vlanId}' is in use`);
export const greKeyInUse = (greKey: number) => invalidParameterValue(`GreKey '${greKey}' is in use`);
export const missingTrunkProtocol = () => missingParameter('VlanId or GreKey');
export const bothTrunkProtocols = () =>
  invalidParameterCombination('You may specify a VlanId or a GreKey, but not both.');
export const invalidVlanId = (value: number) =>
  invalidParameterValue(`Value (${value}) for parameter vlanId is invalid. Expecting a value between 1 and 4094.`);
export const invalidGreKey = (value: number) =>
  invalidParameterValue(`Value (${value}) for parameter greKey is invalid. Expecting a non-negative value.`);
export const notATrunkInterface = (eniId: string) =>
  invalidParameterValue(`Network interface ${eniId} is not a trunk interface.`);
export const notABranchCandidate = (eniId: string, interfaceType: string) =>
  invalidParameterValue(`Network interface ${eniId} of type ${interfaceType} cannot be a branch interface.`);
export const branchInOtherZone = (branchId: string, trunkId: string) =>
  invalidParameterValue(`Network interfaces ${branchId} and ${trunkId} are in different availability zones.`);
export const branchInUse = (eniId: string) => clientError('InvalidNetworkInterface.InUse', `Interface: [${eniId}] in use.`);
export const branchAlreadyAssociated = (eniId: string, associationId: string) =>
  clientError('Resource.AlreadyAssociated', `resource ${eniId} is already associated with associate-id ${associationId}`);
