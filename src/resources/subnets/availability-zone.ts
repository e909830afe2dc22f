/**
 * Which zone a new subnet goes to (addressing.md §2): `AvailabilityZone` or `AvailabilityZoneId` of the caller's
 * region, or, when neither is given, one EC2 picks. vpclite picks the zone where the VPC has the fewest subnets, so
 * subnets created without a zone spread out (AWS does not promise any particular choice).
 */
import { invalidAvailabilityZone, invalidAvailabilityZoneId, zoneAndZoneIdDisagree } from '../../errors/subnets.js';
import type { RequestContext } from '../context.js';
import { zoneId, type RegionInfo } from '../regions/catalog.js';

/** The zone named by the request, validated; undefined when the request names none. */
export function requestedZone(region: RegionInfo, zone: string | undefined, id: string | undefined): string | undefined {
  let byName: string | undefined;
  let byId: string | undefined;
  if (zone !== undefined) {
    if (!region.zones.includes(zone)) throw invalidAvailabilityZone(zone, region.zones);
    byName = zone;
  }
  if (id !== undefined) {
    const ids = region.zones.map((z) => zoneId(region, z));
    const index = ids.indexOf(id);
    if (index === -1) throw invalidAvailabilityZoneId(id, ids);
    byId = region.zones[index];
  }
  if (byName !== undefined && byId !== undefined && byName !== byId) throw zoneAndZoneIdDisagree();
  return byName ?? byId;
}

export async function pickZone(ctx: RequestContext, vpcId: string): Promise<string> {
  const rows = await ctx.tx.all<{ availability_zone: string; n: number }>(
    'SELECT availability_zone, COUNT(*) AS n FROM subnets WHERE vpc_id = ? GROUP BY availability_zone',
    [vpcId],
  );
  const counts = new Map(rows.map((r) => [r.availability_zone, Number(r.n)]));
  let best = ctx.region.zones[0]!;
  for (const zone of ctx.region.zones) if ((counts.get(zone) ?? 0) < (counts.get(best) ?? 0)) best = zone;
  return best;
}
