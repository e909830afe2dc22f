import type { ActionTable } from '../context.js';
import { createNetworkAcl } from './create-network-acl.js';
import { createNetworkAclEntry } from './create-network-acl-entry.js';
import { deleteNetworkAcl } from './delete-network-acl.js';
import { deleteNetworkAclEntry } from './delete-network-acl-entry.js';
import { describeNetworkAcls } from './describe-network-acls.js';
import { replaceNetworkAclAssociation } from './replace-network-acl-association.js';
import { replaceNetworkAclEntry } from './replace-network-acl-entry.js';

export const networkAclActions: ActionTable = {
  CreateNetworkAcl: createNetworkAcl,
  DescribeNetworkAcls: describeNetworkAcls,
  DeleteNetworkAcl: deleteNetworkAcl,
  CreateNetworkAclEntry: createNetworkAclEntry,
  ReplaceNetworkAclEntry: replaceNetworkAclEntry,
  DeleteNetworkAclEntry: deleteNetworkAclEntry,
  ReplaceNetworkAclAssociation: replaceNetworkAclAssociation,
};
