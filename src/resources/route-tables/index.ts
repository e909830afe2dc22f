import type { ActionTable } from '../context.js';
import { describeRouteTables } from './describe-route-tables.js';

export const routeTableActions: ActionTable = {
  DescribeRouteTables: describeRouteTables,
};
