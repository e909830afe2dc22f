/**
 * The failover hook of StopInstances and TerminateInstances (lifecycle.ts): when the instance leaving `running`
 * is the primary of a failover group, its secondary ENIs move to the standby in the same transaction, before the
 * stop or terminate touches them (so an ENI marked DeleteOnTermination moves rather than being deleted). The move
 * commits with the state change or not at all; a move the standby cannot take is recorded as `failed` and the
 * state change goes on, since refusing to stop an instance because its standby is full would be worse.
 */
import type { RequestContext } from '../context.js';
import type { InstanceRow } from '../instances/instance-records.js';
import { recordEvent } from './failover-events.js';
import { groupOfPrimary } from './failover-groups.js';
import { moveSecondaryEnis } from './move-enis.js';

export async function failOverIfPrimary(ctx: RequestContext, instance: InstanceRow, trigger: 'stopped' | 'terminated'): Promise<void> {
  const group = await groupOfPrimary(ctx, instance.id);
  if (!group) return;
  const started = performance.now();
  const result = await moveSecondaryEnis(ctx, instance, group.standby_instance_id);
  const microseconds = Math.round((performance.now() - started) * 1000);
  await recordEvent(ctx, {
    group: group.name,
    primary: instance.id,
    standby: group.standby_instance_id,
    trigger,
    result,
    microseconds,
  });
}
