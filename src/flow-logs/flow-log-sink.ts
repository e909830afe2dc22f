/**
 * The flow-log ObservationSink: each FlowObservation from the traffic evaluator is added to the aggregation window
 * of every active flow log covering its ENI (the ENI's own, its subnet's, its VPC's) whose TrafficType takes its
 * action. A window is MaxAggregationInterval seconds of the observation's time, aligned to multiples of the
 * interval; a flow (addresses, ports, protocol, action, direction) has one row per window, whose packets and bytes
 * add up and whose TCP flags are OR-ed. Windows the clock has passed are then delivered (flush.ts).
 *
 * Wiring: `new FlowLogSink({ s3Dir })` in the list of sinks the traffic endpoint hands its observations to.
 */
import type { FlowObservation, ObservationSink } from '../traffic/flow-observation.js';
import type { Store, Tx } from '../store/store.js';
import { flushFlowLogs } from './flush.js';

export interface FlowLogSinkOptions {
  /** Where `s3` destinations are written (see flush.ts); undefined writes no S3 files. */
  s3Dir?: string;
}

interface CoveringFlowLog {
  id: string;
  traffic_type: string;
  max_aggregation_interval: number;
}

/** Addresses whose traffic flow logs never record (§4.2 "Not logged"): the link-local services and the Amazon DNS. */
const UNLOGGED_ADDRESSES = new Set([
  '169.254.169.253', '169.254.169.254', '169.254.169.123', 'fd00:ec2::253', 'fd00:ec2::254', 'fd00:ec2::123',
]);
const DHCP_PORTS = new Set([67, 68, 546, 547]);

const takes = (trafficType: string, action: string): boolean => trafficType === 'ALL' || trafficType === action;

/** The base+2 address of an IPv4 CIDR: the VPC's Amazon DNS server. */
function resolverOf(cidr: string): string | undefined {
  const [base] = cidr.split('/');
  const parts = base?.split('.').map(Number);
  if (!parts || parts.length !== 4) return undefined;
  const n = (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]! + 2) >>> 0;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Per transaction: the flow logs covering each ENI and the DNS addresses of each VPC, looked up once. */
class CoverageLookup {
  private readonly flowLogs = new Map<string, CoveringFlowLog[]>();
  private readonly resolvers = new Map<string, Set<string>>();

  constructor(private readonly tx: Tx) {}

  async covering(o: FlowObservation): Promise<CoveringFlowLog[]> {
    const key = `${o.account}|${o.region}|${o.networkInterfaceId}`;
    let found = this.flowLogs.get(key);
    if (!found) {
      found = await this.tx.all<CoveringFlowLog>(
        `SELECT id, traffic_type, max_aggregation_interval FROM flow_logs
         WHERE account = ? AND region = ? AND resource_id IN (?, ?, ?) ORDER BY seq`,
        [o.account, o.region, o.networkInterfaceId, o.subnetId, o.vpcId],
      );
      this.flowLogs.set(key, found);
    }
    return found;
  }

  async dnsAddresses(vpcId: string): Promise<Set<string>> {
    let found = this.resolvers.get(vpcId);
    if (!found) {
      const blocks = await this.tx.all<{ cidr: string }>(
        `SELECT cidr FROM vpc_cidr_blocks WHERE vpc_id = ? AND family = 'ipv4'`,
        [vpcId],
      );
      found = new Set(blocks.map((b) => resolverOf(b.cidr)).filter((a): a is string => a !== undefined));
      this.resolvers.set(vpcId, found);
    }
    return found;
  }
}

async function isLogged(o: FlowObservation, lookup: CoverageLookup): Promise<boolean> {
  if (UNLOGGED_ADDRESSES.has(o.packetSourceAddress) || UNLOGGED_ADDRESSES.has(o.packetDestinationAddress)) return false;
  if (o.protocol === 17 && (DHCP_PORTS.has(o.sourcePort) || DHCP_PORTS.has(o.destinationPort))) return false;
  const dns = await lookup.dnsAddresses(o.vpcId);
  return !dns.has(o.packetSourceAddress) && !dns.has(o.packetDestinationAddress);
}

/** srcaddr / dstaddr: the ENI's own side is its primary private IPv4 for IPv4 traffic (§4.2). */
function recordAddresses(o: FlowObservation): { srcaddr: string; dstaddr: string } {
  const ipv4 = !o.packetSourceAddress.includes(':') && !o.packetDestinationAddress.includes(':');
  const own = (packetAddress: string) => (ipv4 && o.primaryPrivateAddress !== '' ? o.primaryPrivateAddress : packetAddress);
  return o.flowDirection === 'egress'
    ? { srcaddr: own(o.packetSourceAddress), dstaddr: o.packetDestinationAddress }
    : { srcaddr: o.packetSourceAddress, dstaddr: own(o.packetDestinationAddress) };
}

async function addToWindow(tx: Tx, flowLog: CoveringFlowLog, o: FlowObservation): Promise<void> {
  const seconds = Math.floor(o.time.getTime() / 1000);
  const interval = flowLog.max_aggregation_interval;
  const windowStart = seconds - (seconds % interval);
  const { srcaddr, dstaddr } = recordAddresses(o);
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
      flowLog.id, o.account, o.region, o.networkInterfaceId, windowStart, windowStart + interval,
      o.packetSourceAddress, o.packetDestinationAddress, o.sourcePort, o.destinationPort, o.protocol, o.action,
      o.flowDirection, srcaddr, dstaddr, o.vpcId, o.subnetId, o.instanceId ?? '', o.availabilityZoneId,
      o.interfaceType, o.trafficPath ?? 0, o.packets, o.bytes, o.tcpFlags, seconds, seconds,
    ],
  );
}

/** Adds a batch of observations to the open windows of the flow logs covering their ENIs. */
export async function recordObservations(store: Store, observations: readonly FlowObservation[]): Promise<void> {
  if (observations.length === 0) return;
  await store.write(async (tx) => {
    const lookup = new CoverageLookup(tx);
    for (const o of observations) {
      const flowLogs = (await lookup.covering(o)).filter((f) => takes(f.traffic_type, o.action));
      if (flowLogs.length === 0 || !(await isLogged(o, lookup))) continue;
      for (const flowLog of flowLogs) await addToWindow(tx, flowLog, o);
    }
  });
}

/** Whether an account and region of these observations has a flow log at all. */
async function anyFlowLogs(tx: Tx, observations: readonly FlowObservation[]): Promise<boolean> {
  const owners = new Map(observations.map((o) => [`${o.account}|${o.region}`, o]));
  for (const o of owners.values()) {
    const found = await tx.get('SELECT 1 AS found FROM flow_logs WHERE account = ? AND region = ? LIMIT 1', [o.account, o.region]);
    if (found) return true;
  }
  return false;
}

export class FlowLogSink implements ObservationSink {
  constructor(private readonly options: FlowLogSinkOptions = {}) {}

  async record(observations: readonly FlowObservation[], store: Store): Promise<void> {
    if (observations.length === 0) return;
    // Most traffic is in accounts without flow logs: one indexed read tells, and then nothing is written.
    if (!(await store.read((tx) => anyFlowLogs(tx, observations)))) return;
    // Windows the clock passed before these packets close now, so a record is never held back by later traffic.
    const latest = new Date(Math.max(...observations.map((o) => o.time.getTime())));
    await flushFlowLogs(store, latest, { s3Dir: this.options.s3Dir });
    await recordObservations(store, observations);
  }
}
