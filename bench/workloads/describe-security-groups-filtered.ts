/** DescribeSecurityGroups filtered by vpc-id (one VPC's default group): a filtered Describe through an index. */
import { xmlValue } from '../client.js';
import { loadWorkload } from '../workload.js';

export const describeSecurityGroupsFiltered = loadWorkload({
  name: 'describe-security-groups-filtered',
  title: 'DescribeSecurityGroups, filter vpc-id, concurrency 8',
  concurrency: 8,
  setup: async (client) => xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.2.0.0/16' }), 'vpcId')!,
  operation: (vpcId) => async (call) => {
    await call({ Action: 'DescribeSecurityGroups', 'Filter.1.Name': 'vpc-id', 'Filter.1.Value.1': vpcId });
  },
});
