/** Rows of network_insights_paths (migration 006) and the NetworkInsightsPath shape they answer as. */
import { pathNotFound } from '../../errors/network-insights.js';
import type { FilterPortRange, NetworkInsightsPath, PathFilter, Protocol, Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { arnOf } from './arns.js';

export interface PathRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  source: string;
  source_arn: string;
  destination: string;
  destination_arn: string;
  source_ip: string;
  destination_ip: string;
  protocol: string;
  destination_port: number;
  fas_source_address: string;
  fas_source_port_range: string;
  fas_destination_address: string;
  fas_destination_port_range: string;
  fad_source_address: string;
  fad_source_port_range: string;
  fad_destination_address: string;
  fad_destination_port_range: string;
  created_at: string;
}

/** `from-to` text (the filters' form) ↔ a range; '' is no range. */
export const formatPortRange = (range: { FromPort?: number; ToPort?: number } | undefined): string =>
  range === undefined ? '' : `${range.FromPort ?? 0}-${range.ToPort ?? 65535}`;

export function parsePortRange(text: string): FilterPortRange | undefined {
  if (text === '') return undefined;
  const [from, to] = text.split('-').map(Number);
  return { FromPort: from, ToPort: to };
}

function toPathFilter(sourceAddress: string, sourcePorts: string, destinationAddress: string, destinationPorts: string): PathFilter | undefined {
  if (!sourceAddress && !sourcePorts && !destinationAddress && !destinationPorts) return undefined;
  return {
    SourceAddress: sourceAddress || undefined,
    SourcePortRange: parsePortRange(sourcePorts),
    DestinationAddress: destinationAddress || undefined,
    DestinationPortRange: parsePortRange(destinationPorts),
  };
}

export const pathFilterAtSource = (row: PathRow) =>
  toPathFilter(row.fas_source_address, row.fas_source_port_range, row.fas_destination_address, row.fas_destination_port_range);
export const pathFilterAtDestination = (row: PathRow) =>
  toPathFilter(row.fad_source_address, row.fad_source_port_range, row.fad_destination_address, row.fad_destination_port_range);

export function toNetworkInsightsPath(row: PathRow, tags: Tag[]): NetworkInsightsPath {
  return {
    NetworkInsightsPathId: row.id,
    NetworkInsightsPathArn: arnOf(row.region, row.account, row.id),
    CreatedDate: new Date(row.created_at),
    Source: row.source,
    SourceArn: row.source_arn,
    Destination: row.destination || undefined,
    DestinationArn: row.destination_arn || undefined,
    SourceIp: row.source_ip || undefined,
    DestinationIp: row.destination_ip || undefined,
    Protocol: row.protocol as Protocol,
    DestinationPort: row.destination_port >= 0 ? row.destination_port : undefined,
    FilterAtSource: pathFilterAtSource(row),
    FilterAtDestination: pathFilterAtDestination(row),
    Tags: tags,
  };
}

export async function findPath(ctx: RequestContext, pathId: string): Promise<PathRow | undefined> {
  return ctx.tx.get<PathRow>('SELECT * FROM network_insights_paths WHERE id = ? AND account = ? AND region = ?', [
    pathId, ctx.account, ctx.region.name,
  ]);
}

export async function requirePath(ctx: RequestContext, pathId: string): Promise<PathRow> {
  const row = await findPath(ctx, pathId);
  if (!row) throw pathNotFound([pathId]);
  return row;
}
