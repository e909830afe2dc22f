/**
 * DescribeInternetGateways (routing-and-traffic.md §2): ids, the filters `attachment.state`,
 * `attachment.vpc-id`, `internet-gateway-id`, `owner-id` and the tag filters, MaxResults 5-1000 / NextToken.
 */
import { internetGatewayNotFound } from '../../errors/internet-gateways.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, matchAny, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { ATTACHED_STATE, toInternetGateway, type InternetGatewayRow } from './internet-gateway-records.js';

/** Only attached gateways have an attachment to filter on. */
const attached =
  (inner: FilterCompiler): FilterCompiler =>
  (tx, values) => {
    const c = inner(tx, values);
    return { sql: `(ig.vpc_id <> '' AND ${c.sql})`, params: c.params };
  };

const INTERNET_GATEWAY_FILTERS: FilterTable = {
  // The state is not stored: every attachment is `available`, so the values are matched against that constant.
  'attachment.state': attached((tx, values) => matchAny(tx, `'${ATTACHED_STATE}'`, values)),
  'attachment.vpc-id': attached(column('ig.vpc_id')),
  'internet-gateway-id': column('ig.id'),
  'owner-id': column('ig.account'),
};

export const describeInternetGateways: Handler<'DescribeInternetGateways'> = async (ctx, input) => {
  const page = await describeRows<InternetGatewayRow>(ctx, {
    from: 'internet_gateways ig',
    alias: 'ig',
    ids: input.InternetGatewayIds,
    notFound: internetGatewayNotFound,
    conditions: compileFilters(ctx.tx, INTERNET_GATEWAY_FILTERS, input.Filters, 'ig.id'),
    limit: pageSize('DescribeInternetGateways', input.MaxResults),
    nextToken: input.NextToken,
  });
  const tags = await tagsFor(ctx, page.rows.map((r) => r.id));
  return {
    InternetGateways: page.rows.map((row) => toInternetGateway(row, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
