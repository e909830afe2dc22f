/**
 * 002: elastic network interfaces, their addresses and the address bookkeeping of subnets (network-interfaces.md,
 * addressing.md §2-§4).
 *
 * DESIGN invariant 1 (an address is held by at most one ENI in a subnet) lives in UNIQUE constraints, never in
 * process memory:
 * - eni_private_ipv4 UNIQUE (subnet_id, address): one row per held IPv4 address. A delegated /28 prefix holds its
 *   16 addresses as 16 rows (in_prefix = 1), so a prefix can never overlap an address or another prefix.
 * - eni_ipv6 UNIQUE (subnet_id, address) on the canonical (RFC 5952) text, which is unique per address.
 * - ipam_ipv6_blocks PRIMARY KEY (subnet_id, block): each /80 of a subnet's /64 that is in use is claimed once,
 *   either by addresses (mode 'addresses', held = how many) or by one delegated /80 prefix (mode 'prefix'), so an
 *   IPv6 prefix can never overlap an address.
 * - eni_prefixes UNIQUE (subnet_id, family, position) for the prefixes themselves.
 * The five reserved addresses are never written: the allocator's pure maths (src/net/) excludes them.
 *
 * ipam_ipv4_chunks is the allocator's index over a subnet's IPv4 space (see resources/network-interfaces/
 * ipv4-chunks.ts): a subnet is cut into aligned chunks of at most 256 addresses with exact per-chunk counts, so a
 * random free address (or free /28) is found in expected constant time however full the subnet is.
 *
 * Attachment columns are filled by the attach/instance work; '' / -1 mean "not attached". One device index per
 * instance and network card is a partial UNIQUE index, so it holds under any concurrency.
 * Public IPv4 associations (Elastic IPs and auto-assigned public addresses) belong to a private address, so their
 * columns sit on eni_private_ipv4: an association moves with a reassigned address and disappears with an
 * unassigned one (network-interfaces.md §3 rules 12, 17, 18), and partial UNIQUE indexes give DESIGN invariant 3.
 */
import type { Migration } from './index.js';

export const m002NetworkInterfaces: Migration = {
  version: 2,
  name: 'network-interfaces',
  statements: [
    `CREATE TABLE network_interfaces (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      subnet_id TEXT NOT NULL, vpc_id TEXT NOT NULL, availability_zone TEXT NOT NULL,
      availability_zone_id TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', interface_type TEXT NOT NULL,
      mac_address TEXT NOT NULL UNIQUE, status TEXT NOT NULL, source_dest_check INTEGER NOT NULL,
      requester_managed INTEGER NOT NULL, requester_id TEXT NOT NULL DEFAULT '',
      private_dns_name TEXT NOT NULL DEFAULT '', associate_public_ip INTEGER NOT NULL,
      ipv6_native INTEGER NOT NULL, deny_all_igw_traffic INTEGER NOT NULL DEFAULT 0,
      operator_principal TEXT NOT NULL DEFAULT '',
      tcp_established_timeout INTEGER NOT NULL DEFAULT 0, udp_stream_timeout INTEGER NOT NULL DEFAULT 0,
      udp_timeout INTEGER NOT NULL DEFAULT 0, associated_subnets TEXT NOT NULL DEFAULT '',
      attachment_id TEXT NOT NULL DEFAULT '', instance_id TEXT NOT NULL DEFAULT '',
      instance_owner_id TEXT NOT NULL DEFAULT '', device_index INTEGER NOT NULL DEFAULT -1,
      network_card_index INTEGER NOT NULL DEFAULT -1, attachment_status TEXT NOT NULL DEFAULT '',
      delete_on_termination INTEGER NOT NULL DEFAULT 0, attach_time TEXT NOT NULL DEFAULT '',
      ena_queue_count INTEGER NOT NULL DEFAULT 0, ena_srd_enabled INTEGER NOT NULL DEFAULT 0,
      ena_srd_udp_enabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL)`,
    `CREATE INDEX network_interfaces_by_owner ON network_interfaces (account, region, seq)`,
    `CREATE INDEX network_interfaces_by_subnet ON network_interfaces (subnet_id, seq)`,
    `CREATE INDEX network_interfaces_by_vpc ON network_interfaces (vpc_id, seq)`,
    `CREATE INDEX network_interfaces_by_status ON network_interfaces (account, region, status, seq)`,
    `CREATE INDEX network_interfaces_by_zone ON network_interfaces (account, region, availability_zone, seq)`,
    `CREATE INDEX network_interfaces_by_zone_id ON network_interfaces (account, region, availability_zone_id, seq)`,
    `CREATE INDEX network_interfaces_by_type ON network_interfaces (account, region, interface_type, seq)`,
    `CREATE INDEX network_interfaces_by_description ON network_interfaces (account, region, description)`,
    `CREATE INDEX network_interfaces_by_dns_name ON network_interfaces (account, region, private_dns_name)`,
    `CREATE INDEX network_interfaces_by_source_dest ON network_interfaces (account, region, source_dest_check, seq)`,
    `CREATE INDEX network_interfaces_by_requester ON network_interfaces (account, region, requester_id)`,
    `CREATE INDEX network_interfaces_by_managed ON network_interfaces (account, region, requester_managed, seq)`,
    `CREATE INDEX network_interfaces_by_instance_owner ON network_interfaces (account, region, instance_owner_id)`,
    `CREATE INDEX network_interfaces_by_operator ON network_interfaces (account, region, operator_principal)`,
    `CREATE UNIQUE INDEX network_interfaces_attachment ON network_interfaces (attachment_id) WHERE attachment_id <> ''`,
    // One ENI per (instance, network card, device index), whatever runs concurrently (DESIGN invariant 2).
    `CREATE UNIQUE INDEX network_interfaces_device_slot
       ON network_interfaces (instance_id, network_card_index, device_index) WHERE instance_id <> ''`,
    `CREATE INDEX network_interfaces_by_attach_time ON network_interfaces (account, region, attach_time)`,

    // The per-region ENI quota is checked against an exact counter, not by counting the account's rows.
    `CREATE TABLE network_interface_counts (
      account TEXT NOT NULL, region TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (account, region))`,

    `CREATE TABLE eni_security_groups (
      eni_id TEXT NOT NULL, group_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (eni_id, group_id))`,
    `CREATE INDEX eni_security_groups_by_group ON eni_security_groups (group_id)`,

    `CREATE TABLE eni_private_ipv4 (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, subnet_id TEXT NOT NULL,
      address INTEGER NOT NULL, ip TEXT NOT NULL, eni_id TEXT NOT NULL, is_primary INTEGER NOT NULL,
      in_prefix INTEGER NOT NULL DEFAULT 0,
      public_ip TEXT NOT NULL DEFAULT '', public_ip_owner TEXT NOT NULL DEFAULT '',
      allocation_id TEXT NOT NULL DEFAULT '', association_id TEXT NOT NULL DEFAULT '',
      UNIQUE (subnet_id, address))`,
    `CREATE INDEX eni_private_ipv4_by_eni ON eni_private_ipv4 (eni_id, seq)`,
    `CREATE INDEX eni_private_ipv4_by_ip ON eni_private_ipv4 (ip)`,
    `CREATE INDEX eni_private_ipv4_by_public_ip ON eni_private_ipv4 (public_ip)`,
    `CREATE INDEX eni_private_ipv4_by_owner ON eni_private_ipv4 (public_ip_owner)`,
    `CREATE UNIQUE INDEX eni_private_ipv4_primary ON eni_private_ipv4 (eni_id) WHERE is_primary = 1`,
    `CREATE UNIQUE INDEX eni_private_ipv4_allocation ON eni_private_ipv4 (allocation_id) WHERE allocation_id <> ''`,
    `CREATE UNIQUE INDEX eni_private_ipv4_association ON eni_private_ipv4 (association_id) WHERE association_id <> ''`,

    `CREATE TABLE ipam_ipv4_chunks (
      subnet_id TEXT NOT NULL, chunk_base INTEGER NOT NULL, first_usable INTEGER NOT NULL,
      last_usable INTEGER NOT NULL, capacity INTEGER NOT NULL, used INTEGER NOT NULL,
      free_blocks INTEGER NOT NULL, pick_key INTEGER NOT NULL,
      PRIMARY KEY (subnet_id, chunk_base))`,
    // Random picks walk these partial indexes: only chunks that can still give an address (or a /28) are in them.
    `CREATE INDEX ipam_ipv4_chunks_open ON ipam_ipv4_chunks (subnet_id, pick_key) WHERE used < capacity`,
    `CREATE INDEX ipam_ipv4_chunks_with_blocks ON ipam_ipv4_chunks (subnet_id, pick_key) WHERE free_blocks > 0`,

    `CREATE TABLE eni_ipv6 (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, subnet_id TEXT NOT NULL, address TEXT NOT NULL,
      block INTEGER NOT NULL, eni_id TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,
      UNIQUE (subnet_id, address))`,
    `CREATE INDEX eni_ipv6_by_eni ON eni_ipv6 (eni_id, seq)`,
    `CREATE INDEX eni_ipv6_by_address ON eni_ipv6 (address)`,

    `CREATE TABLE ipam_ipv6_blocks (
      subnet_id TEXT NOT NULL, block INTEGER NOT NULL, mode TEXT NOT NULL, held INTEGER NOT NULL,
      PRIMARY KEY (subnet_id, block))`,

    `CREATE TABLE eni_prefixes (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, subnet_id TEXT NOT NULL, eni_id TEXT NOT NULL,
      family TEXT NOT NULL, prefix TEXT NOT NULL, position INTEGER NOT NULL,
      UNIQUE (subnet_id, family, position))`,
    `CREATE INDEX eni_prefixes_by_eni ON eni_prefixes (eni_id, seq)`,

    `CREATE TABLE eni_permissions (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL, eni_id TEXT NOT NULL,
      aws_account_id TEXT NOT NULL DEFAULT '', aws_service TEXT NOT NULL DEFAULT '', permission TEXT NOT NULL,
      state TEXT NOT NULL, created_at TEXT NOT NULL,
      UNIQUE (eni_id, aws_account_id, aws_service, permission))`,
    `CREATE INDEX eni_permissions_by_owner ON eni_permissions (account, region, seq)`,
    `CREATE INDEX eni_permissions_by_grantee ON eni_permissions (aws_account_id)`,

    // Deleting an ENI turns the routes that target it into blackholes: find them without scanning every route.
    `CREATE INDEX routes_by_network_interface ON routes (network_interface_id)`,
  ],
};
