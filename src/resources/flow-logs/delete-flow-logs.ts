/**
 * DeleteFlowLogs (routing-and-traffic.md §4.1): each id is deleted or reported in `unsuccessful`
 * (InvalidFlowLogId.NotFound). Deleting stops recording at once: windows still open are dropped with the flow
 * log; records already delivered (log events, S3 files) stay.
 */
import { flowLogNotFound, tooManyFlowLogIds } from '../../errors/flow-logs.js';
import type { UnsuccessfulItem } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { placeholders } from '../common/describe.js';
import { deleteAllTags } from '../tags/tag-store.js';

export const deleteFlowLogs: Handler<'DeleteFlowLogs'> = async (ctx, input) => {
  const ids = [...new Set(input.FlowLogIds)];
  if (ids.length > 1000) throw tooManyFlowLogIds();
  const found = ids.length
    ? await ctx.tx.all<{ id: string }>(
        `SELECT id FROM flow_logs WHERE account = ? AND region = ? AND id IN (${placeholders(ids)})`,
        [ctx.account, ctx.region.name, ...ids],
      )
    : [];
  const present = new Set(found.map((r) => r.id));
  const failures: UnsuccessfulItem[] = [];
  for (const id of ids) {
    if (!present.has(id)) {
      failures.push(flowLogNotFound(id));
      continue;
    }
    await ctx.tx.run('DELETE FROM flow_log_windows WHERE flow_log_id = ?', [id]);
    await ctx.tx.run('DELETE FROM flow_logs WHERE id = ? AND account = ? AND region = ?', [id, ctx.account, ctx.region.name]);
    await deleteAllTags(ctx, id);
  }
  return { Unsuccessful: failures };
};
