/** DescribeVpcs by one VpcId at concurrency 8: the platform issue's read target. */
import { xmlValue } from '../client.js';
import { loadWorkload } from '../workload.js';

export const describeVpcsById = loadWorkload({
  name: 'describe-vpcs-by-id',
  title: 'DescribeVpcs by one VpcId, concurrency 8',
  concurrency: 8,
  goal: '≥ 5,000 req/s',
  setup: async (client) => xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' }), 'vpcId')!,
  operation: (vpcId) => async (call) => {
    await call({ Action: 'DescribeVpcs', 'VpcId.1': vpcId });
  },
});
