/** DescribeVpcs with every filter of the API reference, ids and pagination. */
import { vpcNotFound } from '../../errors/vpcs.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { booleanColumn, column, compileFilters, exists, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { cidrBlocksOf, toVpc, type VpcRow } from './vpc-records.js';

const block = (family: 'ipv4' | 'ipv6', matchColumn: string) =>
  exists('vpc_cidr_blocks c', `c.vpc_id = v.id AND c.family = '${family}'`, matchColumn);

const VPC_FILTERS: FilterTable = {
  'vpc-id': column('v.id'),
  cidr: column('v.cidr_block'),
  'cidr-block-association.cidr-block': block('ipv4', 'c.cidr'),
  'cidr-block-association.association-id': block('ipv4', 'c.association_id'),
  'cidr-block-association.state': block('ipv4', 'c.state'),
  'ipv6-cidr-block-association.ipv6-cidr-block': block('ipv6', 'c.cidr'),
  'ipv6-cidr-block-association.association-id': block('ipv6', 'c.association_id'),
  'ipv6-cidr-block-association.state': block('ipv6', 'c.state'),
  'ipv6-cidr-block-association.ipv6-pool': block('ipv6', 'c.ipv6_pool'),
  'dhcp-options-id': column('v.dhcp_options_id'),
  'is-default': booleanColumn('v.is_default'),
  'owner-id': column('v.account'),
  state: column('v.state'),
};

export const describeVpcs: Handler<'DescribeVpcs'> = async (ctx, input) => {
  const page = await describeRows<VpcRow>(ctx, {
    from: 'vpcs v',
    alias: 'v',
    ids: input.VpcIds,
    notFound: vpcNotFound,
    conditions: compileFilters(ctx.tx, VPC_FILTERS, input.Filters, 'v.id'),
    limit: pageSize('DescribeVpcs', input.MaxResults),
    nextToken: input.NextToken,
  });
  const ids = page.rows.map((r) => r.id);
  const [blocks, tags] = await Promise.all([cidrBlocksOf(ctx, ids), tagsFor(ctx, ids)]);
  return {
    Vpcs: page.rows.map((row) => toVpc(row, blocks.get(row.id)!, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
