/** A stored path as the analysis reads it: the filters of both ends folded into one set of constraints. */
import type { PathSpec } from './analysis/analyze.js';
import type { SliceRequest } from './analysis/path-topology.js';
import { parsePortRange, type PathRow } from './path-records.js';

const range = (text: string) => {
  const parsed = parsePortRange(text);
  return parsed ? { from: parsed.FromPort!, to: parsed.ToPort! } : undefined;
};

export function pathSpecOf(row: PathRow): PathSpec {
  return {
    source: row.source,
    destination: row.destination || undefined,
    protocol: row.protocol as 'tcp' | 'udp',
    sourceIp: row.source_ip || undefined,
    destinationIp: row.destination_ip || undefined,
    destinationPort: row.destination_port >= 0 ? row.destination_port : undefined,
    sourceAddress: row.fas_source_address || row.fad_source_address || undefined,
    destinationAddress: row.fas_destination_address || row.fad_destination_address || undefined,
    sourcePortRange: range(row.fas_source_port_range || row.fad_source_port_range),
    destinationPortRange: range(row.fas_destination_port_range || row.fad_destination_port_range),
  };
}

/** What the slice loader must read for this path: its ends and the addresses that narrow them. */
export function sliceOf(row: PathRow): SliceRequest {
  return {
    source: row.source,
    destination: row.destination || undefined,
    sourceAddress: row.source_ip || row.fas_source_address || row.fad_source_address || undefined,
    destinationAddress: row.destination_ip || row.fas_destination_address || row.fad_destination_address || undefined,
  };
}
