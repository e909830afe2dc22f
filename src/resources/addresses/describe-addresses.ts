/**
 * DescribeAddresses (addressing.md §5.5): the caller's Elastic IPs with their current mapping, by AllocationId.N
 * and/or PublicIp.N (any unknown one fails the call) and every filter of the API reference, plus `domain` and the
 * tag filters. Not paginated (wire-protocol.md §8): the quota keeps the answer small.
 */
import { addressNotFound, allocationIdMalformed, allocationsNotFound } from '../../errors/addresses.js';
import type { SqlValue } from '../../store/store.js';
import type { Handler, RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { column, compileFilters, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { isWellFormedId } from '../ids.js';
import { tagsFor } from '../tags/tag-store.js';
import {
  ADDRESS_VIEW_COLUMNS,
  ADDRESS_VIEW_FROM,
  toAddress,
  type AddressViewRow,
} from './address-records.js';

/** Columns of the ENI only match when the address is associated with an ENI that has them. */
const whenSet =
  (name: string): FilterCompiler =>
  (tx, values) => {
    const inner = column(name)(tx, values);
    return { sql: `(${name} <> '' AND ${inner.sql})`, params: inner.params };
  };

const ADDRESS_FILTERS: FilterTable = {
  'allocation-id': column('e.id'),
  'association-id': column('p.association_id'),
  domain: column('e.domain'),
  'instance-id': whenSet('n.instance_id'),
  'network-border-group': column('e.network_border_group'),
  'network-interface-id': column('p.eni_id'),
  'network-interface-owner-id': column('n.account'),
  'private-ip-address': column('p.ip'),
  'public-ip': column('e.public_ip'),
};

/** Fails the call for explicit ids or addresses the caller does not hold, as EC2 does (no partial answers). */
async function requireKnown(ctx: RequestContext, allocationIds: string[], publicIps: string[]): Promise<void> {
  const malformed = allocationIds.find((id) => !isWellFormedId('eipalloc', id));
  if (malformed !== undefined) throw allocationIdMalformed(malformed);
  if (allocationIds.length > 0) {
    const found = new Set(
      (
        await ctx.tx.all<{ id: string }>(
          `SELECT id FROM elastic_ips WHERE account = ? AND region = ? AND id IN (${placeholders(allocationIds)})`,
          [ctx.account, ctx.region.name, ...allocationIds],
        )
      ).map((r) => r.id),
    );
    const missing = allocationIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw allocationsNotFound(missing);
  }
  if (publicIps.length > 0) {
    const found = new Set(
      (
        await ctx.tx.all<{ public_ip: string }>(
          `SELECT public_ip FROM elastic_ips WHERE account = ? AND region = ? AND public_ip IN (${placeholders(publicIps)})`,
          [ctx.account, ctx.region.name, ...publicIps],
        )
      ).map((r) => r.public_ip),
    );
    const missing = publicIps.find((ip) => !found.has(ip));
    if (missing !== undefined) throw addressNotFound(missing);
  }
}

export const describeAddresses: Handler<'DescribeAddresses'> = async (ctx, input) => {
  const allocationIds = [...new Set(input.AllocationIds ?? [])];
  const publicIps = [...new Set(input.PublicIps ?? [])];
  const conditions = compileFilters(ctx.tx, ADDRESS_FILTERS, input.Filters, 'e.id');
  await requireKnown(ctx, allocationIds, publicIps);

  const where = ['e.account = ?', 'e.region = ?'];
  const params: SqlValue[] = [ctx.account, ctx.region.name];
  if (allocationIds.length > 0) {
    where.push(`e.id IN (${placeholders(allocationIds)})`);
    params.push(...allocationIds);
  }
  if (publicIps.length > 0) {
    where.push(`e.public_ip IN (${placeholders(publicIps)})`);
    params.push(...publicIps);
  }
  for (const c of conditions) {
    where.push(c.sql);
    params.push(...c.params);
  }
  const rows = await ctx.tx.all<AddressViewRow>(
    `SELECT ${ADDRESS_VIEW_COLUMNS} FROM ${ADDRESS_VIEW_FROM} WHERE ${where.join(' AND ')} ORDER BY e.seq`,
    params,
  );
  const tags = await tagsFor(ctx, rows.map((r) => r.id));
  return { Addresses: rows.map((row) => toAddress(row, tags.get(row.id)!)) };
};
