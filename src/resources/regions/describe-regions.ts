/**
 * DescribeRegions (instances.md §6.4): every region vpclite serves, whatever region the caller signed for. All of
 * them are enabled by default (`opt-in-not-required`), so `AllRegions` changes nothing. Not paginated.
 */
import { invalidRegionName } from '../../errors/regions.js';
import type { Region } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { compileInMemoryFilters, type InMemoryFilterTable } from '../common/in-memory-filters.js';
import { REGIONS, findRegion, type RegionInfo } from './catalog.js';

const OPT_IN_NOT_REQUIRED = 'opt-in-not-required';

const regionEndpoint = (name: string) => `ec2.${name}.amazonaws.com`;

const REGION_FILTERS: InMemoryFilterTable<RegionInfo> = {
  endpoint: (r) => [regionEndpoint(r.name)],
  'opt-in-status': () => [OPT_IN_NOT_REQUIRED],
  'region-name': (r) => [r.name],
};

const toRegion = (r: RegionInfo): Region => ({
  RegionName: r.name,
  Endpoint: regionEndpoint(r.name),
  OptInStatus: OPT_IN_NOT_REQUIRED,
});

export const describeRegions: Handler<'DescribeRegions'> = async (_ctx, input) => {
  const matches = compileInMemoryFilters(REGION_FILTERS, input.Filters);
  const names = input.RegionNames ?? [];
  for (const name of names) if (!findRegion(name)) throw invalidRegionName(name);
  const wanted = new Set(names);
  const regions = REGIONS.filter((r) => (wanted.size === 0 || wanted.has(r.name)) && matches(r));
  return { Regions: regions.map(toRegion) };
};
