// Errors of the region, zone and account reads (instances.md §6.3-6.5).
import { invalidParameterValue } from './protocol.js';

/** DescribeRegions with a name EC2 does not know: observed `Invalid region: [us--east-1]`. */
export const invalidRegionName = (name: string) => invalidParameterValue(`Invalid region: [${name}]`);
/** DescribeAvailabilityZones with a zone name not in the caller's region: observed `Invalid availability zone: [x]`. */
export const invalidZoneName = (name: string) => invalidParameterValue(`Invalid availability zone: [${name}]`);
/** The same for ZoneId.N (the code follows the zone-name case; the wording is not confirmed). */
export const invalidZoneId = (id: string) => invalidParameterValue(`Invalid availability zone-id: [${id}]`);
/** DescribeAccountAttributes with an attribute name EC2 does not have (code and wording unconfirmed). */
export const invalidAccountAttributeName = (name: string) =>
  invalidParameterValue(`Value (${name}) for parameter attributeName is invalid. Unknown attribute name.`);
