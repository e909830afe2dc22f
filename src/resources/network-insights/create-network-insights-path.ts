/**
 * CreateNetworkInsightsPath (routing-and-traffic.md §5.1): parameter values first (protocol, addresses, ports,
 * the filter exclusions), then the ends' existence, then the row and its tags.
 */
import {
  filterConflict,
  invalidPathAddress,
  invalidPathPort,
  invalidPathProtocol,
} from '../../errors/network-insights.js';
import type { PathRequestFilter, RequestFilterPortRange } from '../../protocol/generated/ec2-shapes.js';
import { parseIpv4 } from '../../net/ipv4.js';
import type { Handler } from '../context.js';
import { newId } from '../ids.js';
import { applyTagSpecifications } from '../tags/tag-store.js';
import { resolveEndpoint } from './path-endpoints.js';
import { formatPortRange, requirePath, toNetworkInsightsPath } from './path-records.js';

const PROTOCOLS = ['tcp', 'udp'];

function checkAddress(parameter: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (parseIpv4(value) === undefined) throw invalidPathAddress(parameter, value);
  return value;
}

function checkPort(parameter: string, port: number | undefined): void {
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw invalidPathPort(parameter, String(port));
}

function checkRange(parameter: string, range: RequestFilterPortRange | undefined): string {
  if (range === undefined) return '';
  checkPort(`${parameter}.FromPort`, range.FromPort);
  checkPort(`${parameter}.ToPort`, range.ToPort);
  const text = formatPortRange(range);
  const [from, to] = text.split('-').map(Number);
  if (from! > to!) throw invalidPathPort(parameter, text);
  return text;
}

function checkFilter(name: string, filter: PathRequestFilter | undefined): string[] {
  return [
    checkAddress(`${name}.SourceAddress`, filter?.SourceAddress),
    checkRange(`${name}.SourcePortRange`, filter?.SourcePortRange),
    checkAddress(`${name}.DestinationAddress`, filter?.DestinationAddress),
    checkRange(`${name}.DestinationPortRange`, filter?.DestinationPortRange),
  ];
}

export const createNetworkInsightsPath: Handler<'CreateNetworkInsightsPath'> = async (ctx, input) => {
  const protocol = input.Protocol as string;
  if (!PROTOCOLS.includes(protocol)) throw invalidPathProtocol(protocol);
  if (input.FilterAtSource !== undefined) {
    if (input.SourceIp !== undefined) throw filterConflict('FilterAtSource', 'SourceIp');
    if (input.DestinationPort !== undefined) throw filterConflict('FilterAtSource', 'DestinationPort');
  }
  if (input.FilterAtDestination !== undefined && input.DestinationIp !== undefined) {
    throw filterConflict('FilterAtDestination', 'DestinationIp');
  }
  const sourceIp = checkAddress('SourceIp', input.SourceIp);
  const destinationIp = checkAddress('DestinationIp', input.DestinationIp);
  checkPort('DestinationPort', input.DestinationPort);
  const atSource = checkFilter('FilterAtSource', input.FilterAtSource);
  const atDestination = checkFilter('FilterAtDestination', input.FilterAtDestination);

  const source = await resolveEndpoint(ctx, 'Source', input.Source);
  const destination = input.Destination === undefined ? undefined : await resolveEndpoint(ctx, 'Destination', input.Destination);

  const id = newId('nip');
  await ctx.tx.run(
    `INSERT INTO network_insights_paths (id, account, region, source, source_arn, destination, destination_arn,
       source_ip, destination_ip, protocol, destination_port, fas_source_address, fas_source_port_range,
       fas_destination_address, fas_destination_port_range, fad_source_address, fad_source_port_range,
       fad_destination_address, fad_destination_port_range, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id, ctx.account, ctx.region.name, source.id, source.arn, destination?.id ?? '', destination?.arn ?? '',
      sourceIp, destinationIp, protocol, input.DestinationPort ?? -1, ...atSource, ...atDestination, ctx.now.toISOString(),
    ],
  );
  const tags = await applyTagSpecifications(ctx, input.TagSpecifications, 'network-insights-path', id);
  return { NetworkInsightsPath: toNetworkInsightsPath(await requirePath(ctx, id), tags) };
};
