import type { ActionTable } from '../context.js';
import { createFlowLogs } from './create-flow-logs.js';
import { deleteFlowLogs } from './delete-flow-logs.js';
import { describeFlowLogs } from './describe-flow-logs.js';

export const flowLogActions: ActionTable = {
  CreateFlowLogs: createFlowLogs,
  DescribeFlowLogs: describeFlowLogs,
  DeleteFlowLogs: deleteFlowLogs,
};
