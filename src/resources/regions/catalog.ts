/**
 * The regions and availability zones vpclite serves (instances.md §6.3, §6.4). AZ ids are fixed here; real AWS
 * maps zone names to ids per account, which no client depends on.
 */
export interface RegionInfo {
  name: string;
  /** The short code AWS uses in zone ids: `use1` in `use1-az1`. */
  code: string;
  zones: string[];
}

const region = (name: string, code: string, letters: string): RegionInfo => ({
  name,
  code,
  zones: [...letters].map((l) => `${name}${l}`),
});

export const REGIONS: RegionInfo[] = [
  region('us-east-1', 'use1', 'abcdef'),
  region('us-east-2', 'use2', 'abc'),
  region('us-west-1', 'usw1', 'ab'),
  region('us-west-2', 'usw2', 'abcd'),
  region('ca-central-1', 'cac1', 'abd'),
  region('eu-west-1', 'euw1', 'abc'),
  region('eu-west-2', 'euw2', 'abc'),
  region('eu-west-3', 'euw3', 'abc'),
  region('eu-central-1', 'euc1', 'abc'),
  region('eu-north-1', 'eun1', 'abc'),
  region('ap-south-1', 'aps1', 'abc'),
  region('ap-northeast-1', 'apne1', 'acd'),
  region('ap-northeast-2', 'apne2', 'abcd'),
  region('ap-southeast-1', 'apse1', 'abc'),
  region('ap-southeast-2', 'apse2', 'abc'),
  region('sa-east-1', 'sae1', 'abc'),
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
