import type { ActionTable } from '../context.js';
import { associateSubnetCidrBlock } from './associate-subnet-cidr-block.js';
import { createSubnet } from './create-subnet.js';
import { deleteSubnet } from './delete-subnet.js';
import { describeSubnets } from './describe-subnets.js';
import { disassociateSubnetCidrBlock } from './disassociate-subnet-cidr-block.js';
import { modifySubnetAttribute } from './modify-subnet-attribute.js';

export const subnetActions: ActionTable = {
  CreateSubnet: createSubnet,
  DescribeSubnets: describeSubnets,
  DeleteSubnet: deleteSubnet,
  ModifySubnetAttribute: modifySubnetAttribute,
  AssociateSubnetCidrBlock: associateSubnetCidrBlock,
  DisassociateSubnetCidrBlock: disassociateSubnetCidrBlock,
};
