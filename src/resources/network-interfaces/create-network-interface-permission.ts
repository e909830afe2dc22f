/**
 * CreateNetworkInterfacePermission (network-interfaces.md §4.12): grants one account INSTANCE-ATTACH or
 * EIP-ASSOCIATE on one of the caller's ENIs; granting the same thing twice is refused. AwsService is documented as
 * not supported.
 */
import {
  awsServiceNotSupported,
  invalidAccountId,
  invalidPermissionType,
  permissionDuplicate,
} from '../../errors/network-interfaces.js';
import { invalidParameterCombination, missingParameter } from '../../errors/protocol.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { requireEni } from './eni-records.js';
import { toPermission, type PermissionRow } from './permission-records.js';

export const PERMISSION_TYPES = ['INSTANCE-ATTACH', 'EIP-ASSOCIATE'];

export const createNetworkInterfacePermission: Handler<'CreateNetworkInterfacePermission'> = async (ctx, input) => {
  if (!PERMISSION_TYPES.includes(input.Permission)) throw invalidPermissionType(input.Permission);
  if (input.AwsAccountId !== undefined && input.AwsService !== undefined) {
    throw invalidParameterCombination('Only one of AwsAccountId and AwsService can be specified.');
  }
  if (input.AwsService !== undefined) throw awsServiceNotSupported();
  if (input.AwsAccountId === undefined) throw missingParameter('AwsAccountId');
  if (!/^\d{12}$/.test(input.AwsAccountId)) throw invalidAccountId(input.AwsAccountId);
  const eni = await requireEni(ctx, input.NetworkInterfaceId);
  const existing = await ctx.tx.get(
    `SELECT 1 AS x FROM eni_permissions WHERE eni_id = ? AND aws_account_id = ? AND aws_service = '' AND permission = ?`,
    [eni.id, input.AwsAccountId, input.Permission],
  );
  if (existing) throw permissionDuplicate(eni.id, input.AwsAccountId);
  const id = newId('eni-perm');
  await ctx.tx.run(
    `INSERT INTO eni_permissions (id, account, region, eni_id, aws_account_id, permission, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'granted', ?)`,
    [id, ctx.account, ctx.region.name, eni.id, input.AwsAccountId, input.Permission, ctx.now.toISOString()],
  );
  const row = (await ctx.tx.get<PermissionRow>('SELECT * FROM eni_permissions WHERE id = ?', [id]))!;
  return { InterfacePermission: toPermission(row) };
};
