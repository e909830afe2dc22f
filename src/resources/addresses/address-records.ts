/**
 * Elastic IP rows, the private address each one is mapped to (if any), and the model's Address shape.
 * An EIP's association is read from the eni_private_ipv4 row whose allocation_id names it (partial UNIQUE index),
 * and the instance from that ENI's attachment, so DescribeAddresses always agrees with DescribeNetworkInterfaces.
 */
import {
  addressNotFound,
  allocationIdMalformed,
  allocationsNotFound,
  missingAllocationId,
} from '../../errors/addresses.js';
import type { Address, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';

export interface ElasticIpRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  public_ip: string;
  address: number;
  domain: string;
  public_ipv4_pool: string;
  network_border_group: string;
}

/** An Elastic IP with its current mapping; the mapping columns are null when it is not associated. */
export interface AddressViewRow extends ElasticIpRow {
  association_id: string | null;
  private_ip: string | null;
  eni_id: string | null;
  eni_owner: string | null;
  instance_id: string | null;
}

/** The private address an Elastic IP (or another public address) is mapped to. */
export interface MappedAddressRow {
  account: string;
  region: string;
  subnet_id: string;
  address: number;
  ip: string;
  eni_id: string;
  is_primary: number;
  public_ip: string;
  public_ip_owner: string;
  allocation_id: string;
  association_id: string;
}

/** FROM clause of an Elastic IP with its mapping (`e`), the mapped private address (`p`) and its ENI (`n`). */
export const ADDRESS_VIEW_FROM = `elastic_ips e
  LEFT JOIN eni_private_ipv4 p ON p.allocation_id = e.id AND p.allocation_id <> ''
  LEFT JOIN network_interfaces n ON n.id = p.eni_id`;

export const ADDRESS_VIEW_COLUMNS = `e.*, p.association_id AS association_id, p.ip AS private_ip, p.eni_id AS eni_id,
  n.account AS eni_owner, n.instance_id AS instance_id`;

export async function findElasticIp(ctx: RequestContext, allocationId: string): Promise<ElasticIpRow | undefined> {
  return ctx.tx.get<ElasticIpRow>('SELECT * FROM elastic_ips WHERE id = ? AND account = ? AND region = ?', [
    allocationId, ctx.account, ctx.region.name,
  ]);
}

/** The caller's Elastic IPs among `allocationIds` (unknown ids are missing from the answer). */
export async function findElasticIps(ctx: RequestContext, allocationIds: readonly string[]): Promise<ElasticIpRow[]> {
  if (allocationIds.length === 0) return [];
  return ctx.tx.all<ElasticIpRow>(
    `SELECT * FROM elastic_ips WHERE id IN (${placeholders(allocationIds)}) AND account = ? AND region = ?`,
    [...allocationIds, ctx.account, ctx.region.name],
  );
}

/** The caller's Elastic IP `allocationId`: InvalidAllocationID.Malformed / .NotFound otherwise. */
export async function requireElasticIp(ctx: RequestContext, allocationId: string): Promise<ElasticIpRow> {
  if (!isWellFormedId('eipalloc', allocationId)) throw allocationIdMalformed(allocationId);
  const row = await findElasticIp(ctx, allocationId);
  if (!row) throw allocationsNotFound([allocationId]);
  return row;
}

/**
 * The Elastic IP a request names: by `AllocationId`, or by the legacy `PublicIp` when no allocation id is given
 * (InvalidAddress.NotFound when the caller holds no such address); MissingParameter when neither is given.
 */
export async function resolveElasticIp(
  ctx: RequestContext,
  allocationId: string | undefined,
  publicIp: string | undefined,
): Promise<ElasticIpRow> {
  if (allocationId !== undefined) return requireElasticIp(ctx, allocationId);
  if (publicIp === undefined) throw missingAllocationId();
  const row = await ctx.tx.get<ElasticIpRow>(
    'SELECT * FROM elastic_ips WHERE public_ip = ? AND account = ? AND region = ?',
    [publicIp, ctx.account, ctx.region.name],
  );
  if (!row) throw addressNotFound(publicIp);
  return row;
}

/** The private address an Elastic IP is mapped to, or undefined when it is not associated. */
export async function mappingOf(ctx: RequestContext, allocationId: string): Promise<MappedAddressRow | undefined> {
  return ctx.tx.get<MappedAddressRow>(
    `SELECT account, region, subnet_id, address, ip, eni_id, is_primary, public_ip, public_ip_owner, allocation_id,
       association_id FROM eni_private_ipv4 WHERE allocation_id = ? AND allocation_id <> '' AND account = ? AND region = ?`,
    [allocationId, ctx.account, ctx.region.name],
  );
}

export function toAddress(row: AddressViewRow, tags: Tag[]): Address {
  const associated = row.association_id !== null && row.association_id !== '';
  return {
    PublicIp: row.public_ip,
    AllocationId: row.id,
    Domain: row.domain as Address['Domain'],
    AssociationId: associated ? row.association_id! : undefined,
    InstanceId: associated && row.instance_id ? row.instance_id : undefined,
    NetworkInterfaceId: associated ? row.eni_id! : undefined,
    NetworkInterfaceOwnerId: associated ? row.eni_owner! : undefined,
    PrivateIpAddress: associated ? row.private_ip! : undefined,
    // AWS leaves tagSet out of an untagged address (the API reference's examples).
    Tags: tags.length > 0 ? tags : undefined,
    PublicIpv4Pool: row.public_ipv4_pool,
    NetworkBorderGroup: row.network_border_group,
  };
}
