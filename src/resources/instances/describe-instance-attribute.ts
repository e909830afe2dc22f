/**
 * DescribeInstanceAttribute (instances.md §5): one attribute per call. sourceDestCheck and groupSet are those of
 * the instance's eth0; userData, kernel and ramdisk answer an empty element when the instance has none. Terraform
 * reads disableApiStop, disableApiTermination, userData and instanceInitiatedShutdownBehavior on every refresh
 * (ACTIONS.md).
 */
import { invalidAttribute } from '../../errors/network-interfaces.js';
import type { InstanceAttribute } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { groupsOf } from '../network-interfaces/eni-view.js';
import { primaryEniOf } from './instance-interfaces.js';
import { requireInstance } from './instance-records.js';
import { blockDevicesOf } from './volume-records.js';

export const INSTANCE_ATTRIBUTES = [
  'instanceType', 'kernel', 'ramdisk', 'userData', 'disableApiTermination', 'instanceInitiatedShutdownBehavior',
  'rootDeviceName', 'blockDeviceMapping', 'productCodes', 'sourceDestCheck', 'groupSet', 'ebsOptimized',
  'sriovNetSupport', 'enaSupport', 'enclaveOptions', 'disableApiStop',
];

export const describeInstanceAttribute: Handler<'DescribeInstanceAttribute'> = async (ctx, input) => {
  if (!INSTANCE_ATTRIBUTES.includes(input.Attribute)) throw invalidAttribute(input.Attribute);
  const instance = await requireInstance(ctx, input.InstanceId);
  const result: InstanceAttribute = { InstanceId: instance.id };
  switch (input.Attribute) {
    case 'instanceType':
      result.InstanceType = { Value: instance.instance_type };
      break;
    case 'kernel':
      result.KernelId = {};
      break;
    case 'ramdisk':
      result.RamdiskId = {};
      break;
    case 'userData':
      result.UserData = instance.user_data ? { Value: instance.user_data } : {};
      break;
    case 'disableApiTermination':
      result.DisableApiTermination = { Value: instance.disable_api_termination === 1 };
      break;
    case 'disableApiStop':
      result.DisableApiStop = { Value: instance.disable_api_stop === 1 };
      break;
    case 'instanceInitiatedShutdownBehavior':
      result.InstanceInitiatedShutdownBehavior = { Value: instance.shutdown_behavior };
      break;
    case 'rootDeviceName':
      result.RootDeviceName = { Value: instance.root_device_name };
      break;
    case 'blockDeviceMapping':
      result.BlockDeviceMappings = (await blockDevicesOf(ctx, [instance.id])).get(instance.id);
      break;
    case 'productCodes':
      result.ProductCodes = [];
      break;
    case 'sourceDestCheck': {
      const eth0 = await primaryEniOf(ctx, instance.id);
      result.SourceDestCheck = eth0 ? { Value: eth0.source_dest_check === 1 } : {};
      break;
    }
    case 'groupSet': {
      const eth0 = await primaryEniOf(ctx, instance.id);
      result.Groups = eth0 ? (await groupsOf(ctx, [eth0.id])).get(eth0.id) : [];
      break;
    }
    case 'ebsOptimized':
      result.EbsOptimized = { Value: instance.ebs_optimized === 1 };
      break;
    case 'sriovNetSupport':
      result.SriovNetSupport = instance.sriov_net_support ? { Value: instance.sriov_net_support } : {};
      break;
    case 'enaSupport':
      result.EnaSupport = { Value: instance.ena_support === 1 };
      break;
    case 'enclaveOptions':
      result.EnclaveOptions = { Enabled: instance.enclave_enabled === 1 };
      break;
  }
  return result;
};
