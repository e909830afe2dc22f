/**
 * SEAM for the instances work: what Elastic IPs need from instances (addressing.md §5.2, §5.3, §6). Until instances
 * exist, an instance is known only through the ENIs whose attachment names it, and it is taken to be running; no
 * instance has an auto-assigned public IPv4 to release or to get back. The instances code installs its own hooks
 * once, when its module loads:
 *
 *     provideInstanceAddressHooks({
 *       instanceState: async (ctx, instanceId) => the state name of the caller's instance, undefined if none,
 *       autoPublicIpReleased: async (ctx, publicIp) => return that address to the auto-assign pool,
 *       autoPublicIpAfterDisassociation: async (ctx, { instanceId, networkInterfaceId }) =>
 *         a new auto-assigned public IPv4 if the instance is entitled to one (launched with one, running), else undefined,
 *     })
 *
 * Public addresses themselves live on the private address they map to (eni_private_ipv4: public_ip, public_ip_owner
 * 'amazon' for an auto-assigned one, allocation_id '' ); the Elastic IP code writes those columns, the hooks only
 * decide and keep the auto-assign pool's books.
 */
import type { RequestContext } from '../context.js';
import { interfacesOfInstance } from './instance-interfaces.js';

export interface InstanceAddressHooks {
  /** The state name of the caller's instance (`pending`, `running`, …), or undefined when the caller has none. */
  instanceState(ctx: RequestContext, instanceId: string): Promise<string | undefined>;
  /** An Elastic IP took the place of this auto-assigned public IPv4, which is released and lost (§6). */
  autoPublicIpReleased(ctx: RequestContext, publicIp: string): Promise<void>;
  /**
   * An Elastic IP left the primary private IP of the only ENI of `instanceId`, and no other private IP of that ENI
   * holds an Elastic IP (§5.3, §6). The answer is the new auto-assigned public IPv4 to put there, or undefined when
   * the instance is not entitled to one.
   */
  autoPublicIpAfterDisassociation(
    ctx: RequestContext,
    facts: { instanceId: string; networkInterfaceId: string },
  ): Promise<string | undefined>;
}

/** Without instances, an instance exists while some ENI of the caller is attached to it. */
async function stateFromAttachments(ctx: RequestContext, instanceId: string): Promise<string | undefined> {
  return (await interfacesOfInstance(ctx, instanceId, 1)).length > 0 ? 'running' : undefined;
}

const withoutInstances: InstanceAddressHooks = {
  instanceState: stateFromAttachments,
  autoPublicIpReleased: async () => undefined,
  autoPublicIpAfterDisassociation: async () => undefined,
};

let current: InstanceAddressHooks = withoutInstances;

export function provideInstanceAddressHooks(hooks: Partial<InstanceAddressHooks>): void {
  current = { ...current, ...hooks };
}

/** Back to "no instances work" (for tests that installed hooks of their own). */
export function resetInstanceAddressHooks(): void {
  current = withoutInstances;
}

export const instanceHooks = (): InstanceAddressHooks => current;
