/**
 * 007: failover groups and the moves they made (vpclite's own extension, not EC2; docs/architecture.md "Operator
 * command line"). A group pairs a primary instance with a standby in one account and region; when the primary
 * stops or is terminated, the StopInstances / TerminateInstances transaction itself moves the primary's secondary
 * ENIs to the standby and writes one failover_events row, so a move is exactly as durable and as serialised as the
 * state change that caused it, on any number of nodes sharing one PostgreSQL database.
 *
 * An instance is the primary of at most one group (UNIQUE), so a stop has one standby to move to.
 * failover_events is append-only; `vpclite failover watch` reads it after a sequence number.
 */
import type { Migration } from './index.js';

export const m007FailoverGroups: Migration = {
  version: 7,
  name: 'failover-groups',
  statements: [
    `CREATE TABLE failover_groups (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
      primary_instance_id TEXT NOT NULL, standby_instance_id TEXT NOT NULL, created_at TEXT NOT NULL,
      UNIQUE (account, region, name), UNIQUE (account, region, primary_instance_id))`,
    `CREATE INDEX failover_groups_by_owner ON failover_groups (account, region, seq)`,

    `CREATE TABLE failover_events (
      seq {{SERIAL}}, account TEXT NOT NULL, region TEXT NOT NULL, group_name TEXT NOT NULL,
      primary_instance_id TEXT NOT NULL, standby_instance_id TEXT NOT NULL, trigger_state TEXT NOT NULL,
      outcome TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', moved TEXT NOT NULL, move_microseconds INTEGER NOT NULL,
      happened_at TEXT NOT NULL)`,
    `CREATE INDEX failover_events_by_owner ON failover_events (account, region, seq)`,
    `CREATE INDEX failover_events_by_group ON failover_events (account, region, group_name, seq)`,
  ],
};
