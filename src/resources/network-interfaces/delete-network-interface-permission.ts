/**
 * DeleteNetworkInterfacePermission (network-interfaces.md §4.12): removes a grant. Without Force it is refused
 * while the grantee account has the ENI attached to one of its instances.
 */
import { permissionInUse, permissionNotFound } from '../../errors/network-interfaces.js';
import type { Handler } from '../context.js';
import type { PermissionRow } from './permission-records.js';

export const deleteNetworkInterfacePermission: Handler<'DeleteNetworkInterfacePermission'> = async (ctx, input) => {
  const id = input.NetworkInterfacePermissionId;
  const permission = await ctx.tx.get<PermissionRow>(
    'SELECT * FROM eni_permissions WHERE id = ? AND account = ? AND region = ?',
    [id, ctx.account, ctx.region.name],
  );
  if (!permission) throw permissionNotFound([id]);
  if (input.Force !== true && permission.aws_account_id !== '') {
    const attachedByGrantee = await ctx.tx.get(
      `SELECT 1 AS x FROM network_interfaces WHERE id = ? AND attachment_id <> '' AND instance_owner_id = ?`,
      [permission.eni_id, permission.aws_account_id],
    );
    if (attachedByGrantee) throw permissionInUse(permission.id);
  }
  await ctx.tx.run('DELETE FROM eni_permissions WHERE id = ?', [permission.id]);
  return { Return: true };
};
