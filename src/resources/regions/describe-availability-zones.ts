/**
 * DescribeAvailabilityZones (instances.md §6.3): the zones of the caller's region only. A zone named by
 * ZoneName.N or ZoneId.N that is not one of them fails the call. vpclite has no Local or Wavelength Zones, so
 * `AllAvailabilityZones` changes nothing. Not paginated.
 */
import { invalidZoneId, invalidZoneName } from '../../errors/regions.js';
import type { AvailabilityZone } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { compileInMemoryFilters, type InMemoryFilterTable } from '../common/in-memory-filters.js';
import { zoneId, type RegionInfo } from './catalog.js';

/**
 * One zone as EC2 describes it. Current AWS answers name the zone group `<region>-zg-1` with the long name
 * `<region display name> 1` (the API reference's example); the network border group is the region.
 */
export function toAvailabilityZone(region: RegionInfo, zone: string): AvailabilityZone {
  return {
    ZoneName: zone,
    ZoneId: zoneId(region, zone),
    State: 'available',
    OptInStatus: 'opt-in-not-required',
    Messages: [],
    RegionName: region.name,
    GroupName: `${region.name}-zg-1`,
    GroupLongName: `${region.longName} 1`,
    NetworkBorderGroup: region.name,
    ZoneType: 'availability-zone',
  };
}

const text = (value: string | undefined): string[] => (value === undefined ? [] : [value]);

const ZONE_FILTERS: InMemoryFilterTable<AvailabilityZone> = {
  'group-name': (z) => text(z.GroupName),
  'group-long-name': (z) => text(z.GroupLongName),
  message: (z) => (z.Messages ?? []).flatMap((m) => text(m.Message)),
  'opt-in-status': (z) => text(z.OptInStatus),
  'parent-zone-id': (z) => text(z.ParentZoneId),
  'parent-zone-name': (z) => text(z.ParentZoneName),
  'region-name': (z) => text(z.RegionName),
  state: (z) => text(z.State),
  'zone-id': (z) => text(z.ZoneId),
  'zone-name': (z) => text(z.ZoneName),
  'zone-type': (z) => text(z.ZoneType),
};

export const describeAvailabilityZones: Handler<'DescribeAvailabilityZones'> = async (ctx, input) => {
  const matches = compileInMemoryFilters(ZONE_FILTERS, input.Filters);
  const zones = ctx.region.zones.map((zone) => toAvailabilityZone(ctx.region, zone));
  const names = input.ZoneNames ?? [];
  const ids = input.ZoneIds ?? [];
  for (const name of names) if (!zones.some((z) => z.ZoneName === name)) throw invalidZoneName(name);
  for (const id of ids) if (!zones.some((z) => z.ZoneId === id)) throw invalidZoneId(id);
  // Zones named either way are described; with neither list, every zone of the region is.
  const named = (z: AvailabilityZone) =>
    (names.length === 0 && ids.length === 0) || names.includes(z.ZoneName!) || ids.includes(z.ZoneId!);
  return { AvailabilityZones: zones.filter((z) => named(z) && matches(z)) };
};
