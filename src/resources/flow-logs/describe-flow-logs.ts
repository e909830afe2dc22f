/** DescribeFlowLogs (routing-and-traffic.md §4.1): ids, the documented filters, tags and pagination. */
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { toFlowLog, type FlowLogRow } from './flow-log-records.js';

const FLOW_LOG_FILTERS: FilterTable = {
  // Delivery never fails here, so every flow log's status is SUCCESS.
  'deliver-log-status': (_tx, values) => ({ sql: values.includes('SUCCESS') ? '1 = 1' : '1 = 0', params: [] }),
  'log-destination-type': column('f.log_destination_type'),
  'flow-log-id': column('f.id'),
  'log-group-name': column('f.log_group_name'),
  'resource-id': column('f.resource_id'),
  'traffic-type': column('f.traffic_type'),
};

export const describeFlowLogs: Handler<'DescribeFlowLogs'> = async (ctx, input) => {
  const page = await describeRows<FlowLogRow>(ctx, {
    from: 'flow_logs f',
    alias: 'f',
    // Unknown ids narrow the answer rather than fail it: DescribeFlowLogs has no NotFound of its own.
    ids: input.FlowLogIds,
    conditions: compileFilters(ctx.tx, FLOW_LOG_FILTERS, input.Filter, 'f.id'),
    limit: pageSize('DescribeFlowLogs', input.MaxResults),
    nextToken: input.NextToken,
  });
  const tags = await tagsFor(ctx, page.rows.map((r) => r.id));
  return { FlowLogs: page.rows.map((row) => toFlowLog(row, tags.get(row.id)!)), NextToken: page.nextToken };
};
