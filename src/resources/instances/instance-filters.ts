/**
 * The filters of DescribeInstances (instances.md §4; the full list is the botocore model's documentation of
 * DescribeInstancesRequest.Filters), compiled to SQL over the instances table (alias `inst`).
 *
 * - Instance attributes are columns; the selective ones (ids, reservation, type, image, subnet, VPC, state, client
 *   token) go through their index with the `seq IN (SELECT …)` form eni-filters.ts explains.
 * - `network-interface.*` filters are the DescribeNetworkInterfaces filters (eni-filters.ts) applied to the ENIs
 *   attached to the instance; the instance-level network filters (private-ip-address, ip-address, dns-name,
 *   instance.group-id, source-dest-check…) are those of its eth0.
 * - `block-device-mapping.*` look at the instance's volumes.
 * - Attributes every vpclite instance has the same value for (hypervisor `xen`, root-device-type `ebs`…) compare the
 *   filter values with that value; attributes no vpclite instance has (kernel, host, Spot, Outposts…) match nothing.
 */
import type { Filter } from '../../protocol/generated/ec2-shapes.js';
import type { SqlValue } from '../../store/store.js';
import { hasWildcard } from '../../store/wildcards.js';
import type { RequestContext } from '../context.js';
import { booleanColumn, integerColumn, matchAny, type Condition, type FilterCompiler, type FilterTable } from '../common/filters.js';
import { matchesPattern } from '../common/in-memory-filters.js';
import { publicDnsSuffix } from '../network-interfaces/dns-names.js';
import { eniFilters } from '../network-interfaces/eni-filters.js';
import { privateDnsSuffix } from '../regions/catalog.js';
import { stateNamesWithCode } from './instance-states.js';

const NOTHING: Condition = { sql: '1 = 0', params: [] };
const none: FilterCompiler = () => NOTHING;

/** An attribute with one value for every instance. */
const constant =
  (value: string): FilterCompiler =>
  (_tx, values) =>
    values.some((pattern) => matchesPattern(value, pattern)) ? { sql: '1 = 1', params: [] } : NOTHING;

const column = (name: string): FilterCompiler => (tx, values) => matchAny(tx, `inst.${name}`, values);

/** A selective column with an (account, region, column) or (column) index: drive the page from it. */
function indexed(ctx: RequestContext, name: string, scope: 'account' | 'global', guard = ''): FilterCompiler {
  return (tx, values) => {
    if (values.some(hasWildcard)) {
      const m = matchAny(tx, `inst.${name}`, values);
      return guard ? { sql: `(${guard.replaceAll('m.', 'inst.')} AND ${m.sql})`, params: m.params } : m;
    }
    const m = matchAny(tx, `m.${name}`, values);
    const where = [...(scope === 'account' ? ['m.account = ?', 'm.region = ?'] : []), ...(guard ? [guard] : []), m.sql];
    const params: SqlValue[] = scope === 'account' ? [ctx.account, ctx.region.name] : [];
    return { sql: `inst.seq IN (SELECT m.seq FROM instances m WHERE ${where.join(' AND ')})`, params: [...params, ...m.params] };
  };
}

/** Instances with an attached ENI matching an ENI condition (alias `n`); `primary` narrows to eth0. */
function viaEni(eniCompiler: FilterCompiler, primary = false): FilterCompiler {
  return (tx, values) => {
    const inner = eniCompiler(tx, values);
    const eth0 = primary ? ' AND n.device_index = 0 AND n.network_card_index = 0' : '';
    return {
      sql: `inst.seq IN (SELECT m.seq FROM instances m WHERE m.id IN (
              SELECT n.instance_id FROM network_interfaces n WHERE n.instance_id <> ''${eth0} AND ${inner.sql}))`,
      params: inner.params,
    };
  };
}

/** A condition on the address rows (alias `c`) of the ENI `n`. */
function addressRows(where: string[], matchColumn: string): FilterCompiler {
  return (tx, values) => {
    const m = matchAny(tx, matchColumn, values);
    return {
      sql: `EXISTS (SELECT 1 FROM eni_private_ipv4 c WHERE ${['c.eni_id = n.id', 'c.in_prefix = 0', ...where, m.sql].join(' AND ')})`,
      params: m.params,
    };
  };
}

function childRows(table: string, where: string[], matchColumn: string): FilterCompiler {
  return (tx, values) => {
    const m = matchAny(tx, `c.${matchColumn}`, values);
    return { sql: `EXISTS (SELECT 1 FROM ${table} c WHERE ${['c.eni_id = n.id', ...where, m.sql].join(' AND ')})`, params: m.params };
  };
}

function childFlag(table: string, flagColumn: string): FilterCompiler {
  return (tx, values) => {
    const flag = booleanColumn(`c.${flagColumn}`)(tx, values);
    return { sql: `EXISTS (SELECT 1 FROM ${table} c WHERE c.eni_id = n.id AND ${flag.sql})`, params: flag.params };
  };
}

/** Instances with a volume matching (alias `v`). */
function viaVolume(compiler: FilterCompiler): FilterCompiler {
  return (tx, values) => {
    const inner = compiler(tx, values);
    return {
      sql: `inst.seq IN (SELECT m.seq FROM instances m WHERE m.id IN (
              SELECT v.instance_id FROM volumes v WHERE v.instance_id <> '' AND ${inner.sql}))`,
      params: inner.params,
    };
  };
}

/** The filter table for the caller (it carries the ENI table, which has an entry per `tag:<key>` requested). */
export function instanceFilters(ctx: RequestContext, filters: Filter[] | undefined): FilterTable {
  const eni = eniFilters(ctx, filters);
  const region = ctx.region.name;
  const privateSuffix = privateDnsSuffix(region).replaceAll("'", '');
  const publicSuffix = publicDnsSuffix(region).replaceAll("'", '');
  const publicDns = eni['association.public-dns-name']!;

  /** The DescribeNetworkInterfaces filters under their `network-interface.` names, where they mean the same. */
  const sameAsEni = [
    'addresses.association.public-ip', 'addresses.primary', 'addresses.private-ip-address', 'association.allocation-id',
    'association.association-id', 'association.ip-owner-id', 'association.public-dns-name', 'association.public-ip',
    'attachment.attach-time', 'attachment.attachment-id', 'attachment.delete-on-termination', 'attachment.device-index',
    'attachment.instance-id', 'attachment.instance-owner-id', 'attachment.status', 'availability-zone', 'description',
    'group-id', 'group-name', 'ipv6-addresses.ipv6-address', 'mac-address', 'network-interface-id', 'operator.managed',
    'operator.principal', 'owner-id', 'private-dns-name', 'private-ip-address', 'requester-id', 'requester-managed',
    'source-dest-check', 'status', 'subnet-id', 'tag-key', 'vpc-id',
  ];
  const table: FilterTable = {};
  for (const name of sameAsEni) table[`network-interface.${name}`] = viaEni(eni[name]!);
  const eniOnly: Record<string, FilterCompiler> = {
    'addresses.association.allocation-id': addressRows(["c.allocation_id <> ''"], 'c.allocation_id'),
    'addresses.association.association-id': addressRows(["c.association_id <> ''"], 'c.association_id'),
    'addresses.association.carrier-ip': none,
    'addresses.association.customer-owned-ip': none,
    'addresses.association.ip-owner-id': eni['addresses.association.owner-id']!,
    'addresses.association.public-dns-name': (tx, values) => {
      const inner = addressRows(["c.public_ip <> ''"], `('ec2-' || REPLACE(c.public_ip, '.', '-') || '.${publicSuffix}')`)(tx, values);
      return {
        sql: `(${inner.sql} AND EXISTS (SELECT 1 FROM vpcs v WHERE v.id = n.vpc_id AND v.enable_dns_support = 1 AND v.enable_dns_hostnames = 1))`,
        params: inner.params,
      };
    },
    'addresses.private-dns-name': addressRows([], `('ip-' || REPLACE(c.ip, '.', '-') || '.${privateSuffix}')`),
    'association.carrier-ip': none,
    'association.customer-owned-ip': none,
    'attachment.network-card-index': (tx, values) => {
      const inner = integerColumn('n.network_card_index')(tx, values);
      return { sql: `(n.attachment_id <> '' AND ${inner.sql})`, params: inner.params };
    },
    'deny-all-igw-traffic': booleanColumn('n.deny_all_igw_traffic'),
    'ipv4-prefixes.ipv4-prefix': childRows('eni_prefixes', ["c.family = 'ipv4'"], 'prefix'),
    'ipv6-address': eni['ipv6-addresses.ipv6-address']!,
    'ipv6-addresses.is-primary-ipv6': childFlag('eni_ipv6', 'is_primary'),
    'ipv6-native': booleanColumn('n.ipv6_native'),
    'ipv6-prefixes.ipv6-prefix': childRows('eni_prefixes', ["c.family = 'ipv6'"], 'prefix'),
    'outpost-arn': none,
    'public-dns-name': publicDns,
    'tag-value': (tx, values) => {
      const m = matchAny(tx, 't.tag_value', values);
      return { sql: `EXISTS (SELECT 1 FROM tags t WHERE t.resource_id = n.id AND ${m.sql})`, params: m.params };
    },
  };
  for (const [name, compiler] of Object.entries(eniOnly)) table[`network-interface.${name}`] = viaEni(compiler);

  // The instance's own network view is its eth0's.
  const primaryAddress: FilterCompiler = addressRows(['c.is_primary = 1'], 'c.ip');
  Object.assign(table, {
    'private-ip-address': viaEni(primaryAddress, true),
    'private-dns-name': viaEni(eni['private-dns-name']!, true),
    'ip-address': viaEni(eni['association.public-ip']!, true),
    'dns-name': viaEni(publicDns, true),
    'ipv6-address': viaEni(eni['ipv6-addresses.ipv6-address']!, true),
    'instance.group-id': viaEni(eni['group-id']!, true),
    'instance.group-name': viaEni(eni['group-name']!, true),
    'source-dest-check': viaEni(eni['source-dest-check']!, true),
  });

  const visible = "m.terminated_at = ''";
  Object.assign(table, {
    'instance-id': indexed(ctx, 'id', 'global'),
    'reservation-id': indexed(ctx, 'reservation_id', 'global'),
    'instance-type': indexed(ctx, 'instance_type', 'account'),
    'image-id': indexed(ctx, 'image_id', 'account'),
    'client-token': indexed(ctx, 'client_token', 'account'),
    'instance-state-name': indexed(ctx, 'state', 'account'),
    'subnet-id': indexed(ctx, 'subnet_id', 'global', visible),
    'vpc-id': indexed(ctx, 'vpc_id', 'global', visible),
    'instance-state-code': ((tx, values) => {
      const names = values.filter((v) => /^\d+$/.test(v)).flatMap((v) => stateNamesWithCode(Number(v) & 0xff));
      return names.length === 0 ? NOTHING : indexed(ctx, 'state', 'account')(tx, names);
    }) satisfies FilterCompiler,
    architecture: column('architecture'),
    'availability-zone': column('availability_zone'),
    'availability-zone-id': column('availability_zone_id'),
    'boot-mode': column('boot_mode'),
    'current-instance-boot-mode': column('current_boot_mode'),
    'ebs-optimized': booleanColumn('inst.ebs_optimized'),
    'ena-support': booleanColumn('inst.ena_support'),
    'enclave-options.enabled': booleanColumn('inst.enclave_enabled'),
    'hibernation-options.configured': booleanColumn('inst.hibernation_configured'),
    'key-name': column('key_name'),
    'launch-index': integerColumn('inst.launch_index'),
    'launch-time': column('launch_time'),
    'metadata-options.http-endpoint': column('metadata_http_endpoint'),
    'metadata-options.http-protocol-ipv6': column('metadata_http_ipv6'),
    'metadata-options.http-put-response-hop-limit': integerColumn('inst.metadata_hop_limit'),
    'metadata-options.http-tokens': column('metadata_http_tokens'),
    'metadata-options.instance-metadata-tags': column('metadata_tags'),
    'monitoring-state': column('monitoring_state'),
    'owner-id': column('account'),
    platform: column('platform'),
    'platform-details': column('platform_details'),
    'private-dns-name-options.enable-resource-name-dns-a-record': booleanColumn('inst.dns_a_record'),
    'private-dns-name-options.enable-resource-name-dns-aaaa-record': booleanColumn('inst.dns_aaaa_record'),
    'private-dns-name-options.hostname-type': column('hostname_type'),
    reason: column('transition_reason'),
    'root-device-name': column('root_device_name'),
    'state-reason-code': column('state_reason_code'),
    'state-reason-message': column('state_reason_message'),
    tenancy: column('tenancy'),
    'usage-operation': column('usage_operation'),
    'usage-operation-update-time': column('launch_time'),
    'block-device-mapping.attach-time': viaVolume((tx, values) => matchAny(tx, 'v.attach_time', values)),
    'block-device-mapping.delete-on-termination': viaVolume(booleanColumn('v.delete_on_termination')),
    'block-device-mapping.device-name': viaVolume((tx, values) => matchAny(tx, 'v.device', values)),
    'block-device-mapping.status': viaVolume((_tx, values) =>
      values.some((p) => matchesPattern('attached', p)) ? { sql: '1 = 1', params: [] } : NOTHING,
    ),
    'block-device-mapping.volume-id': viaVolume((tx, values) => matchAny(tx, 'v.id', values)),
    'capacity-reservation-specification.capacity-reservation-preference': constant('open'),
    hypervisor: constant('xen'),
    'maintenance-options.auto-recovery': constant('default'),
    'metadata-options.http-protocol-ipv4': constant('enabled'),
    'metadata-options.state': constant('applied'),
    'network-performance-options.bandwidth-weighting': constant('default'),
    'operator.managed': constant('false'),
    'root-device-type': constant('ebs'),
    'virtualization-type': constant('hvm'),
  });
  for (const name of [
    'affinity', 'capacity-reservation-id',
    'capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id',
    'capacity-reservation-specification.capacity-reservation-target.capacity-reservation-resource-group-arn',
    'host-id', 'iam-instance-profile.arn', 'iam-instance-profile.id', 'instance-lifecycle', 'kernel-id',
    'operator.principal', 'outpost-arn', 'placement-group-name', 'placement-partition-number', 'product-code',
    'product-code.type', 'ramdisk-id', 'requester-id', 'spot-instance-request-id', 'tpm-support',
  ]) {
    table[name] = none;
  }
  return table;
}
