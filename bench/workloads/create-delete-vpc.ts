/**
 * CreateVpc then DeleteVpc of the same VPC, repeated: mutations, each a committed transaction. Concurrency 4
 * because of the 5-VPC quota per region, which the default VPC already uses one of.
 */
import { xmlValue } from '../client.js';
import { loadWorkload } from '../workload.js';

export const createDeleteVpc = loadWorkload({
  name: 'create-delete-vpc',
  title: 'CreateVpc + DeleteVpc pairs, concurrency 4',
  concurrency: 4,
  count: { unit: 'pairs/s', of: 'operations' },
  operation: () => async (call) => {
    const created = await call({ Action: 'CreateVpc', CidrBlock: '10.1.0.0/16' });
    await call({ Action: 'DeleteVpc', VpcId: xmlValue(created.body, 'vpcId')! });
  },
});
