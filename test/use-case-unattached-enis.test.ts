/**
 * Use case: finding and deleting unattached ENIs (network-interfaces.md §2, §4.2, §4.3; addressing.md §2). A
 * clean-up script lists the ENIs whose status is `available` - never attached, or detached since - deletes them,
 * and the subnet gets their addresses back; ENIs in use are neither listed nor deletable. AWS CLI only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ec2Cli, type Ec2Cli } from './helpers/aws-cli-journey.js';
import { AL2_X86 } from './helpers/instance-fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('use case: finding and deleting unattached ENIs, through the AWS CLI', () => {
  let server: TestServer;
  let aws: Ec2Cli;
  before(async () => {
    server = await startTestServer();
    aws = ec2Cli(server.url);
  });
  after(() => server.close());

  it('lists exactly the available ENIs, deletes them and gives their addresses back to the subnet', async () => {
    const vpc = await aws.text('Vpc.VpcId', 'create-vpc', '--cidr-block', '10.60.0.0/16');
    const subnet = await aws.text('Subnet.SubnetId', 'create-subnet', '--vpc-id', vpc, '--cidr-block', '10.60.0.0/24', '--availability-zone', 'us-east-1a');
    const free = async () => Number(await aws.text('Subnets[0].AvailableIpAddressCount', 'describe-subnets', '--subnet-ids', subnet));
    assert.equal(await free(), 251, 'a /24 less its 5 reserved addresses');

    const instanceId = await aws.text('Instances[0].InstanceId',
      'run-instances', '--image-id', AL2_X86, '--instance-type', 't3.small', '--subnet-id', subnet);
    const eni = (...extra: string[]) =>
      aws.text('NetworkInterface.NetworkInterfaceId', 'create-network-interface', '--subnet-id', subnet, ...extra);
    const [inUse, detached, forgotten, forgottenWithSecondaries] = await Promise.all([
      eni('--description', 'in use'),
      eni('--description', 'detached'),
      eni('--description', 'never attached'),
      eni('--description', 'never attached, with secondaries', '--secondary-private-ip-address-count', '2'),
      aws.run('wait', 'instance-running', '--instance-ids', instanceId),
    ]);
    // eth0 plus one address per ENI plus the two secondaries.
    assert.equal(await free(), 251 - 1 - 4 - 2);

    await aws.run('attach-network-interface', '--network-interface-id', inUse, '--instance-id', instanceId, '--device-index', '1');
    const attachment = await aws.text('AttachmentId',
      'attach-network-interface', '--network-interface-id', detached, '--instance-id', instanceId, '--device-index', '2');
    await aws.run('detach-network-interface', '--attachment-id', attachment);
    await aws.run('wait', 'network-interface-available', '--network-interface-ids', detached);
    const withoutUnattached = 251 - 1 - 1; // eth0 and the ENI in use

    // The script: every available ENI of the region, then the same within the subnet.
    const listAvailable = (...filters: string[]) =>
      aws.text('sort(NetworkInterfaces[].NetworkInterfaceId)', 'describe-network-interfaces', '--filters', 'Name=status,Values=available', ...filters);
    const [everywhere, inSubnet, attached] = await Promise.all([
      listAvailable(),
      listAvailable(`Name=subnet-id,Values=${subnet}`),
      aws.text('sort(NetworkInterfaces[].NetworkInterfaceId)', 'describe-network-interfaces', '--filters', 'Name=status,Values=in-use'),
    ]);
    const unattached = [detached, forgotten, forgottenWithSecondaries].sort();
    assert.deepEqual(everywhere.split(/\s+/), unattached);
    assert.deepEqual(inSubnet.split(/\s+/), unattached);
    assert.equal(attached.split(/\s+/).length, 2, 'eth0 and the ENI in use');
    assert.ok(attached.split(/\s+/).includes(inUse));
    assert.equal(await aws.text('NetworkInterfaces[0].Attachment', 'describe-network-interfaces', '--network-interface-ids', detached), 'None',
      'a detached ENI has no attachment left');

    await Promise.all(unattached.map((id) => aws.run('delete-network-interface', '--network-interface-id', id)));
    assert.equal(await listAvailable(), '', 'nothing unattached is left');
    assert.equal(await free(), withoutUnattached, 'every address of the deleted ENIs is back in the subnet');

    // What the script must not do: delete an ENI in use (C), or one already gone.
    const [busy, gone] = await Promise.all([
      aws.refusal('delete-network-interface', '--network-interface-id', inUse),
      aws.refusal('delete-network-interface', '--network-interface-id', forgotten),
    ]);
    assert.deepEqual([busy.code, busy.message], ['InvalidParameterValue', `Network interface '${inUse}' is currently in use.`]);
    assert.equal(gone.code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal(await free(), withoutUnattached);
  });
});
