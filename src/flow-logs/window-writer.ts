/**
 * Adds observations to their flow logs' aggregation windows in the database, a batch at a time: the observations
 * of every traffic request that arrives while a batch transaction runs are merged in memory (a flow has one row
 * per window, so eight requests of one flow are one upsert) and written by the next transaction. A request is
 * answered only after the transaction holding its observations has committed, so what the traffic endpoint
 * acknowledged survives kill -9 (DESIGN.md invariant 4); what the batch saves is transactions and rows.
 *
 * A batch transaction first delivers the windows that closed before its packets (the oldest window end this
 * node has written tells when that is due), so a record is never held back by later traffic.
 */
import type { Store, Tx } from '../store/store.js';
import { deliverDueWindows, writeDeliveredFiles, type Delivery } from './flush.js';

/** One row of flow_log_windows: the key columns, the flow's facts, and its counters. */
export interface WindowRow {
  flowLogId: string;
  account: string;
  region: string;
  networkInterfaceId: string;
  windowStart: number;
  windowEnd: number;
  pktSrc: string;
  pktDst: string;
  srcPort: number;
  dstPort: number;
  protocol: number;
  action: string;
  flowDirection: string;
  srcaddr: string;
  dstaddr: string;
  vpcId: string;
  subnetId: string;
  instanceId: string;
  azId: string;
  interfaceType: string;
  trafficPath: number;
  packets: number;
  bytes: number;
  tcpFlags: number;
  firstSeen: number;
  lastSeen: number;
}

const keyOf = (r: WindowRow) =>
  [r.flowLogId, r.networkInterfaceId, r.windowStart, r.pktSrc, r.pktDst, r.srcPort, r.dstPort, r.protocol, r.action, r.flowDirection].join('\u0000');

function merge(into: WindowRow, row: WindowRow): void {
  into.packets += row.packets;
  into.bytes += row.bytes;
  into.tcpFlags |= row.tcpFlags;
  into.firstSeen = Math.min(into.firstSeen, row.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, row.lastSeen);
}

async function upsert(tx: Tx, r: WindowRow): Promise<void> {
  await tx.run(
    `INSERT INTO flow_log_windows (flow_log_id, account, region, network_interface_id, window_start, window_end,
       pkt_src, pkt_dst, src_port, dst_port, protocol, action, flow_direction, srcaddr, dstaddr, vpc_id, subnet_id,
       instance_id, az_id, interface_type, traffic_path, packets, bytes, tcp_flags, first_seen, last_seen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (flow_log_id, network_interface_id, window_start, pkt_src, pkt_dst, src_port, dst_port, protocol,
       action, flow_direction) DO UPDATE SET
       packets = flow_log_windows.packets + excluded.packets,
       bytes = flow_log_windows.bytes + excluded.bytes,
       tcp_flags = (flow_log_windows.tcp_flags | excluded.tcp_flags),
       first_seen = CASE WHEN excluded.first_seen < flow_log_windows.first_seen THEN excluded.first_seen ELSE flow_log_windows.first_seen END,
       last_seen = CASE WHEN excluded.last_seen > flow_log_windows.last_seen THEN excluded.last_seen ELSE flow_log_windows.last_seen END`,
    [
      r.flowLogId, r.account, r.region, r.networkInterfaceId, r.windowStart, r.windowEnd, r.pktSrc, r.pktDst, r.srcPort,
      r.dstPort, r.protocol, r.action, r.flowDirection, r.srcaddr, r.dstaddr, r.vpcId, r.subnetId, r.instanceId, r.azId,
      r.interfaceType, r.trafficPath, r.packets, r.bytes, r.tcpFlags, r.firstSeen, r.lastSeen,
    ],
  );
}

/**
 * The batch's flow logs that still exist. Coverage was read at the request's generation, and a DeleteFlowLogs may
 * have committed since: its windows are gone with it, and rows written for it now would never be delivered.
 */
async function liveFlowLogs(tx: Tx, rows: Iterable<WindowRow>): Promise<Set<string>> {
  const ids = [...new Set([...rows].map((r) => r.flowLogId))];
  const found = await tx.all<{ id: string }>(`SELECT id FROM flow_logs WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  return new Set(found.map((f) => f.id));
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Batch {
  rows: Map<string, WindowRow>;
  /** The latest time of its packets: windows that ended by then are delivered first. */
  latest: number;
  waiters: Waiter[];
}

export class WindowWriter {
  private next: Batch | undefined;
  private running = false;
  /**
   * Ends (epoch seconds) of windows this node wrote and has not delivered. Starts unknown after a restart, so the
   * first batch delivers whatever an earlier run left due.
   */
  private openEnds = new Set<number>();
  private deliveredOnce = false;

  constructor(
    private readonly store: Store,
    private readonly s3Dir: string | undefined,
  ) {}

  /** Resolves once `rows` are committed to their windows. */
  add(rows: readonly WindowRow[], latest: Date): Promise<void> {
    const batch: Batch = (this.next ??= { rows: new Map(), latest: 0, waiters: [] });
    for (const row of rows) {
      const key = keyOf(row);
      const present = batch.rows.get(key);
      if (present) merge(present, row);
      else batch.rows.set(key, { ...row });
    }
    batch.latest = Math.max(batch.latest, latest.getTime());
    const done = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    if (!this.running) void this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Requests that arrive in the same turn of the event loop join this batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.next) {
      const batch = this.next;
      this.next = undefined;
      try {
        const delivery = await this.write(batch);
        await writeDeliveredFiles(this.s3Dir, delivery.files);
        batch.waiters.forEach((w) => w.resolve());
      } catch (error) {
        batch.waiters.forEach((w) => w.reject(error));
      }
    }
    this.running = false;
  }

  private async write(batch: Batch): Promise<Delivery> {
    const now = Math.floor(batch.latest / 1000);
    const due = !this.deliveredOnce || [...this.openEnds].some((end) => end <= now);
    const delivery = await this.store.write(async (tx) => {
      const delivered = due ? await deliverDueWindows(tx, new Date(batch.latest)) : { records: 0, files: [] };
      const live = await liveFlowLogs(tx, batch.rows.values());
      for (const row of batch.rows.values()) if (live.has(row.flowLogId)) await upsert(tx, row);
      return delivered;
    });
    if (due) {
      this.deliveredOnce = true;
      this.openEnds = new Set([...this.openEnds].filter((end) => end > now));
    }
    for (const row of batch.rows.values()) this.openEnds.add(row.windowEnd);
    return delivery;
  }
}
