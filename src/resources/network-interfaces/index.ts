import type { ActionTable } from '../context.js';
import { assignIpv6Addresses } from './assign-ipv6-addresses.js';
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js';
import { createNetworkInterface } from './create-network-interface.js';
import { createNetworkInterfacePermission } from './create-network-interface-permission.js';
import { deleteNetworkInterface } from './delete-network-interface.js';
import { deleteNetworkInterfacePermission } from './delete-network-interface-permission.js';
import { describeNetworkInterfaceAttribute } from './describe-network-interface-attribute.js';
import { describeNetworkInterfacePermissions } from './describe-network-interface-permissions.js';
import { describeNetworkInterfaces } from './describe-network-interfaces.js';
import { modifyNetworkInterfaceAttribute } from './modify-network-interface-attribute.js';
import { resetNetworkInterfaceAttribute } from './reset-network-interface-attribute.js';
import { unassignIpv6Addresses } from './unassign-ipv6-addresses.js';
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js';

export const networkInterfaceActions: ActionTable = {
  CreateNetworkInterface: createNetworkInterface,
  DeleteNetworkInterface: deleteNetworkInterface,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DescribeNetworkInterfaceAttribute: describeNetworkInterfaceAttribute,
  ModifyNetworkInterfaceAttribute: modifyNetworkInterfaceAttribute,
  ResetNetworkInterfaceAttribute: resetNetworkInterfaceAttribute,
  AssignPrivateIpAddresses: assignPrivateIpAddresses,
  UnassignPrivateIpAddresses: unassignPrivateIpAddresses,
  AssignIpv6Addresses: assignIpv6Addresses,
  UnassignIpv6Addresses: unassignIpv6Addresses,
  CreateNetworkInterfacePermission: createNetworkInterfacePermission,
  DescribeNetworkInterfacePermissions: describeNetworkInterfacePermissions,
  DeleteNetworkInterfacePermission: deleteNetworkInterfacePermission,
};
