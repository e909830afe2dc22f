/** Failover group rows (migration 007): one primary, one standby, in the caller's account and region. */
import {
  groupDuplicate,
  groupNameInvalid,
  groupNotFound,
  primaryInAnotherGroup,
  sameInstance,
  zonesDiffer,
} from '../../errors/failover.js';
import { UniqueViolation } from '../../store/store.js';
import type { RequestContext } from '../context.js';
import { requireInstance } from '../instances/instance-records.js';

export interface FailoverGroupRow {
  name: string;
  primary_instance_id: string;
  standby_instance_id: string;
  created_at: string;
}

export interface FailoverGroup {
  name: string;
  primaryInstanceId: string;
  standbyInstanceId: string;
  createdAt: string;
}

export const toGroup = (row: FailoverGroupRow): FailoverGroup => ({
  name: row.name,
  primaryInstanceId: row.primary_instance_id,
  standbyInstanceId: row.standby_instance_id,
  createdAt: row.created_at,
});

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

export async function createGroup(
  ctx: RequestContext,
  request: { name: string; primary: string; standby: string },
): Promise<FailoverGroup> {
  if (!NAME.test(request.name)) throw groupNameInvalid(request.name);
  const primary = await requireInstance(ctx, request.primary);
  const standby = await requireInstance(ctx, request.standby);
  if (primary.id === standby.id) throw sameInstance();
  if (primary.availability_zone !== standby.availability_zone) {
    throw zonesDiffer(primary.availability_zone, standby.availability_zone);
  }
  const existing = await groupOfPrimary(ctx, primary.id);
  if (existing) throw primaryInAnotherGroup(primary.id, existing.name);
  if (await findGroup(ctx, request.name)) throw groupDuplicate(request.name);
  try {
    await ctx.tx.run(
      `INSERT INTO failover_groups (account, region, name, primary_instance_id, standby_instance_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [ctx.account, ctx.region.name, request.name, primary.id, standby.id, ctx.now.toISOString()],
    );
  } catch (error) {
    // Another request created the same name or primary since the checks above.
    if (error instanceof UniqueViolation) throw groupDuplicate(request.name);
    throw error;
  }
  return { name: request.name, primaryInstanceId: primary.id, standbyInstanceId: standby.id, createdAt: ctx.now.toISOString() };
}

export async function findGroup(ctx: RequestContext, name: string): Promise<FailoverGroupRow | undefined> {
  return ctx.tx.get<FailoverGroupRow>(
    'SELECT * FROM failover_groups WHERE account = ? AND region = ? AND name = ?',
    [ctx.account, ctx.region.name, name],
  );
}

export async function requireGroup(ctx: RequestContext, name: string): Promise<FailoverGroupRow> {
  const row = await findGroup(ctx, name);
  if (!row) throw groupNotFound(name);
  return row;
}

export async function groupOfPrimary(ctx: RequestContext, instanceId: string): Promise<FailoverGroupRow | undefined> {
  return ctx.tx.get<FailoverGroupRow>(
    'SELECT * FROM failover_groups WHERE account = ? AND region = ? AND primary_instance_id = ?',
    [ctx.account, ctx.region.name, instanceId],
  );
}

export async function listGroups(ctx: RequestContext): Promise<FailoverGroup[]> {
  const rows = await ctx.tx.all<FailoverGroupRow>(
    'SELECT * FROM failover_groups WHERE account = ? AND region = ? ORDER BY seq',
    [ctx.account, ctx.region.name],
  );
  return rows.map(toGroup);
}

export async function deleteGroup(ctx: RequestContext, name: string): Promise<void> {
  await requireGroup(ctx, name);
  await ctx.tx.run('DELETE FROM failover_groups WHERE account = ? AND region = ? AND name = ?', [
    ctx.account, ctx.region.name, name,
  ]);
}
