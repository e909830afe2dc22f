/**
 * What stopping, starting and terminating do to an instance's network (instances.md §3, addressing.md §6), each
 * settled inside the request: stop gives back the auto-assigned public IPv4 and keeps everything else; start gives
 * a new one when the instance is still eligible; terminate deletes the ENIs and volumes marked DeleteOnTermination,
 * detaches the others (they are `available` at once), and turns routes to the instance into blackholes. Before
 * a stop or terminate touches anything, a primary of a failover group hands its secondary ENIs to its standby
 * (failover/on-state-change.ts), in the same transaction.
 */
import type { InstanceStateChange } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { failOverIfPrimary } from '../failover/on-state-change.js';
import { removeNetworkInterface } from '../network-interfaces/remove-network-interface.js';
import { releaseAutoPublicIps, restoreAutoPublicIp } from '../public-ipv4/auto-assigned.js';
import { detachEni } from './attachments.js';
import { attachedEnis } from './instance-interfaces.js';
import type { InstanceRow } from './instance-records.js';
import { stateOf, USER_SHUTDOWN, userInitiatedReason } from './instance-states.js';

export const stateChange = (id: string, previous: string, current: string): InstanceStateChange => ({
  InstanceId: id,
  PreviousState: stateOf(previous),
  CurrentState: stateOf(current),
});

async function setState(ctx: RequestContext, instanceId: string, state: string, reason: boolean): Promise<void> {
  await ctx.tx.run(
    `UPDATE instances SET state = ?, transition_reason = ?, state_reason_code = ?, state_reason_message = ? WHERE id = ?`,
    reason
      ? [state, userInitiatedReason(ctx.now), USER_SHUTDOWN.code, USER_SHUTDOWN.message, instanceId]
      : [state, '', '', '', instanceId],
  );
}

export async function stopInstance(ctx: RequestContext, instance: InstanceRow): Promise<void> {
  await failOverIfPrimary(ctx, instance, 'stopped');
  const enis = await attachedEnis(ctx, instance.id);
  await releaseAutoPublicIps(ctx, enis.map((e) => e.id));
  await setState(ctx, instance.id, 'stopped', true);
}

export async function startInstance(ctx: RequestContext, instance: InstanceRow): Promise<void> {
  await restoreAutoPublicIp(ctx, await attachedEnis(ctx, instance.id));
  await setState(ctx, instance.id, 'running', false);
}

export async function terminateInstance(ctx: RequestContext, instance: InstanceRow): Promise<void> {
  await failOverIfPrimary(ctx, instance, 'terminated');
  const enis = await attachedEnis(ctx, instance.id);
  await releaseAutoPublicIps(ctx, enis.map((e) => e.id));
  for (const eni of enis) {
    if (eni.delete_on_termination === 1) await removeNetworkInterface(ctx, eni);
    else await detachEni(ctx, eni.id);
  }
  const scope = [instance.id];
  await ctx.tx.run(
    'DELETE FROM tags WHERE resource_id IN (SELECT id FROM volumes WHERE instance_id = ? AND delete_on_termination = 1)',
    scope,
  );
  await ctx.tx.run('DELETE FROM volumes WHERE instance_id = ? AND delete_on_termination = 1', scope);
  await ctx.tx.run(
    `UPDATE volumes SET state = 'available', instance_id = '', device = '', attach_time = '', delete_on_termination = 0
     WHERE instance_id = ?`,
    scope,
  );
  await ctx.tx.run(`UPDATE routes SET state = 'blackhole' WHERE instance_id = ?`, scope);
  await setState(ctx, instance.id, 'terminated', true);
  await ctx.tx.run('UPDATE instances SET eni_count = 0, terminated_at = ? WHERE id = ?', [ctx.now.toISOString(), instance.id]);
}
