/**
 * StopInstances (instances.md §2, §3): all or nothing - every id must exist and every instance be stoppable
 * (not terminated, not stop-protected, hibernation configured when asked for) before any stops. The answer shows
 * `stopping`; every later read `stopped`. Stopping a stopped instance changes nothing.
 */
import { hibernationNotConfigured, incorrectInstanceState, stopProtected } from '../../errors/instances.js';
import type { Handler } from '../context.js';
import { requireInstances } from './instance-records.js';
import { stateChange, stopInstance } from './lifecycle.js';

export const stopInstances: Handler<'StopInstances'> = async (ctx, input) => {
  const instances = await requireInstances(ctx, input.InstanceIds);
  for (const instance of instances) {
    if (instance.state === 'terminated' || instance.state === 'shutting-down') {
      throw incorrectInstanceState(instance.id, 'stopped');
    }
    if (instance.state === 'stopped') continue;
    if (instance.disable_api_stop === 1) throw stopProtected(instance.id);
    if (input.Hibernate === true && instance.hibernation_configured !== 1) throw hibernationNotConfigured(instance.id);
  }
  const changes = [];
  for (const instance of instances) {
    if (instance.state === 'stopped') {
      changes.push(stateChange(instance.id, 'stopped', 'stopped'));
      continue;
    }
    await stopInstance(ctx, instance);
    changes.push(stateChange(instance.id, instance.state, 'stopping'));
  }
  return { StoppingInstances: changes };
};
