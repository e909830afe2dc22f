/**
 * Mapping an Elastic IP onto a private address and taking it off again (addressing.md §5.2, §5.3, §6). The mapping
 * is the public columns of the eni_private_ipv4 row; the UNIQUE indexes on allocation_id and public_ip make a
 * second mapping of the same EIP impossible, so a move always clears the old row before writing the new one.
 */
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { attachedEnis } from '../instances/instance-interfaces.js';
import { findInstanceRows } from '../instances/instance-records.js';
import { restoreAutoPublicIp } from '../public-ipv4/auto-assigned.js';
import { releasePublicIpv4 } from '../public-ipv4/pool.js';
import type { ElasticIpRow, MappedAddressRow } from './address-records.js';

const isAutoAssigned = (row: Pick<MappedAddressRow, 'public_ip' | 'allocation_id'>) =>
  row.public_ip !== '' && row.allocation_id === '';

async function setPublicColumns(
  ctx: RequestContext,
  row: Pick<MappedAddressRow, 'subnet_id' | 'address'>,
  values: { publicIp: string; owner: string; allocationId: string; associationId: string },
): Promise<void> {
  await ctx.tx.run(
    `UPDATE eni_private_ipv4 SET public_ip = ?, public_ip_owner = ?, allocation_id = ?, association_id = ?
     WHERE subnet_id = ? AND address = ?`,
    [values.publicIp, values.owner, values.allocationId, values.associationId, row.subnet_id, row.address],
  );
}

/**
 * After an Elastic IP left the primary private IP of an ENI attached to a running instance of the caller, the
 * instance may get a new auto-assigned public IPv4 (§5.3, §6; restoreAutoPublicIp says when).
 */
export async function afterElasticIpLeft(ctx: RequestContext, left: MappedAddressRow): Promise<void> {
  if (left.is_primary !== 1) return;
  const eni = await ctx.tx.get<{ instance_id: string }>(
    'SELECT instance_id FROM network_interfaces WHERE id = ? AND account = ? AND region = ?',
    [left.eni_id, ctx.account, ctx.region.name],
  );
  if (!eni || eni.instance_id === '') return;
  const [instance] = await findInstanceRows(ctx, [eni.instance_id]);
  if (instance?.state !== 'running') return;
  await restoreAutoPublicIp(ctx, await attachedEnis(ctx, instance.id));
}

/** Clears the public columns of a private address. */
export async function clearMapping(ctx: RequestContext, mapping: MappedAddressRow): Promise<void> {
  await setPublicColumns(ctx, mapping, { publicIp: '', owner: '', allocationId: '', associationId: '' });
}

/** Takes an Elastic IP off the private address it is mapped to; the EIP stays allocated. */
export async function unmapElasticIp(ctx: RequestContext, mapping: MappedAddressRow): Promise<void> {
  await clearMapping(ctx, mapping);
  await afterElasticIpLeft(ctx, mapping);
}

/**
 * Maps `eip` onto `target` with a new association id, which is returned. The caller has taken the EIP off any
 * other address. Whatever public address the target had goes: an auto-assigned one is released and lost (§6), an
 * Elastic IP is disassociated and stays allocated (§5.2).
 */
export async function mapElasticIp(ctx: RequestContext, eip: ElasticIpRow, target: MappedAddressRow): Promise<string> {
  if (isAutoAssigned(target)) await releasePublicIpv4(ctx, target.public_ip);
  const associationId = newId('eipassoc');
  await ctx.tx.run(
    `INSERT INTO elastic_ip_association_ids (association_id, account, region, allocation_id, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    [associationId, ctx.account, ctx.region.name, eip.id, ctx.now.toISOString()],
  );
  await setPublicColumns(ctx, target, {
    publicIp: eip.public_ip,
    owner: ctx.account,
    allocationId: eip.id,
    associationId,
  });
  return associationId;
}
