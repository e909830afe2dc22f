import type { ActionTable } from '../context.js';
import { associateVpcCidrBlock } from './associate-vpc-cidr-block.js';
import { createDefaultVpc } from './create-default-vpc.js';
import { createVpc } from './create-vpc.js';
import { deleteVpc } from './delete-vpc.js';
import { describeVpcAttribute } from './describe-vpc-attribute.js';
import { describeVpcs } from './describe-vpcs.js';
import { disassociateVpcCidrBlock } from './disassociate-vpc-cidr-block.js';
import { modifyVpcAttribute } from './modify-vpc-attribute.js';

export const vpcActions: ActionTable = {
  CreateVpc: createVpc,
  DescribeVpcs: describeVpcs,
  DeleteVpc: deleteVpc,
  ModifyVpcAttribute: modifyVpcAttribute,
  DescribeVpcAttribute: describeVpcAttribute,
  AssociateVpcCidrBlock: associateVpcCidrBlock,
  DisassociateVpcCidrBlock: disassociateVpcCidrBlock,
  CreateDefaultVpc: createDefaultVpc,
};
