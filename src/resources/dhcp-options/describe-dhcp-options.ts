/**
 * DescribeDhcpOptions for the account's default options set (the only one vpclite has): ids, the filters
 * `dhcp-options-id`, `key`, `value`, `owner-id` and the tag filters, MaxResults 5-1000. With one set there is
 * never a second page, so no NextToken is ever handed out and none is accepted.
 */
import { dhcpOptionsNotFound } from '../../errors/dhcp-options.js';
import { invalidNextToken } from '../../errors/protocol.js';
import type { SqlValue } from '../../store/store.js';
import type { Handler } from '../context.js';
import { pageSize, placeholders } from '../common/describe.js';
import { column, compileFilters, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { matchesPattern } from '../common/in-memory-filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { defaultDhcpConfigurations, toDhcpOptions } from './default-dhcp-options.js';

/** A filter on the configuration, which is fixed per region: it becomes a constant condition. */
const configuration =
  (fields: string[]): FilterCompiler =>
  (_tx, values) => {
    const hit = fields.some((field) => values.some((pattern) => matchesPattern(field, pattern)));
    return { sql: hit ? '1 = 1' : '1 = 0', params: [] };
  };

export const describeDhcpOptions: Handler<'DescribeDhcpOptions'> = async (ctx, input) => {
  pageSize('DescribeDhcpOptions', input.MaxResults);
  if (input.NextToken !== undefined) throw invalidNextToken(input.NextToken);
  const configurations = defaultDhcpConfigurations(ctx.region);
  const filters: FilterTable = {
    'dhcp-options-id': column('ar.dhcp_options_id'),
    key: configuration(configurations.map((c) => c.Key!)),
    value: configuration(configurations.flatMap((c) => (c.Values ?? []).map((v) => v.Value!))),
    'owner-id': column('ar.account'),
  };
  const conditions = compileFilters(ctx.tx, filters, input.Filters, 'ar.dhcp_options_id');
  const ids = [...new Set(input.DhcpOptionsIds ?? [])];

  const where = ['ar.account = ?', 'ar.region = ?'];
  const params: SqlValue[] = [ctx.account, ctx.region.name];
  const own = await ctx.tx.get<{ id: string }>(`SELECT ar.dhcp_options_id AS id FROM account_regions ar WHERE ${where.join(' AND ')}`, params);
  const missing = ids.filter((id) => id !== own?.id);
  if (missing.length > 0) throw dhcpOptionsNotFound(missing);
  if (ids.length > 0) {
    where.push(`ar.dhcp_options_id IN (${placeholders(ids)})`);
    params.push(...ids);
  }
  for (const c of conditions) {
    where.push(c.sql);
    params.push(...c.params);
  }
  const rows = await ctx.tx.all<{ id: string }>(
    `SELECT ar.dhcp_options_id AS id FROM account_regions ar WHERE ${where.join(' AND ')}`,
    params,
  );
  const tags = await tagsFor(ctx, rows.map((r) => r.id));
  return { DhcpOptions: rows.map((row) => toDhcpOptions(row.id, ctx.account, ctx.region, tags.get(row.id)!)) };
};
