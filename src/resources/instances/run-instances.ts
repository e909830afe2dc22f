/**
 * RunInstances (instances.md §1): the parameters on their own (the instance's settings, then its network
 * interfaces, then tag specifications), then the store (launch-plan.ts), then the writes (launch.ts). The answer is
 * the Reservation with every instance `pending` (and its interfaces `attaching`, its metadata options `pending`),
 * as AWS answers; every later read shows them `running`, so waiters finish on their first poll. ClientToken and
 * DryRun are the gateway's (wire-protocol.md §5, §6).
 */
import { invalidTaggableResourceType } from '../../errors/tags.js';
import type { Instance, TagSpecification } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { validateTags } from '../tags/tag-store.js';
import { findInstanceRows, purgeExpiredInstances } from './instance-records.js';
import { stateOf } from './instance-states.js';
import { toInstances, toReservations } from './instance-view.js';
import { launch, type LaunchTags } from './launch.js';
import { readLaunchInterfaces } from './launch-interfaces-request.js';
import { readLaunchOptions } from './launch-options.js';
import { planLaunch } from './launch-plan.js';

function readLaunchTags(specs: TagSpecification[] | undefined): LaunchTags {
  const tags: LaunchTags = { instance: [], volume: [], networkInterface: [] };
  for (const spec of specs ?? []) {
    const list = spec.Tags ?? [];
    validateTags(list);
    const normalised = list.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
    if (spec.ResourceType === 'instance') tags.instance.push(...normalised);
    else if (spec.ResourceType === 'volume') tags.volume.push(...normalised);
    else if (spec.ResourceType === 'network-interface') tags.networkInterface.push(...normalised);
    else throw invalidTaggableResourceType(spec.ResourceType ?? '');
  }
  return tags;
}

/** How a just-launched instance looks in RunInstances' own answer. */
function asLaunched(instance: Instance): Instance {
  return {
    ...instance,
    State: stateOf('pending'),
    StateReason: { Code: 'pending', Message: 'pending' },
    MetadataOptions: { ...instance.MetadataOptions, State: 'pending' },
    Monitoring: { State: instance.Monitoring?.State === 'enabled' ? 'pending' : 'disabled' },
    NetworkInterfaces: instance.NetworkInterfaces?.map((eni) => ({
      ...eni,
      Attachment: { ...eni.Attachment, Status: 'attaching' },
    })),
  };
}

export const runInstances: Handler<'RunInstances'> = async (ctx, input) => {
  const options = readLaunchOptions(input);
  const interfaces = readLaunchInterfaces(input, options.maxCount);
  const tags = readLaunchTags(input.TagSpecifications);
  const plan = await planLaunch(ctx, input, options, interfaces);
  await purgeExpiredInstances(ctx);
  const { reservationId, instanceIds } = await launch(ctx, plan, options, tags, input.ClientToken ?? '');
  const rows = await findInstanceRows(ctx, instanceIds);
  const [reservation] = toReservations(rows, (await toInstances(ctx, rows)).map(asLaunched));
  return { ...reservation!, ReservationId: reservationId };
};
