/**
 * What the Elastic IP work asks of instances (its SEAM addresses/instance-hooks.ts, merged into main alongside this
 * work): an instance's state, giving back an auto-assigned public IPv4 that an Elastic IP replaced, and deciding
 * whether an instance whose Elastic IP left gets a new auto-assigned one (addressing.md §5.2, §5.3, §6). Install
 * with `provideInstanceAddressHooks(instanceAddressHooks)` next to installInstanceSeams().
 */
import type { RequestContext } from '../context.js';
import { allocatePublicIpv4, releasePublicIpv4 } from '../public-ipv4/pool.js';
import { findInstanceRows } from './instance-records.js';
import { primaryEniOf } from './instance-interfaces.js';

export const instanceAddressHooks = {
  async instanceState(ctx: RequestContext, instanceId: string): Promise<string | undefined> {
    return (await findInstanceRows(ctx, [instanceId]))[0]?.state;
  },

  async autoPublicIpReleased(ctx: RequestContext, publicIp: string): Promise<void> {
    await releasePublicIpv4(ctx, publicIp);
  },

  /**
   * The Elastic IP work has checked that the ENI is the instance's only one and holds no other Elastic IP; the
   * instance gets a new address if it is running and its eth0 asks for one (the launch's choice, kept on the ENI).
   * A stopped instance gets one when it starts.
   */
  async autoPublicIpAfterDisassociation(
    ctx: RequestContext,
    facts: { instanceId: string; networkInterfaceId: string },
  ): Promise<string | undefined> {
    const [instance] = await findInstanceRows(ctx, [facts.instanceId]);
    if (instance?.state !== 'running') return undefined;
    const eth0 = await primaryEniOf(ctx, instance.id);
    if (eth0?.id !== facts.networkInterfaceId || eth0.associate_public_ip !== 1) return undefined;
    return allocatePublicIpv4(ctx, 'auto');
  },
};
