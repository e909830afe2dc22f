/**
 * Delivery: every aggregation window whose end the clock has passed becomes records at its flow log's destination.
 * `cloud-watch-logs`: one event per record in the stream `<eni-id>-all` of the flow log's group, the group being
 * created if it does not exist (as AWS's delivery role does with logs:CreateLogGroup). `s3`: one gzip'd file per
 * flow log per delivery (s3-files.ts). `kinesis-data-firehose`: not emulated, the records are dropped.
 *
 * Rows move from flow_log_windows to log_events in one transaction, so every record is delivered once even with
 * several nodes flushing at once; S3 files are written after that transaction commits (a transaction may run more
 * than once and must change nothing outside the database).
 */
import type { Store, Tx, SqlValue } from '../store/store.js';
import { putLogEvents, createLogGroupIfMissing } from '../logs/log-data.js';
import { logStreamNameOf, s3LocationOfArn } from './destination.js';
import { headerLine, renderRecord, type FlowWindowRow } from './flow-record.js';
import { parseLogFormat, DEFAULT_FIELDS } from './record-fields.js';
import { writeFlowLogFile, type FlowLogFile } from './s3-files.js';

export interface FlushOptions {
  /** Where `s3` buckets are directories; without it, `s3` records are delivered nowhere. */
  s3Dir?: string;
  /** Only this account and region's windows (a Logs API read flushes its caller's own). */
  scope?: { account: string; region: string };
}

interface DueWindow extends FlowWindowRow {
  log_destination_type: string;
  log_destination: string;
  log_group_name: string;
  log_format: string;
  hive_compatible_partitions: number;
  per_hour_partition: number;
}

function fieldsOf(format: string): string[] {
  return parseLogFormat(format) ?? [...DEFAULT_FIELDS];
}

/** Groups `items` by `key`, keeping first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

async function deliverToCloudWatch(tx: Tx, windows: DueWindow[], nowMs: number): Promise<void> {
  const first = windows[0]!;
  const scope = { account: first.account, region: first.region };
  await createLogGroupIfMissing(tx, scope, first.log_group_name, nowMs);
  const fields = fieldsOf(first.log_format);
  for (const [eni, rows] of groupBy(windows, (w) => w.network_interface_id)) {
    const events = rows.map((row) => ({ timestamp: row.first_seen * 1000, message: renderRecord(row, fields) }));
    await putLogEvents(tx, scope, first.log_group_name, logStreamNameOf(eni), events, nowMs);
  }
}

function s3File(windows: DueWindow[], now: Date): FlowLogFile | undefined {
  const first = windows[0]!;
  const location = s3LocationOfArn(first.log_destination);
  if (!location) return undefined;
  const fields = fieldsOf(first.log_format);
  return {
    location,
    account: first.account,
    region: first.region,
    flowLogId: first.flow_log_id,
    hiveCompatible: first.hive_compatible_partitions === 1,
    perHour: first.per_hour_partition === 1,
    deliveredAt: now,
    lines: [headerLine(fields), ...windows.map((row) => renderRecord(row, fields))],
  };
}

/** What a delivery did in the database, and the S3 files to write once its transaction has committed. */
export interface Delivery {
  records: number;
  files: FlowLogFile[];
}

/**
 * Inside `tx`: moves every window that has closed by `now` (of `scope` only, when given) to its destination.
 * The caller writes `files` after the commit (writeDeliveredFiles): a transaction may run more than once.
 */
export async function deliverDueWindows(tx: Tx, now: Date, scope?: FlushOptions['scope']): Promise<Delivery> {
  const where = ['w.window_end <= ?'];
  const params: SqlValue[] = [Math.floor(now.getTime() / 1000)];
  if (scope) {
    where.push('w.account = ?', 'w.region = ?');
    params.push(scope.account, scope.region);
  }
  const condition = where.join(' AND ');
  const due = await tx.all<DueWindow>(
    `SELECT w.*, f.log_destination_type, f.log_destination, f.log_group_name, f.log_format,
       f.hive_compatible_partitions, f.per_hour_partition
     FROM flow_log_windows w JOIN flow_logs f ON f.id = w.flow_log_id
     WHERE ${condition}
     ORDER BY w.flow_log_id, w.network_interface_id, w.window_start, w.first_seen, w.pkt_src, w.pkt_dst,
       w.src_port, w.dst_port, w.protocol, w.action, w.flow_direction`,
    params,
  );
  const files: FlowLogFile[] = [];
  if (due.length === 0) return { records: 0, files };
  await tx.run(`DELETE FROM flow_log_windows WHERE ${condition.replaceAll('w.', '')}`, params);
  for (const windows of groupBy(due, (w) => w.flow_log_id).values()) {
    const type = windows[0]!.log_destination_type;
    if (type === 'cloud-watch-logs') await deliverToCloudWatch(tx, windows, now.getTime());
    else if (type === 's3') {
      const file = s3File(windows, now);
      if (file) files.push(file);
    }
  }
  return { records: due.length, files };
}

/** Writes a committed delivery's S3 files under `s3Dir` (nowhere without one). */
export async function writeDeliveredFiles(s3Dir: string | undefined, files: readonly FlowLogFile[]): Promise<void> {
  if (!s3Dir) return;
  for (const file of files) await writeFlowLogFile(s3Dir, file);
}

/**
 * Delivers every window that has closed by `now`; returns the number of records delivered. Call it wherever a
 * reader may look after the clock moved: the Logs API's reads, the clock endpoint, serve's delivery timer.
 */
export async function flushFlowLogs(store: Store, now: Date, options: FlushOptions = {}): Promise<number> {
  const delivery = await store.write((tx) => deliverDueWindows(tx, now, options.scope));
  await writeDeliveredFiles(options.s3Dir, delivery.files);
  return delivery.records;
}
