/**
 * 004: Elastic IP addresses (addressing.md §5) and trunk/branch ENI associations (network-interfaces.md).
 *
 * An Elastic IP's association is not a row of its own: it is the allocation_id / association_id / public_ip columns
 * of the private address it maps to (eni_private_ipv4, migration 002), so it moves with a reassigned address and
 * disappears with an unassigned address or a deleted ENI, as AWS does. DESIGN invariant 3 lives in UNIQUE
 * constraints: one row per private address (so a private IP has at most one public mapping), the partial UNIQUE
 * index on allocation_id (an EIP maps to at most one private IP), and here a partial UNIQUE index on public_ip (a
 * public address, Elastic or auto-assigned, is mapped once in the whole database).
 *
 * elastic_ips.public_ip and .address are UNIQUE across accounts and regions: a public address belongs to one
 * account at a time. elastic_ip_counts carries the 5-per-region quota as an exact counter (checked with a
 * conditional upsert, so it holds under concurrency on any engine).
 *
 * elastic_ip_association_ids remembers every association id an EIP was given until the EIP is released, so that a
 * repeated DisassociateAddress succeeds (it is idempotent) while an id that never existed is NotFound.
 *
 * trunk_interface_associations: a branch is associated once (UNIQUE branch_interface_id); a VLAN id / GRE key is
 * used once per trunk (partial UNIQUE indexes).
 */
import type { Migration } from './index.js';

export const m004ElasticIps: Migration = {
  version: 4,
  name: 'elastic-ips',
  statements: [
    `CREATE TABLE elastic_ips (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      public_ip TEXT NOT NULL UNIQUE, address INTEGER NOT NULL UNIQUE, domain TEXT NOT NULL,
      public_ipv4_pool TEXT NOT NULL, network_border_group TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE INDEX elastic_ips_by_owner ON elastic_ips (account, region, seq)`,

    `CREATE TABLE elastic_ip_counts (
      account TEXT NOT NULL, region TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (account, region))`,

    `CREATE TABLE elastic_ip_association_ids (
      association_id TEXT NOT NULL PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
      allocation_id TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE INDEX elastic_ip_association_ids_by_allocation ON elastic_ip_association_ids (allocation_id)`,

    `CREATE UNIQUE INDEX eni_private_ipv4_public_ip_once ON eni_private_ipv4 (public_ip) WHERE public_ip <> ''`,

    `CREATE TABLE trunk_interface_associations (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      trunk_interface_id TEXT NOT NULL, branch_interface_id TEXT NOT NULL UNIQUE, interface_protocol TEXT NOT NULL,
      vlan_id INTEGER NOT NULL DEFAULT 0, gre_key INTEGER NOT NULL DEFAULT 0,
      branch_interface_type TEXT NOT NULL, created_at TEXT NOT NULL)`,
    `CREATE INDEX trunk_interface_associations_by_owner ON trunk_interface_associations (account, region, seq)`,
    `CREATE INDEX trunk_interface_associations_by_trunk ON trunk_interface_associations (trunk_interface_id, seq)`,
    `CREATE UNIQUE INDEX trunk_interface_associations_vlan
       ON trunk_interface_associations (trunk_interface_id, vlan_id) WHERE interface_protocol = 'VLAN'`,
    `CREATE UNIQUE INDEX trunk_interface_associations_gre
       ON trunk_interface_associations (trunk_interface_id, gre_key) WHERE interface_protocol = 'GRE'`,
  ],
};
