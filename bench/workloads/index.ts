/** Every workload, in the order a full run measures them. Add a new one here. */
import type { Workload } from '../workload.js';
import { createDeleteVpc } from './create-delete-vpc.js';
import { describeSecurityGroupsFiltered } from './describe-security-groups-filtered.js';
import { describeVpcsById } from './describe-vpcs-by-id.js';
import { eniCreate, eniCreateDuplicates } from './eni-create.js';
import { eniDescribeById100k, eniDescribeById10k } from './eni-describe-by-id.js';
import { eniFilterSubnet } from './eni-filter-subnet.js';
import { failoverAutomatic, failoverManual } from './failover.js';
import { eniList } from './eni-list.js';
import { eniDisk, eniMemory } from './eni-memory.js';
import { startupFirstCall, startupHealth } from './startup.js';
import { trafficEndpoint } from './traffic-endpoint.js';
import { trafficVerdicts, trafficVerdictsNaive } from './traffic-evaluator.js';
import { networkInsightsAnalysis } from './network-insights-analysis.js';

export const workloads: Workload[] = [
  describeVpcsById,
  createDeleteVpc,
  describeSecurityGroupsFiltered,
  startupHealth,
  startupFirstCall,
  // ENIs (issue 3). The read workloads share one population per target, built on a server of its own and grown
  // from 10,000 to 100,000 in this order, so keep them together and the 100,000 ones last.
  eniCreate,
  eniCreateDuplicates,
  eniDescribeById10k,
  eniFilterSubnet,
  eniList,
  eniDescribeById100k,
  eniMemory,
  eniDisk,
  // Traffic (issue 5): the evaluator in-process against its linear-scan baseline, then the HTTP endpoint.
  trafficVerdicts,
  trafficVerdictsNaive,
  trafficEndpoint,
  // Failover (issue 8).
  failoverAutomatic,
  failoverManual,
  // Reachability Analyzer (issue 5).
  networkInsightsAnalysis,
];
