/** The append-only record of failovers (migration 007), read by `vpclite failover watch` after a sequence number. */
import type { RequestContext } from '../context.js';
import type { MovedEni, MoveOutcome } from './move-enis.js';

export interface FailoverEvent {
  seq: number;
  group: string;
  primaryInstanceId: string;
  standbyInstanceId: string;
  /** The primary's new state: `stopped` or `terminated`. */
  trigger: string;
  outcome: 'moved' | 'failed';
  message: string;
  moved: MovedEni[];
  /** Time spent moving inside the state change's own transaction. */
  moveMicroseconds: number;
  happenedAt: string;
}

interface EventRow {
  seq: number;
  group_name: string;
  primary_instance_id: string;
  standby_instance_id: string;
  trigger_state: string;
  outcome: string;
  message: string;
  moved: string;
  move_microseconds: number;
  happened_at: string;
}

export async function recordEvent(
  ctx: RequestContext,
  event: { group: string; primary: string; standby: string; trigger: string; result: MoveOutcome; microseconds: number },
): Promise<void> {
  await ctx.tx.run(
    `INSERT INTO failover_events (account, region, group_name, primary_instance_id, standby_instance_id, trigger_state,
       outcome, message, moved, move_microseconds, happened_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ctx.account, ctx.region.name, event.group, event.primary, event.standby, event.trigger, event.result.outcome,
      event.result.outcome === 'failed' ? event.result.message : '', JSON.stringify(event.result.moved),
      event.microseconds, ctx.now.toISOString(),
    ],
  );
}

/** Events after `afterSeq` (at most `limit`), optionally of one group, oldest first. */
export async function eventsAfter(
  ctx: RequestContext,
  afterSeq: number,
  group: string | undefined,
  limit = 100,
): Promise<FailoverEvent[]> {
  const rows = group === undefined
    ? await ctx.tx.all<EventRow>(
        'SELECT * FROM failover_events WHERE account = ? AND region = ? AND seq > ? ORDER BY seq LIMIT ?',
        [ctx.account, ctx.region.name, afterSeq, limit],
      )
    : await ctx.tx.all<EventRow>(
        'SELECT * FROM failover_events WHERE account = ? AND region = ? AND group_name = ? AND seq > ? ORDER BY seq LIMIT ?',
        [ctx.account, ctx.region.name, group, afterSeq, limit],
      );
  return rows.map((r) => ({
    seq: Number(r.seq),
    group: r.group_name,
    primaryInstanceId: r.primary_instance_id,
    standbyInstanceId: r.standby_instance_id,
    trigger: r.trigger_state,
    outcome: r.outcome as 'moved' | 'failed',
    message: r.message,
    moved: JSON.parse(r.moved) as MovedEni[],
    moveMicroseconds: Number(r.move_microseconds),
    happenedAt: r.happened_at,
  }));
}

/** The newest event's sequence number of the caller (0 when none): where a new watcher starts. */
export async function lastEventSeq(ctx: RequestContext): Promise<number> {
  const row = await ctx.tx.get<{ s: number | null }>(
    'SELECT MAX(seq) AS s FROM failover_events WHERE account = ? AND region = ?',
    [ctx.account, ctx.region.name],
  );
  return Number(row?.s ?? 0);
}
