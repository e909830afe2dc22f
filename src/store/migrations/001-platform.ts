/**
 * 001: the platform - account/region bookkeeping, VPCs and their CIDR blocks, subnets, security groups and rules,
 * tags, the default route table / network ACL / internet gateway a VPC comes with, and idempotency tokens.
 * Columns that take part in a UNIQUE constraint use '' rather than NULL for "absent", because NULLs never
 * collide in SQL and the constraint would not hold.
 */
import type { Migration } from './index.js';

export const m001Platform: Migration = {
  version: 1,
  name: 'platform',
  statements: [
    `CREATE TABLE account_regions (
      account TEXT NOT NULL, region TEXT NOT NULL, default_vpc_id TEXT NOT NULL DEFAULT '',
      dhcp_options_id TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (account, region))`,

    `CREATE TABLE vpcs (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      cidr_block TEXT NOT NULL, state TEXT NOT NULL, dhcp_options_id TEXT NOT NULL, instance_tenancy TEXT NOT NULL,
      is_default INTEGER NOT NULL, enable_dns_support INTEGER NOT NULL, enable_dns_hostnames INTEGER NOT NULL,
      enable_nau_metrics INTEGER NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE INDEX vpcs_by_owner ON vpcs (account, region, seq)`,

    `CREATE TABLE vpc_cidr_blocks (
      seq {{SERIAL}}, association_id TEXT NOT NULL UNIQUE, vpc_id TEXT NOT NULL, account TEXT NOT NULL,
      region TEXT NOT NULL, family TEXT NOT NULL, cidr TEXT NOT NULL, state TEXT NOT NULL, is_primary INTEGER NOT NULL,
      ipv6_pool TEXT NOT NULL DEFAULT '', network_border_group TEXT NOT NULL DEFAULT '')`,
    `CREATE INDEX vpc_cidr_blocks_by_vpc ON vpc_cidr_blocks (vpc_id, seq)`,
    `CREATE INDEX vpc_cidr_blocks_by_cidr ON vpc_cidr_blocks (account, region, cidr)`,
    // Amazon-provided IPv6 /56 blocks are globally unique.
    `CREATE UNIQUE INDEX vpc_ipv6_blocks_unique ON vpc_cidr_blocks (cidr) WHERE family = 'ipv6'`,

    `CREATE TABLE subnets (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL, vpc_id TEXT NOT NULL,
      cidr_block TEXT NOT NULL DEFAULT '', availability_zone TEXT NOT NULL, availability_zone_id TEXT NOT NULL,
      state TEXT NOT NULL, map_public_ip_on_launch INTEGER NOT NULL, assign_ipv6_address_on_creation INTEGER NOT NULL,
      default_for_az INTEGER NOT NULL, ipv6_native INTEGER NOT NULL, enable_dns64 INTEGER NOT NULL,
      hostname_type TEXT NOT NULL, enable_rbn_a INTEGER NOT NULL, enable_rbn_aaaa INTEGER NOT NULL,
      enable_lni_at_device_index INTEGER NOT NULL DEFAULT 0, map_customer_owned_ip_on_launch INTEGER NOT NULL DEFAULT 0,
      customer_owned_ipv4_pool TEXT NOT NULL DEFAULT '',
      ip_capacity INTEGER NOT NULL, ip_used INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)`,
    `CREATE INDEX subnets_by_owner ON subnets (account, region, seq)`,
    `CREATE INDEX subnets_by_vpc ON subnets (vpc_id, seq)`,

    `CREATE TABLE subnet_ipv6_cidr_blocks (
      seq {{SERIAL}}, association_id TEXT NOT NULL UNIQUE, subnet_id TEXT NOT NULL, vpc_id TEXT NOT NULL,
      account TEXT NOT NULL, region TEXT NOT NULL, cidr TEXT NOT NULL UNIQUE, state TEXT NOT NULL)`,
    `CREATE INDEX subnet_ipv6_blocks_by_subnet ON subnet_ipv6_cidr_blocks (subnet_id)`,
    `CREATE INDEX subnet_ipv6_blocks_by_vpc ON subnet_ipv6_cidr_blocks (vpc_id)`,

    // Group names are case-insensitive within a VPC (CreateSecurityGroup's documentation): name_key is the
    // lower-cased name, and the constraint is on it.
    `CREATE TABLE security_groups (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL, vpc_id TEXT NOT NULL,
      name TEXT NOT NULL, name_key TEXT NOT NULL, description TEXT NOT NULL, is_default INTEGER NOT NULL,
      UNIQUE (vpc_id, name_key))`,
    `CREATE INDEX security_groups_by_owner ON security_groups (account, region, seq)`,

    `CREATE TABLE security_group_rules (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, group_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL,
      is_egress INTEGER NOT NULL, ip_protocol TEXT NOT NULL, from_port INTEGER NOT NULL, to_port INTEGER NOT NULL,
      cidr_ipv4 TEXT NOT NULL DEFAULT '', cidr_ipv6 TEXT NOT NULL DEFAULT '', prefix_list_id TEXT NOT NULL DEFAULT '',
      referenced_group_id TEXT NOT NULL DEFAULT '', referenced_user_id TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      UNIQUE (group_id, is_egress, ip_protocol, from_port, to_port, cidr_ipv4, cidr_ipv6, prefix_list_id,
              referenced_group_id))`,
    `CREATE INDEX security_group_rules_by_group ON security_group_rules (group_id, seq)`,
    `CREATE INDEX security_group_rules_by_owner ON security_group_rules (account, region, seq)`,
    `CREATE INDEX security_group_rules_by_reference ON security_group_rules (referenced_group_id)`,

    `CREATE TABLE tags (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, resource_id TEXT NOT NULL,
      resource_type TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
      UNIQUE (resource_id, tag_key))`,
    `CREATE INDEX tags_by_key ON tags (account, region, tag_key, tag_value)`,
    `CREATE INDEX tags_by_owner ON tags (account, region, seq)`,

    `CREATE TABLE internet_gateways (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      vpc_id TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)`,
    `CREATE INDEX internet_gateways_by_owner ON internet_gateways (account, region, seq)`,
    `CREATE INDEX internet_gateways_by_vpc ON internet_gateways (vpc_id)`,

    `CREATE TABLE route_tables (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL, vpc_id TEXT NOT NULL)`,
    `CREATE INDEX route_tables_by_owner ON route_tables (account, region, seq)`,
    `CREATE INDEX route_tables_by_vpc ON route_tables (vpc_id)`,
    `CREATE TABLE routes (
      seq {{SERIAL}}, route_table_id TEXT NOT NULL, destination TEXT NOT NULL, family TEXT NOT NULL,
      gateway_id TEXT NOT NULL DEFAULT '', instance_id TEXT NOT NULL DEFAULT '',
      network_interface_id TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL, state TEXT NOT NULL,
      UNIQUE (route_table_id, destination))`,
    `CREATE TABLE route_table_associations (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, route_table_id TEXT NOT NULL, account TEXT NOT NULL,
      region TEXT NOT NULL, vpc_id TEXT NOT NULL, subnet_id TEXT NOT NULL DEFAULT '', gateway_id TEXT NOT NULL DEFAULT '',
      is_main INTEGER NOT NULL)`,
    `CREATE INDEX route_table_associations_by_table ON route_table_associations (route_table_id)`,
    // A subnet has at most one explicit association, a VPC exactly one main one.
    `CREATE UNIQUE INDEX route_table_associations_subnet ON route_table_associations (subnet_id) WHERE subnet_id <> ''`,
    `CREATE UNIQUE INDEX route_table_associations_main ON route_table_associations (vpc_id) WHERE is_main = 1`,
    // A gateway (internet or virtual private) has at most one edge association.
    `CREATE UNIQUE INDEX route_table_associations_gateway ON route_table_associations (gateway_id) WHERE gateway_id <> ''`,

    `CREATE TABLE network_acls (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL, vpc_id TEXT NOT NULL,
      is_default INTEGER NOT NULL)`,
    `CREATE INDEX network_acls_by_owner ON network_acls (account, region, seq)`,
    `CREATE INDEX network_acls_by_vpc ON network_acls (vpc_id)`,
    `CREATE TABLE network_acl_entries (
      seq {{SERIAL}}, network_acl_id TEXT NOT NULL, rule_number INTEGER NOT NULL, egress INTEGER NOT NULL,
      protocol TEXT NOT NULL, rule_action TEXT NOT NULL, cidr_block TEXT NOT NULL DEFAULT '',
      ipv6_cidr_block TEXT NOT NULL DEFAULT '', icmp_type INTEGER, icmp_code INTEGER, port_from INTEGER,
      port_to INTEGER,
      UNIQUE (network_acl_id, egress, rule_number))`,
    `CREATE TABLE network_acl_associations (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, network_acl_id TEXT NOT NULL, account TEXT NOT NULL,
      region TEXT NOT NULL, subnet_id TEXT NOT NULL UNIQUE)`,
    `CREATE INDEX network_acl_associations_by_acl ON network_acl_associations (network_acl_id)`,

    `CREATE TABLE idempotency_tokens (
      account TEXT NOT NULL, region TEXT NOT NULL, action TEXT NOT NULL, token TEXT NOT NULL,
      request_hash TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (account, region, action, token))`,
  ],
};
