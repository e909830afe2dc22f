/** The ENIs attached to an instance, read through the (instance, card, device) index. */
import type { RequestContext } from '../context.js';
import type { EniRow } from '../network-interfaces/eni-records.js';

/** eth0: the ENI at device index 0 on card 0. */
export async function primaryEniOf(ctx: RequestContext, instanceId: string): Promise<EniRow | undefined> {
  return ctx.tx.get<EniRow>(
    'SELECT * FROM network_interfaces WHERE instance_id = ? AND network_card_index = 0 AND device_index = 0',
    [instanceId],
  );
}

export async function attachedEnis(ctx: RequestContext, instanceId: string): Promise<EniRow[]> {
  return ctx.tx.all<EniRow>(
    'SELECT * FROM network_interfaces WHERE instance_id = ? ORDER BY network_card_index, device_index',
    [instanceId],
  );
}
