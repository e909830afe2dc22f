/**
 * Which of AWS's request token buckets an EC2 call draws from (wire-protocol.md §11), and how many instances it
 * counts against the resource buckets. Pure: a function of the action and its raw parameters.
 */

export interface BucketRate {
  /** Tokens the bucket holds when full (the burst). */
  capacity: number;
  /** Tokens added back each second. */
  refillPerSecond: number;
}

export interface BucketDraw {
  /** The bucket's name: a category, or the action itself for actions with a bucket of their own. */
  bucket: string;
  rate: BucketRate;
  /** Tokens taken: 1 for request buckets, the instance count for resource buckets. */
  tokens: number;
}

const NON_MUTATING: BucketRate = { capacity: 100, refillPerSecond: 20 };
const UNFILTERED: BucketRate = { capacity: 50, refillPerSecond: 10 };
const MUTATING: BucketRate = { capacity: 50, refillPerSecond: 5 };

/** Describe calls AWS meters more tightly when they are neither filtered nor paginated. */
const UNFILTERED_CANDIDATES = new Set([
  'DescribeInstances', 'DescribeInstanceStatus', 'DescribeNetworkInterfaces', 'DescribeSecurityGroups',
  'DescribeSnapshots', 'DescribeSpotInstanceRequests', 'DescribeVolumes',
]);

const RESOURCE_INTENSIVE = new Set([
  'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'AcceptVpcPeeringConnection',
  'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection',
  'CancelSpotInstanceRequests', 'CreateKeyPair', 'RequestSpotInstances',
]);

/** Actions with a request bucket of their own. StopInstances has none confirmed: it draws from "mutating". */
const OWN_BUCKETS: Record<string, BucketRate> = {
  AssignIpv6Addresses: { capacity: 100, refillPerSecond: 5 },
  AssignPrivateIpAddresses: { capacity: 100, refillPerSecond: 5 },
  UnassignPrivateIpAddresses: { capacity: 100, refillPerSecond: 5 },
  CreateNetworkInterface: { capacity: 100, refillPerSecond: 5 },
  DeleteNetworkInterface: { capacity: 100, refillPerSecond: 5 },
  ModifyNetworkInterfaceAttribute: { capacity: 100, refillPerSecond: 5 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  DeleteTags: { capacity: 100, refillPerSecond: 10 },
  RunInstances: { capacity: 5, refillPerSecond: 2 },
  StartInstances: { capacity: 5, refillPerSecond: 2 },
  TerminateInstances: { capacity: 100, refillPerSecond: 5 },
};

/** Resource buckets count instances, not calls. */
const RESOURCE_BUCKETS: Record<string, BucketRate> = {
  RunInstances: { capacity: 1000, refillPerSecond: 2 },
  TerminateInstances: { capacity: 1000, refillPerSecond: 20 },
  StartInstances: { capacity: 1000, refillPerSecond: 2 },
  StopInstances: { capacity: 1000, refillPerSecond: 20 },
};

const isNonMutating = (action: string): boolean => /^(Describe|List|Search|Get)/.test(action);

/** A filter, a page size or token, or ids narrow a Describe call (keys as the Query protocol flattens them). */
function isNarrowed(params: Map<string, string>): boolean {
  for (const key of params.keys()) {
    if (key.startsWith('Filter.') || key === 'MaxResults' || key === 'NextToken' || /Id\.\d+$/.test(key)) return true;
  }
  return false;
}

/** Instances a lifecycle call asks for: MaxCount for RunInstances, the InstanceId.N list for the others. */
function instanceCount(action: string, params: Map<string, string>): number {
  if (action === 'RunInstances') {
    const max = Number(params.get('MaxCount') ?? '1');
    return Number.isInteger(max) && max > 0 ? max : 1;
  }
  let n = 0;
  for (const key of params.keys()) if (/^InstanceId\.\d+$/.test(key)) n++;
  return Math.max(n, 1);
}

export function bucketDraws(action: string, params: Map<string, string>): BucketDraw[] {
  const draws: BucketDraw[] = [];
  const own = OWN_BUCKETS[action];
  if (own) draws.push({ bucket: action, rate: own, tokens: 1 });
  else if (RESOURCE_INTENSIVE.has(action)) draws.push({ bucket: 'resource-intensive', rate: MUTATING, tokens: 1 });
  else if (UNFILTERED_CANDIDATES.has(action) && !isNarrowed(params)) {
    draws.push({ bucket: 'unfiltered-non-mutating', rate: UNFILTERED, tokens: 1 });
  } else if (isNonMutating(action)) draws.push({ bucket: 'non-mutating', rate: NON_MUTATING, tokens: 1 });
  else draws.push({ bucket: 'mutating', rate: MUTATING, tokens: 1 });
  const resource = RESOURCE_BUCKETS[action];
  if (resource) draws.push({ bucket: `${action}:instances`, rate: resource, tokens: instanceCount(action, params) });
  return draws;
}
