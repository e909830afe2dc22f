/**
 * A path's Source and Destination (routing-and-traffic.md §5.1): an id or an ARN of an instance, a network
 * interface or an internet gateway - the resources vpclite keeps that the analyzer takes as ends. The resource must
 * be the caller's, in the caller's region; an unknown one answers its own type's NotFound, as EC2 does.
 */
import type { AwsError } from '../../errors/aws-error.js';
import { instancesNotFound } from '../../errors/instances.js';
import { internetGatewayNotFound } from '../../errors/internet-gateways.js';
import { eniNotFound } from '../../errors/network-interfaces.js';
import { pathResourceElsewhere, unsupportedPathResource } from '../../errors/network-insights.js';
import type { RequestContext } from '../context.js';
import { isWellFormedId } from '../ids.js';
import { arnOf, parseArn, prefixOf } from './arns.js';

interface EndpointType {
  arnType: string;
  table: string;
  notFound: (ids: string[]) => AwsError;
}

const ENDPOINT_TYPES: Record<string, EndpointType> = {
  i: { arnType: 'instance', table: 'instances', notFound: instancesNotFound },
  eni: { arnType: 'network-interface', table: 'network_interfaces', notFound: eniNotFound },
  igw: { arnType: 'internet-gateway', table: 'internet_gateways', notFound: internetGatewayNotFound },
};

export interface PathEndpoint {
  id: string;
  arn: string;
}

/** Resolves `value` (the wire parameter `parameter`) to the caller's resource, or throws. */
export async function resolveEndpoint(ctx: RequestContext, parameter: string, value: string): Promise<PathEndpoint> {
  let id = value;
  if (value.startsWith('arn:')) {
    const arn = parseArn(value);
    if (!arn) throw unsupportedPathResource(parameter, value);
    if (arn.region !== ctx.region.name || arn.account !== ctx.account) throw pathResourceElsewhere(parameter, value);
    const type = ENDPOINT_TYPES[prefixOf(arn.id)];
    if (!type || type.arnType !== arn.type) throw unsupportedPathResource(parameter, value);
    id = arn.id;
  }
  const prefix = prefixOf(id);
  const type = ENDPOINT_TYPES[prefix];
  if (!type || !isWellFormedId(prefix, id)) throw unsupportedPathResource(parameter, value);
  const row = await ctx.tx.get<{ id: string }>(`SELECT id FROM ${type.table} WHERE id = ? AND account = ? AND region = ?`, [
    id, ctx.account, ctx.region.name,
  ]);
  if (!row) throw type.notFound([id]);
  return { id, arn: arnOf(ctx.region.name, ctx.account, id) };
}
