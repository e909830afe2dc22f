/**
 * DescribeTrunkInterfaceAssociations: the caller's trunk associations by AssociationId.N (an unknown one fails the
 * call) and filters, in pages of 5-255. The API reference lists `gre-key` and `interface-protocol`; the
 * `trunk-interface-association.*` names are the ones the EKS VPC resource controller sends, and `vlan-id` completes
 * the set (U).
 */
import { trunkAssociationNotFound } from '../../errors/trunk-interfaces.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import { column, compileFilters, integerColumn, type FilterTable } from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { toTrunkInterfaceAssociation, type TrunkAssociationRow } from './trunk-records.js';

const TRUNK_FILTERS: FilterTable = {
  'gre-key': (tx, values) => {
    const match = integerColumn('a.gre_key')(tx, values);
    return { sql: `(a.interface_protocol = 'GRE' AND ${match.sql})`, params: match.params };
  },
  'vlan-id': (tx, values) => {
    const match = integerColumn('a.vlan_id')(tx, values);
    return { sql: `(a.interface_protocol = 'VLAN' AND ${match.sql})`, params: match.params };
  },
  'interface-protocol': column('a.interface_protocol'),
  'trunk-interface-association.association-id': column('a.id'),
  'trunk-interface-association.branch-interface-id': column('a.branch_interface_id'),
  'trunk-interface-association.trunk-interface-id': column('a.trunk_interface_id'),
};

export const describeTrunkInterfaceAssociations: Handler<'DescribeTrunkInterfaceAssociations'> = async (ctx, input) => {
  const page = await describeRows<TrunkAssociationRow>(ctx, {
    from: 'trunk_interface_associations a',
    alias: 'a',
    ids: input.AssociationIds,
    notFound: trunkAssociationNotFound,
    conditions: compileFilters(ctx.tx, TRUNK_FILTERS, input.Filters, 'a.id'),
    limit: pageSize('DescribeTrunkInterfaceAssociations', input.MaxResults),
    nextToken: input.NextToken,
  });
  const tags = await tagsFor(ctx, page.rows.map((r) => r.id));
  return {
    InterfaceAssociations: page.rows.map((row) => toTrunkInterfaceAssociation(row, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
