/**
 * StartInstances (instances.md §2, §3): all or nothing; a terminated instance cannot be started. The answer shows
 * `pending`; every later read `running`, with a new auto-assigned public IPv4 when eligible. Starting a running
 * instance changes nothing.
 */
import { incorrectInstanceState } from '../../errors/instances.js';
import type { Handler } from '../context.js';
import { requireInstances } from './instance-records.js';
import { startInstance, stateChange } from './lifecycle.js';

export const startInstances: Handler<'StartInstances'> = async (ctx, input) => {
  const instances = await requireInstances(ctx, input.InstanceIds);
  for (const instance of instances) {
    if (instance.state === 'terminated' || instance.state === 'shutting-down') {
      throw incorrectInstanceState(instance.id, 'started');
    }
  }
  const changes = [];
  for (const instance of instances) {
    if (instance.state === 'running') {
      changes.push(stateChange(instance.id, 'running', 'running'));
      continue;
    }
    await startInstance(ctx, instance);
    changes.push(stateChange(instance.id, instance.state, 'pending'));
  }
  return { StartingInstances: changes };
};
