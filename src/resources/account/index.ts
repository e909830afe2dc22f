import type { ActionTable } from '../context.js';
import { describeAccountAttributes } from './describe-account-attributes.js';

export const accountActions: ActionTable = {
  DescribeAccountAttributes: describeAccountAttributes,
};
