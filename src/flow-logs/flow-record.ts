/**
 * One aggregated flow (a row of flow_log_windows) written out as a flow log record line in a flow log's format.
 * Pure: what a field says is decided here and nowhere else.
 */
import { formatVersion } from './record-fields.js';

/** A closed aggregation window of one flow at one ENI, as stored. */
export interface FlowWindowRow {
  flow_log_id: string;
  account: string;
  region: string;
  network_interface_id: string;
  window_start: number;
  window_end: number;
  pkt_src: string;
  pkt_dst: string;
  src_port: number;
  dst_port: number;
  protocol: number;
  action: string;
  flow_direction: string;
  srcaddr: string;
  dstaddr: string;
  vpc_id: string;
  subnet_id: string;
  instance_id: string;
  az_id: string;
  interface_type: string;
  /** 0 when not applicable (ingress). */
  traffic_path: number;
  packets: number;
  bytes: number;
  tcp_flags: number;
  /** Unix seconds of the first and last packet seen in the window. */
  first_seen: number;
  last_seen: number;
}

const dash = (value: string | undefined): string => (value === undefined || value === '' ? '-' : value);

/** The value of one field for one record; `-` where the field does not apply (§4.2). */
function fieldValue(field: string, row: FlowWindowRow, version: number): string {
  switch (field) {
    case 'version': return String(version);
    case 'account-id': return row.account;
    case 'interface-id': return row.network_interface_id;
    case 'srcaddr': return row.srcaddr;
    case 'dstaddr': return row.dstaddr;
    case 'srcport': return String(row.src_port);
    case 'dstport': return String(row.dst_port);
    case 'protocol': return String(row.protocol);
    case 'packets': return String(row.packets);
    case 'bytes': return String(row.bytes);
    case 'start': return String(row.first_seen);
    case 'end': return String(row.last_seen);
    case 'action': return row.action;
    case 'log-status': return 'OK';
    case 'vpc-id': return row.vpc_id;
    case 'subnet-id': return row.subnet_id;
    case 'instance-id': return dash(row.instance_id);
    case 'tcp-flags': return String(row.tcp_flags);
    case 'type': return row.pkt_src.includes(':') || row.pkt_dst.includes(':') ? 'IPv6' : 'IPv4';
    case 'pkt-srcaddr': return row.pkt_src;
    case 'pkt-dstaddr': return row.pkt_dst;
    case 'region': return row.region;
    case 'az-id': return dash(row.az_id);
    case 'flow-direction': return row.flow_direction;
    case 'traffic-path': return row.flow_direction === 'egress' && row.traffic_path > 0 ? String(row.traffic_path) : '-';
    case 'interface-type': return dash(row.interface_type);
    // Sublocations, AWS service names (ip-ranges), ECS metadata, Block Public Access reasons, encryption, tags
    // and next hops are not modelled: AWS writes `-` where it has nothing to say.
    default: return '-';
  }
}

/** The record line for `row` in a format of `fields`. */
export function renderRecord(row: FlowWindowRow, fields: readonly string[]): string {
  const version = formatVersion(fields);
  return fields.map((f) => fieldValue(f, row, version)).join(' ');
}

/** The first line of an S3 flow log file: the field names, as AWS writes them. */
export const headerLine = (fields: readonly string[]): string => fields.join(' ');
