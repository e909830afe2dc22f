/**
 * AssociateTrunkInterface: carries a branch ENI on a trunk ENI (InterfaceType `trunk`) over a VLAN id (1-4094) or
 * a GRE key. AWS publishes no rules beyond the parameters; the ones kept here (U unless marked): a branch is a
 * plain, unattached, unassociated `interface` ENI in the trunk's availability zone; a VLAN id is used once per
 * trunk (InvalidVlanId.Duplicate, observed), and so is a GRE key. ClientToken is handled by the gateway.
 */
import {
  branchAlreadyAssociated,
  bothTrunkProtocols,
  branchInOtherZone,
  branchInUse,
  greKeyInUse,
  invalidGreKey,
  invalidVlanId,
  missingTrunkProtocol,
  notABranchCandidate,
  notATrunkInterface,
  vlanInUse,
} from '../../errors/trunk-interfaces.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { isAttached, requireEni } from '../network-interfaces/eni-records.js';
import {
  BRANCH_INTERFACE_TYPE,
  BRANCH_STATUS,
  branchAssociationOf,
  toTrunkInterfaceAssociation,
  type TrunkAssociationRow,
} from './trunk-records.js';

const MAX_VLAN_ID = 4094;

export const associateTrunkInterface: Handler<'AssociateTrunkInterface'> = async (ctx, input) => {
  if (input.VlanId !== undefined && input.GreKey !== undefined) throw bothTrunkProtocols();
  if (input.VlanId === undefined && input.GreKey === undefined) throw missingTrunkProtocol();
  if (input.VlanId !== undefined && (input.VlanId < 1 || input.VlanId > MAX_VLAN_ID)) throw invalidVlanId(input.VlanId);
  if (input.GreKey !== undefined && input.GreKey < 0) throw invalidGreKey(input.GreKey);
  const branch = await requireEni(ctx, input.BranchInterfaceId);
  const trunk = await requireEni(ctx, input.TrunkInterfaceId);

  if (trunk.interface_type !== 'trunk') throw notATrunkInterface(trunk.id);
  const existing = await branchAssociationOf(ctx, branch.id);
  if (existing) throw branchAlreadyAssociated(branch.id, existing.id);
  if (branch.interface_type !== 'interface') throw notABranchCandidate(branch.id, branch.interface_type);
  if (isAttached(branch) || branch.status !== 'available') throw branchInUse(branch.id);
  if (branch.availability_zone !== trunk.availability_zone) throw branchInOtherZone(branch.id, trunk.id);

  const protocol = input.VlanId !== undefined ? 'VLAN' : 'GRE';
  const key = protocol === 'VLAN' ? 'vlan_id' : 'gre_key';
  const value = (input.VlanId ?? input.GreKey)!;
  const taken = await ctx.tx.get(
    `SELECT 1 AS x FROM trunk_interface_associations WHERE trunk_interface_id = ? AND interface_protocol = ? AND ${key} = ?`,
    [trunk.id, protocol, value],
  );
  if (taken) throw protocol === 'VLAN' ? vlanInUse(value) : greKeyInUse(value);

  const row: Omit<TrunkAssociationRow, 'seq'> = {
    id: newId('trunk-assoc'),
    account: ctx.account,
    region: ctx.region.name,
    trunk_interface_id: trunk.id,
    branch_interface_id: branch.id,
    interface_protocol: protocol,
    vlan_id: input.VlanId ?? 0,
    gre_key: input.GreKey ?? 0,
    branch_interface_type: branch.interface_type,
  };
  await ctx.tx.run(
    `INSERT INTO trunk_interface_associations (id, account, region, trunk_interface_id, branch_interface_id,
       interface_protocol, vlan_id, gre_key, branch_interface_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.id, row.account, row.region, row.trunk_interface_id, row.branch_interface_id, row.interface_protocol,
      row.vlan_id, row.gre_key, row.branch_interface_type, ctx.now.toISOString(),
    ],
  );
  await ctx.tx.run('UPDATE network_interfaces SET interface_type = ?, status = ? WHERE id = ?', [
    BRANCH_INTERFACE_TYPE, BRANCH_STATUS, branch.id,
  ]);
  return { InterfaceAssociation: toTrunkInterfaceAssociation({ ...row, seq: 0 }, []), ClientToken: input.ClientToken };
};
