/**
 * CloudWatch Logs' data, as rows: log groups, their streams and the events in them, per account and region. The
 * Logs API (logs-endpoint.ts) reads and manages them; flow log delivery (flow-logs/flush.ts) writes events
 * through putLogEvents. Times are Unix milliseconds, as CloudWatch Logs counts them.
 */
import type { Tx } from '../store/store.js';

export interface LogScope {
  account: string;
  region: string;
}

export interface LogGroupRow {
  seq: number;
  name: string;
  created_at: number;
}

export interface LogStreamRow {
  seq: number;
  log_group_name: string;
  name: string;
  created_at: number;
  first_event: number;
  last_event: number;
  last_ingestion: number;
  stored_bytes: number;
}

export interface LogEventRow {
  seq: number;
  log_stream_name: string;
  event_time: number;
  ingestion_time: number;
  message: string;
}

export async function findLogGroup(tx: Tx, scope: LogScope, name: string): Promise<LogGroupRow | undefined> {
  return tx.get<LogGroupRow>('SELECT seq, name, created_at FROM log_groups WHERE account = ? AND region = ? AND name = ?', [
    scope.account, scope.region, name,
  ]);
}

/** Creates the group unless it exists; true when it was created. */
export async function createLogGroupIfMissing(tx: Tx, scope: LogScope, name: string, now: number): Promise<boolean> {
  const result = await tx.run(
    `INSERT INTO log_groups (account, region, name, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account, region, name) DO NOTHING`,
    [scope.account, scope.region, name, now],
  );
  return result.changes > 0;
}

/** Deletes a group with its streams and events; false when there was no such group. */
export async function deleteLogGroup(tx: Tx, scope: LogScope, name: string): Promise<boolean> {
  const params = [scope.account, scope.region, name];
  const result = await tx.run('DELETE FROM log_groups WHERE account = ? AND region = ? AND name = ?', params);
  if (result.changes === 0) return false;
  await tx.run('DELETE FROM log_streams WHERE account = ? AND region = ? AND log_group_name = ?', params);
  await tx.run('DELETE FROM log_events WHERE account = ? AND region = ? AND log_group_name = ?', params);
  return true;
}

export interface NewLogEvent {
  timestamp: number;
  message: string;
}

/** Appends events to a stream of an existing group, creating the stream on first use. */
export async function putLogEvents(
  tx: Tx,
  scope: LogScope,
  group: string,
  stream: string,
  events: readonly NewLogEvent[],
  now: number,
): Promise<void> {
  if (events.length === 0) return;
  const first = Math.min(...events.map((e) => e.timestamp));
  const last = Math.max(...events.map((e) => e.timestamp));
  const bytes = events.reduce((n, e) => n + Buffer.byteLength(e.message), 0);
  await tx.run(
    `INSERT INTO log_streams (account, region, log_group_name, name, created_at, first_event, last_event, last_ingestion,
       stored_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account, region, log_group_name, name) DO UPDATE SET
       first_event = CASE WHEN excluded.first_event < log_streams.first_event THEN excluded.first_event ELSE log_streams.first_event END,
       last_event = CASE WHEN excluded.last_event > log_streams.last_event THEN excluded.last_event ELSE log_streams.last_event END,
       last_ingestion = excluded.last_ingestion, stored_bytes = log_streams.stored_bytes + excluded.stored_bytes`,
    [scope.account, scope.region, group, stream, now, first, last, now, bytes],
  );
  for (const event of events) {
    await tx.run(
      `INSERT INTO log_events (account, region, log_group_name, log_stream_name, event_time, ingestion_time, message)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [scope.account, scope.region, group, stream, event.timestamp, now, event.message],
    );
  }
}
