/**
 * The flow-log ObservationSink: each FlowObservation from the traffic evaluator is added to the aggregation window
 * of every flow log capturing its ENI (the ENI's own, its subnet's, its VPC's) whose TrafficType takes its
 * action. A window is MaxAggregationInterval seconds of the observation's time, aligned to multiples of the
 * interval; a flow (addresses, ports, protocol, action, direction) has one row per window, whose packets and bytes
 * add up and whose TCP flags are OR-ed (window-writer.ts batches the rows). Windows the clock has passed are
 * delivered by flush.ts.
 *
 * Wiring: `new FlowLogSink(store, { s3Dir })` in the list of sinks the traffic endpoint hands its observations to.
 */
import type { Store } from '../store/store.js';
import type { FlowObservation, ObservationSink, SinkContext } from '../traffic/flow-observation.js';
import { CoverageCache, type Coverage, type CoveringFlowLog } from './coverage.js';
import { WindowWriter, type WindowRow } from './window-writer.js';

export interface FlowLogSinkOptions {
  /** Where `s3` destinations are written (see flush.ts); undefined writes no S3 files. */
  s3Dir?: string;
}

/** Addresses whose traffic flow logs never record (§4.2 "Not logged"): the link-local services and the Amazon DNS. */
const UNLOGGED_ADDRESSES = new Set([
  '169.254.169.253', '169.254.169.254', '169.254.169.123', 'fd00:ec2::253', 'fd00:ec2::254', 'fd00:ec2::123',
]);
const DHCP_PORTS = new Set([67, 68, 546, 547]);

const takes = (trafficType: string, action: string): boolean => trafficType === 'ALL' || trafficType === action;

function isLogged(o: FlowObservation, coverage: Coverage): boolean {
  if (UNLOGGED_ADDRESSES.has(o.packetSourceAddress) || UNLOGGED_ADDRESSES.has(o.packetDestinationAddress)) return false;
  if (o.protocol === 17 && (DHCP_PORTS.has(o.sourcePort) || DHCP_PORTS.has(o.destinationPort))) return false;
  return !coverage.dnsAddresses.has(o.packetSourceAddress) && !coverage.dnsAddresses.has(o.packetDestinationAddress);
}

/** srcaddr / dstaddr: the ENI's own side is its primary private IPv4 for IPv4 traffic (§4.2). */
function recordAddresses(o: FlowObservation): { srcaddr: string; dstaddr: string } {
  const ipv4 = !o.packetSourceAddress.includes(':') && !o.packetDestinationAddress.includes(':');
  const own = (packetAddress: string) => (ipv4 && o.primaryPrivateAddress !== '' ? o.primaryPrivateAddress : packetAddress);
  return o.flowDirection === 'egress'
    ? { srcaddr: own(o.packetSourceAddress), dstaddr: o.packetDestinationAddress }
    : { srcaddr: o.packetSourceAddress, dstaddr: own(o.packetDestinationAddress) };
}

function windowRow(flowLog: CoveringFlowLog, o: FlowObservation): WindowRow {
  const seconds = Math.floor(o.time.getTime() / 1000);
  const interval = flowLog.maxAggregationInterval;
  const windowStart = seconds - (seconds % interval);
  const { srcaddr, dstaddr } = recordAddresses(o);
  return {
    flowLogId: flowLog.id,
    account: o.account,
    region: o.region,
    networkInterfaceId: o.networkInterfaceId,
    windowStart,
    windowEnd: windowStart + interval,
    pktSrc: o.packetSourceAddress,
    pktDst: o.packetDestinationAddress,
    srcPort: o.sourcePort,
    dstPort: o.destinationPort,
    protocol: o.protocol,
    action: o.action,
    flowDirection: o.flowDirection,
    srcaddr,
    dstaddr,
    vpcId: o.vpcId,
    subnetId: o.subnetId,
    instanceId: o.instanceId ?? '',
    azId: o.availabilityZoneId,
    interfaceType: o.interfaceType,
    trafficPath: o.trafficPath ?? 0,
    packets: o.packets,
    bytes: o.bytes,
    tcpFlags: o.tcpFlags,
    firstSeen: seconds,
    lastSeen: seconds,
  };
}

export class FlowLogSink implements ObservationSink {
  private readonly coverage: CoverageCache;
  private readonly windows: WindowWriter;

  constructor(store: Store, options: FlowLogSinkOptions = {}) {
    this.coverage = new CoverageCache(store);
    this.windows = new WindowWriter(store, options.s3Dir);
  }

  async record(observations: readonly FlowObservation[], context: SinkContext = {}): Promise<void> {
    if (observations.length === 0) return;
    const coverage = await this.coverage.of(observations, context.generation);
    const rows: WindowRow[] = [];
    observations.forEach((o, i) => {
      const covering = coverage[i]!;
      const flowLogs = covering.flowLogs.filter((f) => takes(f.trafficType, o.action));
      if (flowLogs.length === 0 || !isLogged(o, covering)) return;
      for (const flowLog of flowLogs) rows.push(windowRow(flowLog, o));
    });
    // Most traffic is in accounts without flow logs: nothing to write, and no transaction at all.
    if (rows.length === 0) return;
    const latest = new Date(Math.max(...observations.map((o) => o.time.getTime())));
    await this.windows.add(rows, latest);
  }
}
