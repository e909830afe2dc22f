import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './helpers/server.js';

const run = promisify(execFile);

/** ENI failover end to end with the AWS CLI and boto3, as an operator would rehearse it. */
describe('instances and ENI failover through the AWS CLI and boto3', () => {
  let server: TestServer;
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cli = async (...args: string[]): Promise<any> => {
    const { stdout } = await run('aws', ['ec2', ...args, '--endpoint-url', server.url, '--output', 'json'], { env });
    return stdout.trim() === '' ? undefined : JSON.parse(stdout);
  };
  const cliError = async (...args: string[]): Promise<string> => {
    try {
      await cli(...args);
    } catch (error) {
      return (error as { stderr: string }).stderr;
    }
    throw new Error('expected the CLI call to fail');
  };

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates an ENI, runs two instances, moves the ENI to the standby and cleans up', async () => {
    const vpc = (await cli('create-vpc', '--cidr-block', '10.70.0.0/16')).Vpc.VpcId;
    const subnet = (await cli('create-subnet', '--vpc-id', vpc, '--cidr-block', '10.70.1.0/24', '--availability-zone', 'us-east-1a')).Subnet.SubnetId;
    const group = (await cli('create-security-group', '--group-name', 'svc', '--description', 'service', '--vpc-id', vpc)).GroupId;
    const eni = (await cli(
      'create-network-interface', '--subnet-id', subnet, '--groups', group, '--private-ip-address', '10.70.1.100',
      '--secondary-private-ip-address-count', '1', '--description', 'service address',
      '--tag-specifications', 'ResourceType=network-interface,Tags=[{Key=role,Value=service}]',
    )).NetworkInterface;
    await cli('wait', 'network-interface-available', '--network-interface-ids', eni.NetworkInterfaceId);

    // --associate-public-ip-address makes the CLI send the NetworkInterface.1 form (subnet and groups move into it).
    const launched = await cli(
      'run-instances', '--image-id', 'ami-0c9914fc68f617531', '--instance-type', 't3.micro', '--count', '2',
      '--subnet-id', subnet, '--security-group-ids', group, '--associate-public-ip-address',
      '--tag-specifications', 'ResourceType=instance,Tags=[{Key=cluster,Value=ha}]',
    );
    assert.equal(launched.Instances.length, 2);
    assert.equal(launched.Instances[0].State.Name, 'pending');
    const [active, standby] = launched.Instances.map((i: { InstanceId: string }) => i.InstanceId);
    await cli('wait', 'instance-running', '--instance-ids', active, standby);
    const described = await cli('describe-instances', '--instance-ids', active, standby);
    for (const instance of described.Reservations[0].Instances) {
      assert.equal(instance.State.Name, 'running');
      assert.match(instance.PublicIpAddress, /^198\.1[89]\./);
      assert.equal(instance.SecurityGroups[0].GroupId, group);
    }

    const first = await cli('attach-network-interface', '--network-interface-id', eni.NetworkInterfaceId, '--instance-id', active, '--device-index', '1');
    assert.match(first.AttachmentId, /^eni-attach-/);
    const attached = (await cli('describe-network-interfaces', '--filters', `Name=attachment.attachment-id,Values=${first.AttachmentId}`)).NetworkInterfaces[0];
    assert.equal(attached.Attachment.Status, 'attached');
    assert.equal(attached.Attachment.InstanceId, active);

    // Failover: detach from the failed instance, attach to the standby.
    await cli('detach-network-interface', '--attachment-id', first.AttachmentId, '--force');
    await cli('wait', 'network-interface-available', '--network-interface-ids', eni.NetworkInterfaceId);
    const second = await cli('attach-network-interface', '--network-interface-id', eni.NetworkInterfaceId, '--instance-id', standby, '--device-index', '1');
    const moved = (await cli('describe-network-interfaces', '--network-interface-ids', eni.NetworkInterfaceId)).NetworkInterfaces[0];
    assert.equal(moved.Attachment.InstanceId, standby);
    assert.equal(moved.Attachment.AttachmentId, second.AttachmentId);
    assert.equal(moved.MacAddress, eni.MacAddress);
    assert.deepEqual(moved.PrivateIpAddresses.map((a: { PrivateIpAddress: string }) => a.PrivateIpAddress),
      eni.PrivateIpAddresses.map((a: { PrivateIpAddress: string }) => a.PrivateIpAddress));
    assert.equal(moved.PrivateIpAddress, '10.70.1.100');
    assert.deepEqual(moved.TagSet, [{ Key: 'role', Value: 'service' }]);
    assert.deepEqual(moved.Groups.map((g: { GroupId: string }) => g.GroupId), [group]);
    const activeNow = (await cli('describe-instances', '--instance-ids', active)).Reservations[0].Instances[0];
    assert.equal(activeNow.NetworkInterfaces.length, 1);

    assert.match(
      await cli('describe-instances', '--filters', 'Name=network-interface.network-interface-id,Values=' + eni.NetworkInterfaceId)
        .then((r) => r.Reservations[0].Instances[0].InstanceId),
      new RegExp(standby),
    );
    const primaryAttachment = activeNow.NetworkInterfaces[0].Attachment.AttachmentId;
    assert.match(await cliError('detach-network-interface', '--attachment-id', primaryAttachment), /OperationNotPermitted/);

    // Clean up: terminate (eth0s go with their instances), detach and delete the service ENI, then the network.
    const terminated = await cli('terminate-instances', '--instance-ids', active, standby);
    assert.deepEqual(terminated.TerminatingInstances.map((t: { CurrentState: { Name: string } }) => t.CurrentState.Name), ['shutting-down', 'shutting-down']);
    await cli('wait', 'instance-terminated', '--instance-ids', active, standby);
    const leftover = await cli('describe-network-interfaces', '--filters', `Name=subnet-id,Values=${subnet}`);
    assert.deepEqual(leftover.NetworkInterfaces.map((n: { NetworkInterfaceId: string; Status: string }) => [n.NetworkInterfaceId, n.Status]),
      [[eni.NetworkInterfaceId, 'available']], 'the service ENI was detached by the termination, the eth0s deleted');
    await cli('delete-network-interface', '--network-interface-id', eni.NetworkInterfaceId);
    await cli('delete-subnet', '--subnet-id', subnet);
    await cli('delete-security-group', '--group-id', group);
    await cli('delete-vpc', '--vpc-id', vpc);
  });

  it('drives instances from boto3 with its waiters and paginator', async () => {
    const script = `
import boto3, json, sys
ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
r = ec2.run_instances(ImageId='ami-0c9914fc68f617531', InstanceType='t3.nano', MinCount=6, MaxCount=6)
ids = [i['InstanceId'] for i in r['Instances']]
fast = {'Delay': 1, 'MaxAttempts': 2}
ec2.get_waiter('instance_running').wait(InstanceIds=ids, WaiterConfig=fast)
ec2.stop_instances(InstanceIds=ids[:2])
ec2.get_waiter('instance_stopped').wait(InstanceIds=ids[:2], WaiterConfig=fast)
pages = ec2.get_paginator('describe_instances').paginate(PaginationConfig={'PageSize': 5})
seen = [i['InstanceId'] for p in pages for res in p['Reservations'] for i in res['Instances']]
attr = ec2.describe_instance_attribute(InstanceId=ids[0], Attribute='disableApiTermination')
ec2.terminate_instances(InstanceIds=ids)
ec2.get_waiter('instance_terminated').wait(InstanceIds=ids, WaiterConfig=fast)
# The first test's instances are still listed (terminated instances stay an hour).
print(json.dumps({'seen': set(ids) <= set(seen) and len(seen) == len(set(seen)), 'protection': attr['DisableApiTermination']['Value'],
                  'eth0': r['Instances'][0]['NetworkInterfaces'][0]['Attachment']['DeviceIndex']}))
`;
    const out = JSON.parse((await run('python3', ['-c', script, server.url])).stdout);
    assert.deepEqual(out, { seen: true, protection: false, eth0: 0 });
  });
});
