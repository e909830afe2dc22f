import type { ActionTable } from '../context.js';
import { createVpc } from './create-vpc.js';
import { deleteVpc } from './delete-vpc.js';
import { describeVpcs } from './describe-vpcs.js';

export const vpcActions: ActionTable = {
  CreateVpc: createVpc,
  DescribeVpcs: describeVpcs,
  DeleteVpc: deleteVpc,
};
