/**
 * The slice of the caller's network one path analysis needs, read by the traffic module's own loader
 * (src/traffic/load-topology.ts: the ends, their subnets, ACLs and route tables, the appliances routes send
 * traffic to, the security groups and VPCs - indexed lookups only), so an analysis and the traffic endpoint see the
 * network the same way. What is particular to a path is how its ends name things: an instance stands for one of
 * its ENIs (the one holding the path's address, else its primary), an internet gateway for the internet.
 */
import { loadTopology } from '../../../traffic/load-topology.js';
import type { TopologyData } from '../../../traffic/index.js';
import type { RequestContext } from '../../context.js';
import { placeholders } from '../../common/describe.js';

export interface PathSlice {
  data: TopologyData;
  /** Instance → the ENI that stands for it. */
  instanceEnis: Map<string, string>;
  /** Every internet gateway the path names → its VPC ('' when detached). */
  internetGateways: Map<string, string>;
}

export interface SliceRequest {
  source: string;
  destination?: string;
  /** The addresses that narrow each end (SourceIp or a filter's source address; the same for the destination). */
  sourceAddress?: string;
  destinationAddress?: string;
}

/** The ENI of `instanceId` holding `address`, else its primary (device index 0); undefined when it has none. */
async function instanceEni(ctx: RequestContext, instanceId: string, address: string | undefined): Promise<string | undefined> {
  const enis = await ctx.tx.all<{ id: string }>(
    'SELECT id FROM network_interfaces WHERE instance_id = ? AND account = ? AND region = ? ORDER BY device_index',
    [instanceId, ctx.account, ctx.region.name],
  );
  if (enis.length === 0) return undefined;
  if (address !== undefined && enis.length > 1) {
    const ids = enis.map((e) => e.id);
    const holder = await ctx.tx.get<{ eni_id: string }>(
      `SELECT eni_id FROM eni_private_ipv4 WHERE ip = ? AND eni_id IN (${placeholders(ids)})`,
      [address, ...ids],
    );
    if (holder) return holder.eni_id;
  }
  return enis[0]!.id;
}

export async function loadPathSlice(ctx: RequestContext, request: SliceRequest): Promise<PathSlice> {
  const instanceEnis = new Map<string, string>();
  const internetGateways = new Map<string, string>();
  /** The name the traffic loader takes for an end: an ENI id, an address, `internet`, or '' for nothing. */
  const nameOf = async (id: string | undefined, address: string | undefined): Promise<string> => {
    if (id === undefined) return address ?? '';
    if (id.startsWith('i-')) {
      const eni = await instanceEni(ctx, id, address);
      if (eni) instanceEnis.set(id, eni);
      return eni ?? '';
    }
    if (id.startsWith('igw-')) {
      const gateway = await ctx.tx.get<{ vpc_id: string }>('SELECT vpc_id FROM internet_gateways WHERE id = ? AND account = ? AND region = ?', [
        id, ctx.account, ctx.region.name,
      ]);
      internetGateways.set(id, gateway?.vpc_id ?? '');
      return 'internet';
    }
    return id;
  };
  const source = await nameOf(request.source, request.sourceAddress);
  const destination = await nameOf(request.destination, request.destinationAddress);
  const data = await loadTopology(ctx.tx, ctx.account, ctx.region.name, { source, destination });
  return { data, instanceEnis, internetGateways };
}
