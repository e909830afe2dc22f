import type { ActionTable } from '../context.js';
import { createNetworkAcl } from './create-network-acl.js';
import { deleteNetworkAcl } from './delete-network-acl.js';
import { describeNetworkAcls } from './describe-network-acls.js';

export const networkAclActions: ActionTable = {
  CreateNetworkAcl: createNetworkAcl,
  DescribeNetworkAcls: describeNetworkAcls,
  DeleteNetworkAcl: deleteNetworkAcl,
};
