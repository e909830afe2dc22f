/** Every workload, in the order a full run measures them. Add a new one here. */
import type { Workload } from '../workload.js';
import { createDeleteVpc } from './create-delete-vpc.js';
import { describeSecurityGroupsFiltered } from './describe-security-groups-filtered.js';
import { describeVpcsById } from './describe-vpcs-by-id.js';
import { startupFirstCall, startupHealth } from './startup.js';

export const workloads: Workload[] = [
  describeVpcsById,
  createDeleteVpc,
  describeSecurityGroupsFiltered,
  startupHealth,
  startupFirstCall,
];
