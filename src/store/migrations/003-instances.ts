/**
 * 003: instances, their EBS volumes, and the pool of public IPv4 addresses (instances.md; addressing.md §6).
 *
 * An instance's network interfaces are rows of network_interfaces (migration 002) whose attachment columns name it;
 * the instance row keeps only what belongs to the instance itself. `eni_count` is an exact count of the ENIs
 * attached to it, moved by a conditional UPDATE so that the type's ENI limit holds under any concurrency, as the
 * per-region ENI counter does (DESIGN invariant 2); the one-ENI-per-device-index rule is migration 002's partial
 * UNIQUE index.
 *
 * Terminated instances stay visible for an hour (instances.md §2): `terminated_at` is '' until then, and a partial
 * index over it lets writes purge the expired ones of an account without walking its instances.
 *
 * public_ipv4_addresses holds every public IPv4 address in use on the server, whoever uses it: auto-assigned
 * addresses (kind 'auto') now, Elastic IPs (kind 'elastic') when they land. Its primary key is the address, so
 * two holders can never get the same one, across accounts and regions. Where an address is mapped to lives on
 * eni_private_ipv4 (migration 002).
 *
 * eni_detachments keeps the last detachment of an ENI for a short while (see network-interfaces/eni-detachments.ts).
 */
import type { Migration } from './index.js';

export const m003Instances: Migration = {
  version: 3,
  name: 'instances',
  statements: [
    `CREATE TABLE instances (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      reservation_id TEXT NOT NULL, image_id TEXT NOT NULL, instance_type TEXT NOT NULL, state TEXT NOT NULL,
      state_reason_code TEXT NOT NULL DEFAULT '', state_reason_message TEXT NOT NULL DEFAULT '',
      transition_reason TEXT NOT NULL DEFAULT '',
      subnet_id TEXT NOT NULL, vpc_id TEXT NOT NULL, availability_zone TEXT NOT NULL,
      availability_zone_id TEXT NOT NULL, launch_index INTEGER NOT NULL, launch_time TEXT NOT NULL,
      client_token TEXT NOT NULL DEFAULT '', architecture TEXT NOT NULL, platform TEXT NOT NULL DEFAULT '',
      platform_details TEXT NOT NULL, usage_operation TEXT NOT NULL, root_device_name TEXT NOT NULL,
      boot_mode TEXT NOT NULL DEFAULT '', current_boot_mode TEXT NOT NULL,
      key_name TEXT NOT NULL DEFAULT '', user_data TEXT NOT NULL DEFAULT '',
      disable_api_termination INTEGER NOT NULL DEFAULT 0, disable_api_stop INTEGER NOT NULL DEFAULT 0,
      shutdown_behavior TEXT NOT NULL DEFAULT 'stop', ebs_optimized INTEGER NOT NULL DEFAULT 0,
      monitoring_state TEXT NOT NULL DEFAULT 'disabled', cpu_credits TEXT NOT NULL DEFAULT '',
      tenancy TEXT NOT NULL DEFAULT 'default', ena_support INTEGER NOT NULL DEFAULT 1,
      sriov_net_support TEXT NOT NULL DEFAULT '',
      metadata_http_tokens TEXT NOT NULL, metadata_hop_limit INTEGER NOT NULL,
      metadata_http_endpoint TEXT NOT NULL, metadata_http_ipv6 TEXT NOT NULL, metadata_tags TEXT NOT NULL,
      hibernation_configured INTEGER NOT NULL DEFAULT 0, enclave_enabled INTEGER NOT NULL DEFAULT 0,
      hostname_type TEXT NOT NULL DEFAULT 'ip-name', dns_a_record INTEGER NOT NULL DEFAULT 0,
      dns_aaaa_record INTEGER NOT NULL DEFAULT 0,
      cpu_core_count INTEGER NOT NULL, cpu_threads_per_core INTEGER NOT NULL,
      eni_count INTEGER NOT NULL DEFAULT 0, terminated_at TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)`,
    `CREATE INDEX instances_by_owner ON instances (account, region, seq)`,
    `CREATE INDEX instances_by_reservation ON instances (reservation_id)`,
    `CREATE INDEX instances_by_state ON instances (account, region, state, seq)`,
    `CREATE INDEX instances_by_type ON instances (account, region, instance_type)`,
    `CREATE INDEX instances_by_image ON instances (account, region, image_id)`,
    `CREATE INDEX instances_by_subnet ON instances (subnet_id)`,
    `CREATE INDEX instances_by_vpc ON instances (vpc_id)`,
    `CREATE INDEX instances_by_client_token ON instances (account, region, client_token)`,
    `CREATE INDEX instances_by_launch_time ON instances (account, region, launch_time)`,
    `CREATE INDEX instances_terminated ON instances (account, region, terminated_at) WHERE terminated_at <> ''`,

    `CREATE TABLE volumes (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      availability_zone TEXT NOT NULL, availability_zone_id TEXT NOT NULL, size INTEGER NOT NULL,
      volume_type TEXT NOT NULL, iops INTEGER NOT NULL DEFAULT 0, throughput INTEGER NOT NULL DEFAULT 0,
      encrypted INTEGER NOT NULL DEFAULT 0, snapshot_id TEXT NOT NULL DEFAULT '', state TEXT NOT NULL,
      create_time TEXT NOT NULL, instance_id TEXT NOT NULL DEFAULT '', device TEXT NOT NULL DEFAULT '',
      attach_time TEXT NOT NULL DEFAULT '', delete_on_termination INTEGER NOT NULL DEFAULT 0)`,
    `CREATE INDEX volumes_by_owner ON volumes (account, region, seq)`,
    `CREATE INDEX volumes_by_instance ON volumes (instance_id, seq)`,

    `CREATE TABLE public_ipv4_addresses (
      address INTEGER NOT NULL PRIMARY KEY, ip TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      kind TEXT NOT NULL, created_at TEXT NOT NULL)`,

    // The last detachment of an ENI, kept for a minute so that a client waiting on the attachment id sees it
    // `detached` (resources/network-interfaces/eni-detachments.ts).
    `CREATE TABLE eni_detachments (
      attachment_id TEXT NOT NULL PRIMARY KEY, eni_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL,
      instance_id TEXT NOT NULL, instance_owner_id TEXT NOT NULL, device_index INTEGER NOT NULL,
      network_card_index INTEGER NOT NULL, attach_time TEXT NOT NULL, delete_on_termination INTEGER NOT NULL,
      detached_at TEXT NOT NULL)`,
    `CREATE INDEX eni_detachments_by_eni ON eni_detachments (eni_id)`,
    `CREATE INDEX eni_detachments_by_age ON eni_detachments (account, region, detached_at)`,

    // Terminating an instance turns the routes that target it into blackholes (instances.md §3).
    `CREATE INDEX IF NOT EXISTS routes_by_instance ON routes (instance_id)`,
  ],
};
