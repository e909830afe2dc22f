/**
 * DescribeNetworkInterfaces (network-interfaces.md §4.3): ids (any unknown one fails the call), every filter,
 * MaxResults 5-1000 with NextToken (not together with ids), in creation order. A page costs a constant number of
 * queries: the page itself, then each kind of child row for all its ENIs at once. Ids and exact filter values are
 * looked up through indexes (eni-filters.ts), never by walking every ENI of the account. An attachment detached a
 * moment ago is still found, `detached`, by its id (eni-detachments.ts).
 */
import { eniNotFound } from '../../errors/network-interfaces.js';
import { idsWithMaxResults } from '../../errors/protocol.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { compileFilters } from '../common/filters.js';
import { eniFilters } from './eni-filters.js';
import { checkEniIdForm, type EniRow } from './eni-records.js';
import { showRecentDetachments } from './eni-detachments.js';
import { toNetworkInterfaces } from './eni-view.js';

export const describeNetworkInterfaces: Handler<'DescribeNetworkInterfaces'> = async (ctx, input) => {
  const ids = input.NetworkInterfaceIds ?? [];
  if (ids.length > 0 && input.MaxResults !== undefined) throw idsWithMaxResults('networkInterfaceIdSet');
  for (const id of ids) checkEniIdForm(id);
  const conditions = compileFilters(ctx.tx, eniFilters(ctx, input.Filters), input.Filters, 'n.id');
  const page = await describeRows<EniRow>(ctx, {
    from: 'network_interfaces n',
    alias: 'n',
    ids,
    notFound: eniNotFound,
    conditions,
    limit: pageSize('DescribeNetworkInterfaces', input.MaxResults),
    nextToken: input.NextToken,
  });
  const enis = await toNetworkInterfaces(ctx, page.rows);
  const attachmentIds = (input.Filters ?? []).filter((f) => f.Name === 'attachment.attachment-id').flatMap((f) => f.Values ?? []);
  await showRecentDetachments(ctx, enis, attachmentIds);
  return { NetworkInterfaces: enis, NextToken: page.nextToken };
};
