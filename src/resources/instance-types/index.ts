import type { ActionTable } from '../context.js';
import { describeInstanceTypes } from './describe-instance-types.js';

export const instanceTypeActions: ActionTable = {
  DescribeInstanceTypes: describeInstanceTypes,
};
