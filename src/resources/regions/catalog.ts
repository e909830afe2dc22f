/**
 * The regions and availability zones vpclite serves (instances.md §6.3, §6.4). AZ ids are fixed here; real AWS
 * maps zone names to ids per account, which no client depends on.
 */
export interface RegionInfo {
  name: string;
  /** The short code AWS uses in zone ids: `use1` in `use1-az1`. */
  code: string;
  /** The display name AWS gives the region (`US East (N. Virginia)`), the root of each zone's groupLongName. */
  longName: string;
  zones: string[];
}

const region = (name: string, code: string, letters: string, longName: string): RegionInfo => ({
  name,
  code,
  longName,
  zones: [...letters].map((l) => `${name}${l}`),
});

export const REGIONS: RegionInfo[] = [
  region('us-east-1', 'use1', 'abcdef', 'US East (N. Virginia)'),
  region('us-east-2', 'use2', 'abc', 'US East (Ohio)'),
  region('us-west-1', 'usw1', 'ab', 'US West (N. California)'),
  region('us-west-2', 'usw2', 'abcd', 'US West (Oregon)'),
  region('ca-central-1', 'cac1', 'abd', 'Canada (Central)'),
  region('eu-west-1', 'euw1', 'abc', 'Europe (Ireland)'),
  region('eu-west-2', 'euw2', 'abc', 'Europe (London)'),
  region('eu-west-3', 'euw3', 'abc', 'Europe (Paris)'),
  region('eu-central-1', 'euc1', 'abc', 'Europe (Frankfurt)'),
  region('eu-north-1', 'eun1', 'abc', 'Europe (Stockholm)'),
  region('ap-south-1', 'aps1', 'abc', 'Asia Pacific (Mumbai)'),
  region('ap-northeast-1', 'apne1', 'acd', 'Asia Pacific (Tokyo)'),
  region('ap-northeast-2', 'apne2', 'abcd', 'Asia Pacific (Seoul)'),
  region('ap-southeast-1', 'apse1', 'abc', 'Asia Pacific (Singapore)'),
  region('ap-southeast-2', 'apse2', 'abc', 'Asia Pacific (Sydney)'),
  region('sa-east-1', 'sae1', 'abc', 'South America (Sao Paulo)'),
];

const byName = new Map(REGIONS.map((r) => [r.name, r]));

export const findRegion = (name: string): RegionInfo | undefined => byName.get(name);

/** `us-east-1c` → `use1-az3`. */
export function zoneId(regionInfo: RegionInfo, zone: string): string {
  return `${regionInfo.code}-az${regionInfo.zones.indexOf(zone) + 1}`;
}

/** The suffix of private DNS names: `ec2.internal` in us-east-1, `<region>.compute.internal` elsewhere. */
export function privateDnsSuffix(regionName: string): string {
  return regionName === 'us-east-1' ? 'ec2.internal' : `${regionName}.compute.internal`;
}
