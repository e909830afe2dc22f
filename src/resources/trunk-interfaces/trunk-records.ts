/**
 * Trunk interface associations: a branch ENI carried on a trunk ENI over a VLAN id or a GRE key
 * (network-interfaces.md §2 `interfaceType` trunk/branch). While associated, a branch shows interfaceType `branch`
 * and status `in-use` (so it is neither attachable nor listed as available); it gets its own type and `available`
 * back when the association ends.
 */
import type { TrunkInterfaceAssociation, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';

export interface TrunkAssociationRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  trunk_interface_id: string;
  branch_interface_id: string;
  interface_protocol: 'VLAN' | 'GRE';
  vlan_id: number;
  gre_key: number;
  branch_interface_type: string;
}

export const BRANCH_INTERFACE_TYPE = 'branch';
export const BRANCH_STATUS = 'in-use';

export function toTrunkInterfaceAssociation(row: TrunkAssociationRow, tags: Tag[]): TrunkInterfaceAssociation {
  return {
    AssociationId: row.id,
    BranchInterfaceId: row.branch_interface_id,
    TrunkInterfaceId: row.trunk_interface_id,
    InterfaceProtocol: row.interface_protocol,
    VlanId: row.interface_protocol === 'VLAN' ? Number(row.vlan_id) : undefined,
    GreKey: row.interface_protocol === 'GRE' ? Number(row.gre_key) : undefined,
    Tags: tags,
  };
}

/** Ends one association: the branch gets its own interface type and `available` back. */
export async function endTrunkAssociation(ctx: RequestContext, row: TrunkAssociationRow): Promise<void> {
  await ctx.tx.run(`UPDATE network_interfaces SET interface_type = ?, status = 'available' WHERE id = ?`, [
    row.branch_interface_type, row.branch_interface_id,
  ]);
  await ctx.tx.run('DELETE FROM trunk_interface_associations WHERE id = ?', [row.id]);
}

/** The association that carries `eniId` as a branch, if any. */
export async function branchAssociationOf(ctx: RequestContext, eniId: string): Promise<TrunkAssociationRow | undefined> {
  return ctx.tx.get<TrunkAssociationRow>('SELECT * FROM trunk_interface_associations WHERE branch_interface_id = ?', [eniId]);
}

/**
 * Before an ENI goes: as a branch, its association ends with it; as a trunk, every branch it carries is
 * disassociated (and stays, available).
 */
export async function endTrunkAssociationsOf(ctx: RequestContext, eniId: string): Promise<void> {
  await ctx.tx.run('DELETE FROM trunk_interface_associations WHERE branch_interface_id = ?', [eniId]);
  const carried = await ctx.tx.all<TrunkAssociationRow>(
    'SELECT * FROM trunk_interface_associations WHERE trunk_interface_id = ? ORDER BY seq',
    [eniId],
  );
  for (const row of carried) await endTrunkAssociation(ctx, row);
}
