/** DescribeSubnets with every filter of the EC2 API reference (and its alternative names), ids and pagination. */
import { subnetNotFound } from '../../errors/subnets.js';
import type { Handler } from '../context.js';
import { describeRows, pageSize } from '../common/describe.js';
import {
  booleanColumn,
  column,
  exists,
  integerColumn,
  matchAny,
  compileFilters,
  type FilterCompiler,
  type FilterTable,
} from '../common/filters.js';
import { tagsFor } from '../tags/tag-store.js';
import { ipv6BlocksOf, toSubnet, type SubnetRow } from './subnet-records.js';

/** A text column where '' means "absent": absent values match no filter value, not even `*`. */
const presentColumn =
  (name: string): FilterCompiler =>
  (tx, values) => {
    const m = matchAny(tx, name, values);
    return { sql: `(${name} <> '' AND ${m.sql})`, params: m.params };
  };

/** Subnets never have this attribute in vpclite (no Outposts), so the filter matches nothing. */
const neverPresent: FilterCompiler = () => ({ sql: '1 = 0', params: [] });

const ipv6Block = (matchColumn: string) => exists('subnet_ipv6_cidr_blocks b', 'b.subnet_id = s.id', matchColumn);

const SUBNET_ARN = `('arn:aws:ec2:' || s.region || ':' || s.account || ':subnet/' || s.id)`;

const SUBNET_FILTERS: FilterTable = {
  'availability-zone': column('s.availability_zone'),
  availabilityZone: column('s.availability_zone'),
  'availability-zone-id': column('s.availability_zone_id'),
  availabilityZoneId: column('s.availability_zone_id'),
  'available-ip-address-count': integerColumn('(s.ip_capacity - s.ip_used)'),
  'cidr-block': presentColumn('s.cidr_block'),
  cidr: presentColumn('s.cidr_block'),
  cidrBlock: presentColumn('s.cidr_block'),
  'customer-owned-ipv4-pool': presentColumn('s.customer_owned_ipv4_pool'),
  'default-for-az': booleanColumn('s.default_for_az'),
  defaultForAz: booleanColumn('s.default_for_az'),
  'enable-dns64': booleanColumn('s.enable_dns64'),
  'enable-lni-at-device-index': integerColumn('NULLIF(s.enable_lni_at_device_index, 0)'),
  'ipv6-cidr-block-association.ipv6-cidr-block': ipv6Block('b.cidr'),
  'ipv6-cidr-block-association.association-id': ipv6Block('b.association_id'),
  'ipv6-cidr-block-association.state': ipv6Block('b.state'),
  'ipv6-native': booleanColumn('s.ipv6_native'),
  'map-customer-owned-ip-on-launch': booleanColumn('s.map_customer_owned_ip_on_launch'),
  'map-public-ip-on-launch': booleanColumn('s.map_public_ip_on_launch'),
  'outpost-arn': neverPresent,
  'owner-id': column('s.account'),
  'private-dns-name-options-on-launch.hostname-type': column('s.hostname_type'),
  'private-dns-name-options-on-launch.enable-resource-name-dns-a-record': booleanColumn('s.enable_rbn_a'),
  'private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record': booleanColumn('s.enable_rbn_aaaa'),
  state: column('s.state'),
  'subnet-arn': column(SUBNET_ARN),
  'subnet-id': column('s.id'),
  'vpc-id': column('s.vpc_id'),
};

export const describeSubnets: Handler<'DescribeSubnets'> = async (ctx, input) => {
  const page = await describeRows<SubnetRow>(ctx, {
    from: 'subnets s',
    alias: 's',
    ids: input.SubnetIds,
    notFound: subnetNotFound,
    conditions: compileFilters(ctx.tx, SUBNET_FILTERS, input.Filters, 's.id'),
    limit: pageSize('DescribeSubnets', input.MaxResults),
    nextToken: input.NextToken,
  });
  const ids = page.rows.map((r) => r.id);
  const [blocks, tags] = await Promise.all([ipv6BlocksOf(ctx, ids), tagsFor(ctx, ids)]);
  return {
    Subnets: page.rows.map((row) => toSubnet(row, blocks.get(row.id)!, tags.get(row.id)!)),
    NextToken: page.nextToken,
  };
};
