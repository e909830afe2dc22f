/**
 * TerminateInstances (instances.md §3): if any id is unknown or any instance is termination-protected, nothing is
 * terminated. The answer shows `shutting-down` (`terminated` for an instance already terminated: terminating is
 * idempotent); every later read `terminated`, with the instance's ENIs already deleted or detached, so a subnet
 * can be deleted as soon as its instances report `terminated` (ACTIONS.md).
 */
import { terminationProtected } from '../../errors/instances.js';
import type { Handler } from '../context.js';
import { purgeExpiredInstances, requireInstances } from './instance-records.js';
import { stateChange, terminateInstance } from './lifecycle.js';

export const terminateInstances: Handler<'TerminateInstances'> = async (ctx, input) => {
  const instances = await requireInstances(ctx, input.InstanceIds);
  for (const instance of instances) {
    if (instance.state !== 'terminated' && instance.disable_api_termination === 1) throw terminationProtected(instance.id);
  }
  const changes = [];
  for (const instance of instances) {
    if (instance.state === 'terminated') {
      changes.push(stateChange(instance.id, 'terminated', 'terminated'));
      continue;
    }
    await terminateInstance(ctx, instance);
    changes.push(stateChange(instance.id, instance.state, 'shutting-down'));
  }
  await purgeExpiredInstances(ctx);
  return { TerminatingInstances: changes };
};
