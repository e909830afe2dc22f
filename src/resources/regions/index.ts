import type { ActionTable } from '../context.js';
import { describeAvailabilityZones } from './describe-availability-zones.js';
import { describeRegions } from './describe-regions.js';

export const regionActions: ActionTable = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
};
