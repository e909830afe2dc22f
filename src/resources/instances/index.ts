import type { ActionTable } from '../context.js';
import { attachNetworkInterface } from './attach-network-interface.js';
import { describeInstanceAttribute } from './describe-instance-attribute.js';
import { describeInstanceStatus } from './describe-instance-status.js';
import { describeInstances } from './describe-instances.js';
import { detachNetworkInterface } from './detach-network-interface.js';
import { modifyInstanceAttribute } from './modify-instance-attribute.js';
import { rebootInstances } from './reboot-instances.js';
import { runInstances } from './run-instances.js';
import { startInstances } from './start-instances.js';
import { stopInstances } from './stop-instances.js';
import { terminateInstances } from './terminate-instances.js';

export const instanceActions: ActionTable = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  RebootInstances: rebootInstances,
  TerminateInstances: terminateInstances,
  AttachNetworkInterface: attachNetworkInterface,
  DetachNetworkInterface: detachNetworkInterface,
  DescribeInstanceAttribute: describeInstanceAttribute,
  ModifyInstanceAttribute: modifyInstanceAttribute,
};
