/**
 * DeleteNetworkInterface (network-interfaces.md §4.2): an ENI that is attached - in any attachment state, and
 * whoever manages it - is "currently in use" (InvalidParameterValue, spec fact 1); otherwise it goes with
 * everything it holds. A branch ENI carried on a trunk is `in-use` without an attachment; it can be deleted, and its
 * trunk association ends with it (the EKS VPC resource controller deletes branches that way).
 */
import { eniInUse } from '../../errors/network-interfaces.js';
import type { Handler } from '../context.js';
import { branchAssociationOf } from '../trunk-interfaces/trunk-records.js';
import { isAttached, requireEni } from './eni-records.js';
import { removeNetworkInterface } from './remove-network-interface.js';

export const deleteNetworkInterface: Handler<'DeleteNetworkInterface'> = async (ctx, input) => {
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  if (isAttached(eni)) throw eniInUse(eni.id);
  if (eni.status !== 'available' && !(await branchAssociationOf(ctx, eni.id))) throw eniInUse(eni.id);
  await removeNetworkInterface(ctx, eni);
};
