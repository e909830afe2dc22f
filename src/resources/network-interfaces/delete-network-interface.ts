/**
 * DeleteNetworkInterface (network-interfaces.md §4.2): an ENI that is attached - in any attachment state, and
 * whoever manages it - is "currently in use" (InvalidParameterValue, spec fact 1); otherwise it goes with
 * everything it holds.
 */
import { eniInUse } from '../../errors/network-interfaces.js';
import type { Handler } from '../context.js';
import { isAttached, requireEni } from './eni-records.js';
import { removeNetworkInterface } from './remove-network-interface.js';

export const deleteNetworkInterface: Handler<'DeleteNetworkInterface'> = async (ctx, input) => {
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  if (isAttached(eni) || eni.status !== 'available') throw eniInUse(eni.id);
  await removeNetworkInterface(ctx, eni);
};
