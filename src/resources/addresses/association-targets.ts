/**
 * Where AssociateAddress puts an Elastic IP (addressing.md §5.2): a private IPv4 of an ENI (the one named by
 * PrivateIpAddress, else the primary), the ENI being named directly or as an instance's only ENI.
 */
import { instanceIdMalformed, instancesNotFound, interfaceWithoutIpv4, privateIpNotOnInterface } from '../../errors/addresses.js';
import { instanceNotUsable, multipleInterfaces } from '../../errors/instances.js';
import { parseIpv4 } from '../../net/ipv4.js';
import type { RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { findInstanceRows } from '../instances/instance-records.js';
import { requireEni, type EniRow } from '../network-interfaces/eni-records.js';
import type { MappedAddressRow } from './address-records.js';
import { interfacesOfInstance } from './instance-interfaces.js';

/** A launching instance cannot take an Elastic IP yet (§5.2, C); a terminating one no longer can. */
const UNASSOCIABLE_STATES = ['pending', 'shutting-down', 'terminated'];

export interface AssociationTarget {
  eni: EniRow;
  address: MappedAddressRow;
}

const ADDRESS_COLUMNS = `account, region, subnet_id, address, ip, eni_id, is_primary, public_ip, public_ip_owner,
  allocation_id, association_id`;

/** A private IPv4 of `eni`: the one named (it must be one of the ENI's own addresses), else its primary one. */
async function privateAddressOf(ctx: RequestContext, eni: EniRow, privateIp: string | undefined): Promise<MappedAddressRow> {
  if (privateIp === undefined) {
    const primary = await ctx.tx.get<MappedAddressRow>(
      `SELECT ${ADDRESS_COLUMNS} FROM eni_private_ipv4 WHERE eni_id = ? AND is_primary = 1`,
      [eni.id],
    );
    if (!primary) throw interfaceWithoutIpv4(eni.id);
    return primary;
  }
  const address = parseIpv4(privateIp);
  const row =
    address === undefined
      ? undefined
      : await ctx.tx.get<MappedAddressRow>(
          // Addresses of a delegated prefix are not individual private IPs of the ENI.
          `SELECT ${ADDRESS_COLUMNS} FROM eni_private_ipv4 WHERE subnet_id = ? AND address = ? AND eni_id = ? AND in_prefix = 0`,
          [eni.subnet_id, address, eni.id],
        );
  if (!row) throw privateIpNotOnInterface(privateIp, eni.id);
  return row;
}

export async function interfaceTarget(
  ctx: RequestContext,
  eniId: string,
  privateIp: string | undefined,
): Promise<AssociationTarget> {
  const eni = await requireEni(ctx, eniId);
  return { eni, address: await privateAddressOf(ctx, eni, privateIp) };
}

/** The instance's only ENI; an instance with several must be addressed through one of them. */
export async function instanceTarget(
  ctx: RequestContext,
  instanceId: string,
  privateIp: string | undefined,
): Promise<AssociationTarget> {
  if (!isWellFormedId('i', instanceId)) throw instanceIdMalformed(instanceId);
  const [instance] = await findInstanceRows(ctx, [instanceId]);
  if (!instance) throw instancesNotFound([instanceId]);
  if (UNASSOCIABLE_STATES.includes(instance.state)) throw instanceNotUsable(instanceId);
  const enis = await interfacesOfInstance(ctx, instanceId, 2);
  if (enis.length === 0) throw instanceNotUsable(instanceId);
  if (enis.length > 1) throw multipleInterfaces(instanceId);
  const eni = await requireEni(ctx, enis[0]!);
  return { eni, address: await privateAddressOf(ctx, eni, privateIp) };
}
