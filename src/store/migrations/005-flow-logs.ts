/**
 * 005: VPC flow logs (routing-and-traffic.md §4) and the CloudWatch Logs subset they deliver to.
 *
 * flow_logs: one row per flow log; found by the resource it watches (an ENI, its subnet or its VPC) through
 * flow_logs_by_resource, so recording an observation reads only the flow logs that cover that ENI.
 *
 * flow_log_windows: traffic being aggregated. One row per flow log, ENI, aggregation window and flow (addresses,
 * ports, protocol, action, direction); an observation adds its packets and bytes to its row with an upsert, so two
 * nodes recording at once add up instead of overwriting. window_end (start + MaxAggregationInterval) is indexed:
 * delivery reads only the windows that have closed. Delivered windows are deleted.
 *
 * log_groups / log_streams / log_events: CloudWatch Logs' own model, per account and region. Events are read per
 * stream or per group in time order (the two event indexes); a stream's first/last event times are columns kept
 * up to date on delivery, as DescribeLogStreams reports them.
 */
import type { Migration } from './index.js';

export const m005FlowLogs: Migration = {
  version: 5,
  name: 'flow-logs',
  statements: [
    `CREATE TABLE flow_logs (
      seq {{SERIAL}}, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL, region TEXT NOT NULL,
      resource_id TEXT NOT NULL, resource_type TEXT NOT NULL, traffic_type TEXT NOT NULL,
      log_destination_type TEXT NOT NULL, log_destination TEXT NOT NULL, log_group_name TEXT NOT NULL,
      deliver_logs_permission_arn TEXT NOT NULL, deliver_cross_account_role TEXT NOT NULL,
      log_format TEXT NOT NULL, max_aggregation_interval INTEGER NOT NULL,
      file_format TEXT NOT NULL, hive_compatible_partitions INTEGER NOT NULL, per_hour_partition INTEGER NOT NULL,
      created_at TEXT NOT NULL)`,
    `CREATE INDEX flow_logs_by_owner ON flow_logs (account, region, seq)`,
    `CREATE INDEX flow_logs_by_resource ON flow_logs (account, region, resource_id)`,

    `CREATE TABLE flow_log_windows (
      flow_log_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL,
      network_interface_id TEXT NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL,
      pkt_src TEXT NOT NULL, pkt_dst TEXT NOT NULL, src_port INTEGER NOT NULL, dst_port INTEGER NOT NULL,
      protocol INTEGER NOT NULL, action TEXT NOT NULL, flow_direction TEXT NOT NULL,
      srcaddr TEXT NOT NULL, dstaddr TEXT NOT NULL, vpc_id TEXT NOT NULL, subnet_id TEXT NOT NULL,
      instance_id TEXT NOT NULL, az_id TEXT NOT NULL, interface_type TEXT NOT NULL, traffic_path INTEGER NOT NULL,
      packets INTEGER NOT NULL, bytes INTEGER NOT NULL, tcp_flags INTEGER NOT NULL,
      first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
      PRIMARY KEY (flow_log_id, network_interface_id, window_start, pkt_src, pkt_dst, src_port, dst_port, protocol,
        action, flow_direction))`,
    `CREATE INDEX flow_log_windows_due ON flow_log_windows (window_end)`,
    `CREATE INDEX flow_log_windows_due_by_owner ON flow_log_windows (account, region, window_end)`,

    `CREATE TABLE log_groups (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL,
      UNIQUE (account, region, name))`,

    `CREATE TABLE log_streams (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, log_group_name TEXT NOT NULL, name TEXT NOT NULL,
      created_at INTEGER NOT NULL, first_event INTEGER NOT NULL, last_event INTEGER NOT NULL,
      last_ingestion INTEGER NOT NULL, stored_bytes INTEGER NOT NULL,
      UNIQUE (account, region, log_group_name, name))`,

    `CREATE TABLE log_events (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, log_group_name TEXT NOT NULL,
      log_stream_name TEXT NOT NULL, event_time INTEGER NOT NULL, ingestion_time INTEGER NOT NULL,
      message TEXT NOT NULL)`,
    `CREATE INDEX log_events_by_stream ON log_events (account, region, log_group_name, log_stream_name, event_time, seq)`,
    `CREATE INDEX log_events_by_group ON log_events (account, region, log_group_name, event_time, seq)`,
  ],
};
