/** ResetNetworkInterfaceAttribute (network-interfaces.md §4.6): only sourceDestCheck can be reset, to true. */
import { requesterManagedNotModifiable } from '../../errors/network-interfaces.js';
import { missingParameter } from '../../errors/protocol.js';
import type { Handler } from '../context.js';
import { requireEni } from './eni-records.js';

export const resetNetworkInterfaceAttribute: Handler<'ResetNetworkInterfaceAttribute'> = async (ctx, input) => {
  // Its presence selects the attribute; its value is not looked at (wire-protocol.md §2).
  if (input.SourceDestCheck === undefined) throw missingParameter('SourceDestCheck');
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  if (eni.requester_managed === 1) throw requesterManagedNotModifiable(eni.id);
  await ctx.tx.run('UPDATE network_interfaces SET source_dest_check = 1 WHERE id = ?', [eni.id]);
};
