/**
 * Which ids CreateTags and DeleteTags accept: one row per resource type vpclite keeps, keyed by the id prefix
 * (`vpc-…`). A resource folder joins tagging with one line here. Ids whose prefix is not listed, or that are not
 * `<prefix>-` + 8 or 17 hex digits, are `InvalidID`; well-formed ids that are not the caller's resources get the
 * type's own NotFound error, as EC2 answers.
 */
import type { AwsError } from '../../errors/aws-error.js';
import { allocationsNotFound } from '../../errors/addresses.js';
import { dhcpOptionsNotFound } from '../../errors/dhcp-options.js';
import { internetGatewayNotFound } from '../../errors/internet-gateways.js';
import { networkAclNotFound } from '../../errors/network-acls.js';
import { eniNotFound } from '../../errors/network-interfaces.js';
import { analysisNotFound, pathNotFound } from '../../errors/network-insights.js';
import { groupNotFound, ruleIdNotFound } from '../../errors/security-groups.js';
import { subnetNotFound } from '../../errors/subnets.js';
import { routeTableNotFound } from '../../errors/route-tables.js';
import { invalidResourceId } from '../../errors/tags.js';
import { instancesNotFound } from '../../errors/instances.js';
import { volumesNotFound } from '../../errors/volumes.js';
import { vpcNotFound } from '../../errors/vpcs.js';
import { flowLogsNotFound } from '../../errors/flow-logs.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { isWellFormedId } from '../ids.js';

export interface TaggableType {
  /** The EC2 resource type, as TagSpecification and DescribeTags name it. */
  resourceType: string;
  /** The table holding the caller's resources of this type (it has `account` and `region` columns). */
  table: string;
  /** The column of `table` holding the id; `id` unless said otherwise. */
  idColumn?: string;
  notFound: (ids: string[]) => AwsError;
}

export const TAGGABLE: Record<string, TaggableType> = {
  vpc: { resourceType: 'vpc', table: 'vpcs', notFound: vpcNotFound },
  subnet: { resourceType: 'subnet', table: 'subnets', notFound: subnetNotFound },
  sg: { resourceType: 'security-group', table: 'security_groups', notFound: groupNotFound },
  sgr: {
    resourceType: 'security-group-rule',
    table: 'security_group_rules',
    notFound: ruleIdNotFound,
  },
  eni: { resourceType: 'network-interface', table: 'network_interfaces', notFound: eniNotFound },
  igw: { resourceType: 'internet-gateway', table: 'internet_gateways', notFound: internetGatewayNotFound },
  rtb: { resourceType: 'route-table', table: 'route_tables', notFound: routeTableNotFound },
  acl: { resourceType: 'network-acl', table: 'network_acls', notFound: networkAclNotFound },
  eipalloc: { resourceType: 'elastic-ip', table: 'elastic_ips', notFound: allocationsNotFound },
  // The default DHCP options set is a column of the account's regional bookkeeping, not a table of its own.
  i: { resourceType: 'instance', table: 'instances', notFound: instancesNotFound },
  vol: { resourceType: 'volume', table: 'volumes', notFound: volumesNotFound },
  fl: { resourceType: 'vpc-flow-log', table: 'flow_logs', notFound: flowLogsNotFound },
  nip: { resourceType: 'network-insights-path', table: 'network_insights_paths', notFound: pathNotFound },
  nia: { resourceType: 'network-insights-analysis', table: 'network_insights_analyses', notFound: analysisNotFound },
  dopt: { resourceType: 'dhcp-options', table: 'account_regions', idColumn: 'dhcp_options_id', notFound: dhcpOptionsNotFound },
};

const prefixOf = (id: string): string => id.slice(0, Math.max(id.lastIndexOf('-'), 0));

/** The EC2 resource type of an id, from its prefix (`vpc-…` → `vpc`); undefined when vpclite has no such type. */
export function resourceTypeOf(id: string): string | undefined {
  const prefix = prefixOf(id);
  return Object.hasOwn(TAGGABLE, prefix) ? TAGGABLE[prefix]!.resourceType : undefined;
}

export interface TaggableResource {
  id: string;
  resourceType: string;
}

/**
 * Resolves ResourceId.N to the caller's resources, in the order given (duplicates once). Checks every id's form
 * first (`InvalidID`), then existence type by type (the type's NotFound naming every missing id of that type).
 */
export async function resolveTaggableResources(ctx: RequestContext, ids: string[]): Promise<TaggableResource[]> {
  const unique = [...new Set(ids)];
  const byPrefix = new Map<string, string[]>();
  for (const id of unique) {
    const prefix = prefixOf(id);
    if (!Object.hasOwn(TAGGABLE, prefix) || !isWellFormedId(prefix, id)) throw invalidResourceId(id);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), id]);
  }
  for (const [prefix, group] of byPrefix) {
    const type = TAGGABLE[prefix]!;
    const column = type.idColumn ?? 'id';
    const found = await ctx.tx.all<{ id: string }>(
      `SELECT ${column} AS id FROM ${type.table} WHERE account = ? AND region = ? AND ${column} IN (${placeholders(group)})`,
      [ctx.account, ctx.region.name, ...group],
    );
    const present = new Set(found.map((row) => row.id));
    const missing = group.filter((id) => !present.has(id));
    if (missing.length > 0) throw type.notFound(missing);
  }
  return unique.map((id) => ({ id, resourceType: TAGGABLE[prefixOf(id)]!.resourceType }));
}
