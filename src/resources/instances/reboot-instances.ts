/**
 * RebootInstances (instances.md §3): the instance keeps everything - addresses, public IPv4, ENIs. Only running
 * instances reboot; all ids are checked before anything happens.
 */
import { incorrectInstanceState } from '../../errors/instances.js';
import type { Handler } from '../context.js';
import { requireInstances } from './instance-records.js';

export const rebootInstances: Handler<'RebootInstances'> = async (ctx, input) => {
  const instances = await requireInstances(ctx, input.InstanceIds);
  for (const instance of instances) {
    if (instance.state !== 'running') throw incorrectInstanceState(instance.id, 'rebooted');
  }
};
