/**
 * ModifyInstanceAttribute (instances.md §5): exactly one attribute per call, in its own wire form
 * (`SourceDestCheck.Value`, `GroupId.N`, `DisableApiTermination.Value`…) or the generic `Attribute` + `Value`.
 * sourceDestCheck and groupSet change the instance's eth0 and are refused for an instance with several ENIs (the
 * ENI API is the way then); instanceType, userData, ebsOptimized, enaSupport and sriovNetSupport need a stopped
 * instance; a new instance type must run the image and hold the instance's ENIs.
 */
import {
  architectureMismatch,
  attachmentLimitExceeded,
  deviceNotAttached,
  groupSetRequired,
  instanceNotStopped,
  instanceNotUsable,
  invalidAttributeValue,
  invalidInstanceType,
  invalidShutdownBehavior,
  multipleInterfaces,
  unsupportedAttribute,
} from '../../errors/instances.js';
import { invalidAttribute, multipleAttributes, noAttributes } from '../../errors/network-interfaces.js';
import { missingParameter } from '../../errors/protocol.js';
import type { ModifyInstanceAttributeRequest } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { findInstanceType } from '../instance-types/catalog.js';
import { resolveGroups, setGroups } from '../network-interfaces/eni-groups.js';
import { INSTANCE_ATTRIBUTES } from './describe-instance-attribute.js';
import { attachedEnis } from './instance-interfaces.js';
import type { InstanceRow } from './instance-records.js';
import { requireInstance } from './instance-records.js';

type Input = ModifyInstanceAttributeRequest;

/** One attribute change: its wire name and its value as the request gave it. */
interface Change {
  attribute: string;
  value?: string | boolean;
}

/** The attribute changes the request carries (more than one is refused). */
function changesOf(input: Input): Change[] {
  const changes: Change[] = [];
  const add = (attribute: string, present: boolean, value?: string | boolean) => {
    if (present) changes.push({ attribute, value });
  };
  add('sourceDestCheck', input.SourceDestCheck !== undefined, input.SourceDestCheck?.Value);
  add('disableApiStop', input.DisableApiStop !== undefined, input.DisableApiStop?.Value);
  add('disableApiTermination', input.DisableApiTermination !== undefined, input.DisableApiTermination?.Value);
  add('instanceType', input.InstanceType !== undefined, input.InstanceType?.Value);
  add('kernel', input.Kernel !== undefined, input.Kernel?.Value);
  add('ramdisk', input.Ramdisk !== undefined, input.Ramdisk?.Value);
  add('userData', input.UserData !== undefined, input.UserData?.Value ?? '');
  add('instanceInitiatedShutdownBehavior', input.InstanceInitiatedShutdownBehavior !== undefined, input.InstanceInitiatedShutdownBehavior?.Value);
  add('groupSet', (input.Groups ?? []).length > 0);
  add('ebsOptimized', input.EbsOptimized !== undefined, input.EbsOptimized?.Value);
  add('sriovNetSupport', input.SriovNetSupport !== undefined, input.SriovNetSupport?.Value);
  add('enaSupport', input.EnaSupport !== undefined, input.EnaSupport?.Value);
  add('blockDeviceMapping', (input.BlockDeviceMappings ?? []).length > 0);
  if (input.Attribute !== undefined) {
    if (!INSTANCE_ATTRIBUTES.includes(input.Attribute)) throw invalidAttribute(input.Attribute);
    // `Attribute=groupSet&GroupId.1=…` names the same change twice.
    if (!changes.some((c) => c.attribute === input.Attribute)) changes.push({ attribute: input.Attribute, value: input.Value });
  }
  return changes;
}

/** A boolean from either wire form (`Value` of the generic form is text). */
function booleanOf(change: Change): boolean {
  if (typeof change.value === 'boolean') return change.value;
  if (change.value === undefined) throw missingParameter('Value');
  const text = change.value.toLowerCase();
  if (text !== 'true' && text !== 'false') throw invalidAttributeValue(change.attribute, change.value);
  return text === 'true';
}

function textOf(change: Change): string {
  if (change.value === undefined) throw missingParameter('Value');
  return String(change.value);
}

async function update(ctx: RequestContext, instanceId: string, assignments: string, params: (string | number)[]): Promise<void> {
  await ctx.tx.run(`UPDATE instances SET ${assignments} WHERE id = ?`, [...params, instanceId]);
}

const requireStopped = (instance: InstanceRow) => {
  if (instance.state !== 'stopped') throw instanceNotStopped(instance.id);
};

/** eth0, when it is the instance's only ENI (sourceDestCheck and groupSet act on it). */
async function onlyEni(ctx: RequestContext, instance: InstanceRow) {
  const enis = await attachedEnis(ctx, instance.id);
  if (enis.length > 1) throw multipleInterfaces(instance.id);
  if (enis.length === 0) throw instanceNotUsable(instance.id);
  return enis[0]!;
}

async function changeInstanceType(ctx: RequestContext, instance: InstanceRow, typeName: string): Promise<void> {
  requireStopped(instance);
  const type = findInstanceType(typeName);
  if (!type) throw invalidInstanceType(typeName);
  if (!type.architectures.includes(instance.architecture)) {
    throw architectureMismatch(type.architectures.filter((a) => a !== 'i386').join(', '), instance.architecture);
  }
  if (Number(instance.eni_count) > type.network.maxInterfaces) throw attachmentLimitExceeded(Number(instance.eni_count), type.type);
  await update(ctx, instance.id, 'instance_type = ?, cpu_core_count = ?, cpu_threads_per_core = ?', [
    type.type, type.cores, type.threadsPerCore,
  ]);
}

async function changeBlockDevices(ctx: RequestContext, instance: InstanceRow, input: Input): Promise<void> {
  for (const mapping of input.BlockDeviceMappings ?? []) {
    const device = mapping.DeviceName ?? '';
    const { changes } = await ctx.tx.run(
      'UPDATE volumes SET delete_on_termination = CASE WHEN ? < 0 THEN delete_on_termination ELSE ? END WHERE instance_id = ? AND device = ?',
      [
        mapping.Ebs?.DeleteOnTermination === undefined ? -1 : 0,
        mapping.Ebs?.DeleteOnTermination ? 1 : 0,
        instance.id,
        device,
      ],
    );
    if (changes === 0) throw deviceNotAttached(device, instance.id);
  }
}

export const modifyInstanceAttribute: Handler<'ModifyInstanceAttribute'> = async (ctx, input) => {
  const changes = changesOf(input);
  if (changes.length === 0) throw noAttributes();
  if (changes.length > 1) throw multipleAttributes(changes.map((c) => c.attribute));
  const change = changes[0]!;
  const instance = await requireInstance(ctx, input.InstanceId);
  if (instance.state === 'terminated' || instance.state === 'shutting-down') throw instanceNotUsable(instance.id);
  switch (change.attribute) {
    case 'sourceDestCheck': {
      const value = booleanOf(change);
      const eth0 = await onlyEni(ctx, instance);
      await ctx.tx.run('UPDATE network_interfaces SET source_dest_check = ? WHERE id = ?', [value ? 1 : 0, eth0.id]);
      break;
    }
    case 'groupSet': {
      if ((input.Groups ?? []).length === 0) throw groupSetRequired();
      const eth0 = await onlyEni(ctx, instance);
      await setGroups(ctx, eth0.id, await resolveGroups(ctx, input.Groups, eth0.vpc_id));
      break;
    }
    case 'disableApiTermination':
      await update(ctx, instance.id, 'disable_api_termination = ?', [booleanOf(change) ? 1 : 0]);
      break;
    case 'disableApiStop':
      await update(ctx, instance.id, 'disable_api_stop = ?', [booleanOf(change) ? 1 : 0]);
      break;
    case 'instanceInitiatedShutdownBehavior': {
      const value = textOf(change);
      if (value !== 'stop' && value !== 'terminate') throw invalidShutdownBehavior(value);
      await update(ctx, instance.id, 'shutdown_behavior = ?', [value]);
      break;
    }
    case 'instanceType':
      await changeInstanceType(ctx, instance, textOf(change));
      break;
    case 'userData':
      requireStopped(instance);
      await update(ctx, instance.id, 'user_data = ?', [String(change.value ?? '')]);
      break;
    case 'ebsOptimized':
      requireStopped(instance);
      await update(ctx, instance.id, 'ebs_optimized = ?', [booleanOf(change) ? 1 : 0]);
      break;
    case 'enaSupport':
      requireStopped(instance);
      await update(ctx, instance.id, 'ena_support = ?', [booleanOf(change) ? 1 : 0]);
      break;
    case 'sriovNetSupport': {
      requireStopped(instance);
      const value = textOf(change);
      if (value !== 'simple') throw invalidAttributeValue('sriovNetSupport', value);
      await update(ctx, instance.id, 'sriov_net_support = ?', [value]);
      break;
    }
    case 'blockDeviceMapping':
      await changeBlockDevices(ctx, instance, input);
      break;
    default:
      // kernel, ramdisk (HVM instances have none), rootDeviceName, productCodes, enclaveOptions: read-only here.
      throw unsupportedAttribute(change.attribute);
  }
};
