/**
 * DescribeNetworkInterfacePermissions (network-interfaces.md §4.12): the caller's grants, by id and filters,
 * MaxResults 5-255 and 50 per page when not given (the one ENI Describe that pages by default).
 */
import { permissionNotFound } from '../../errors/network-interfaces.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, type FilterTable } from '../common/filters.js';
import { toPermission, type PermissionRow } from './permission-records.js';

const DEFAULT_PAGE = 50;
const PREFIX = 'network-interface-permission.';

const PERMISSION_FILTERS: FilterTable = {
  [`${PREFIX}network-interface-permission-id`]: column('p.id'),
  [`${PREFIX}network-interface-id`]: column('p.eni_id'),
  [`${PREFIX}aws-account-id`]: column('p.aws_account_id'),
  [`${PREFIX}aws-service`]: column('p.aws_service'),
  [`${PREFIX}permission`]: column('p.permission'),
};

export const describeNetworkInterfacePermissions: Handler<'DescribeNetworkInterfacePermissions'> = async (ctx, input) => {
  const page = await describeRows<PermissionRow>(ctx, {
    from: 'eni_permissions p',
    alias: 'p',
    ids: input.NetworkInterfacePermissionIds,
    notFound: permissionNotFound,
    conditions: compileFilters(ctx.tx, PERMISSION_FILTERS, input.Filters, 'p.id', { tags: false }),
    limit: pageSize('DescribeNetworkInterfacePermissions', input.MaxResults) ?? DEFAULT_PAGE,
    nextToken: input.NextToken,
  });
  return { NetworkInterfacePermissions: page.rows.map(toPermission), NextToken: page.nextToken };
};
