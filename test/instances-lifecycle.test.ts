import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachNetworkInterfaceCommand,
  CreateRouteCommand,
  DeleteSubnetCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceExists,
  waitUntilInstanceRunning,
  waitUntilInstanceStatusOk,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { bootstrap } from './helpers/eni-fixtures.js';
import { query, seed } from './helpers/seed.js';
import {
  countingClient,
  createNetwork,
  describeEni,
  describeInstance,
  runInstances,
  runOne,
  type TestNetwork,
} from './helpers/instance-fixtures.js';

describe('instance lifecycle: stop, start, reboot, terminate', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;
  const waitFor = { maxWaitTime: 60, minDelay: 1, maxDelay: 1 };

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    net = await createNetwork(ec2);
  });

  it('answers each transition with the transitional state and reads the final one next', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(stop.StoppingInstances, [
      { InstanceId: id, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 64, Name: 'stopping' } },
    ]);
    const stopped = await describeInstance(ec2, id);
    assert.deepEqual(stopped.State, { Code: 80, Name: 'stopped' });
    assert.match(stopped.StateTransitionReason!, /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    assert.deepEqual(stopped.StateReason, {
      Code: 'Client.UserInitiatedShutdown',
      Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    });
    const again = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(again.StoppingInstances![0]!.CurrentState, { Code: 80, Name: 'stopped' }, 'stopping a stopped instance changes nothing');

    const start = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(start.StartingInstances![0]!.PreviousState, { Code: 80, Name: 'stopped' });
    assert.deepEqual(start.StartingInstances![0]!.CurrentState, { Code: 0, Name: 'pending' });
    const running = await describeInstance(ec2, id);
    assert.deepEqual(running.State, { Code: 16, Name: 'running' });
    assert.equal(running.StateReason, undefined);
    assert.equal(running.StateTransitionReason, '');

    await ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await describeInstance(ec2, id)).State!.Name, 'running');

    const terminate = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(terminate.TerminatingInstances![0]!.CurrentState, { Code: 32, Name: 'shutting-down' });
    assert.deepEqual((await describeInstance(ec2, id)).State, { Code: 48, Name: 'terminated' });
    const twice = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(twice.TerminatingInstances![0], {
      InstanceId: id, PreviousState: { Code: 48, Name: 'terminated' }, CurrentState: { Code: 48, Name: 'terminated' },
    }, 'terminating is idempotent');
  });

  it('lets the SDK waiters finish on their first poll', async () => {
    const counting = countingClient(server);
    const id = await runOne(counting.client, { SubnetId: net.subnetA });
    counting.reset();
    const params = { client: counting.client, ...waitFor };
    assert.equal((await waitUntilInstanceExists(params, { InstanceIds: [id] })).state, 'SUCCESS');
    assert.equal((await waitUntilInstanceRunning(params, { InstanceIds: [id] })).state, 'SUCCESS');
    assert.equal((await waitUntilInstanceStatusOk(params, { InstanceIds: [id] })).state, 'SUCCESS');
    assert.equal(counting.count('DescribeInstancesCommand'), 2);
    assert.equal(counting.count('DescribeInstanceStatusCommand'), 1);
    await counting.client.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await waitUntilInstanceStopped(params, { InstanceIds: [id] })).state, 'SUCCESS');
    await counting.client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await waitUntilInstanceTerminated(params, { InstanceIds: [id] })).state, 'SUCCESS');
    assert.equal(counting.count('DescribeInstancesCommand'), 4, 'one poll per waiter');
  });

  it('keeps private addresses and ENIs across stop and start', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.medium' });
    const extra = await eniInSubnet(ec2, net.subnetA);
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: id, NetworkInterfaceId: extra.NetworkInterfaceId, DeviceIndex: 1 }));
    const before = await describeInstance(ec2, id);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    const stopped = await describeInstance(ec2, id);
    assert.deepEqual(stopped.NetworkInterfaces!.map((n) => [n.NetworkInterfaceId, n.PrivateIpAddress, n.Status, n.Attachment!.Status]),
      before.NetworkInterfaces!.map((n) => [n.NetworkInterfaceId, n.PrivateIpAddress, 'in-use', 'attached']));
    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await describeInstance(ec2, id)).PrivateIpAddress, before.PrivateIpAddress);
  });

  it('deletes the ENIs and volumes marked DeleteOnTermination and leaves the others available at once', async () => {
    const kept = await eniInSubnet(ec2, net.subnetA, { Description: 'kept' });
    const id = await runOne(ec2, {
      InstanceType: 't3.medium',
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: net.subnetA },
        { DeviceIndex: 1, NetworkInterfaceId: kept.NetworkInterfaceId },
      ],
      BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 10, DeleteOnTermination: false } }],
    });
    const before = await describeInstance(ec2, id);
    const eth0 = before.NetworkInterfaces!.find((n) => n.Attachment!.DeviceIndex === 0)!.NetworkInterfaceId!;
    const [root, data] = before.BlockDeviceMappings!.map((d) => d.Ebs!.VolumeId!);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));

    const gone = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eth0] })));
    assert.equal(gone.code, 'InvalidNetworkInterfaceID.NotFound');
    const survivor = await describeEni(ec2, kept.NetworkInterfaceId!);
    assert.equal(survivor.Status, 'available');
    assert.equal(survivor.Attachment, undefined);
    assert.equal(survivor.PrivateIpAddress, kept.PrivateIpAddress);

    const volumes = await ec2.send(new DescribeVolumesCommand({}));
    assert.deepEqual(volumes.Volumes!.map((v) => [v.VolumeId, v.State, v.Attachments]), [[data, 'available', []]]);
    assert.equal((await awsError(ec2.send(new DescribeVolumesCommand({ VolumeIds: [root!] })))).code, 'InvalidVolume.NotFound');

    const terminated = await describeInstance(ec2, id);
    assert.deepEqual(terminated.NetworkInterfaces, []);
    assert.deepEqual(terminated.SecurityGroups, []);
    assert.deepEqual(terminated.BlockDeviceMappings, []);
    assert.equal(terminated.PrivateIpAddress, undefined);
    assert.equal(terminated.SubnetId, undefined);
    assert.equal(terminated.PrivateDnsName, '');
  });

  it('frees the subnet as soon as its instances report terminated', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetB });
    const busy = await awsError(ec2.send(new DeleteSubnetCommand({ SubnetId: net.subnetB })));
    assert.equal(busy.code, 'DependencyViolation');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [net.subnetB] }));
    assert.equal(Subnets![0]!.AvailableIpAddressCount, 251);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: net.subnetB }));
  });

  it('turns routes to a terminated instance into blackholes', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const [table] = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [net.vpcId] }] }))).RouteTables!;
    await ec2.send(new CreateRouteCommand({ RouteTableId: table!.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', InstanceId: id }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const rows = await query<{ state: string }>(server, 'SELECT state FROM routes WHERE instance_id = ?', [id]);
    assert.deepEqual(rows, [{ state: 'blackhole' }]);
  });

  it('lists a terminated instance for an hour, then forgets it', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.equal((await describeInstance(ec2, id)).State!.Name, 'terminated');
    await seed(server, 'UPDATE instances SET terminated_at = ? WHERE id = ?', [new Date(Date.now() - 61 * 60 * 1000).toISOString(), id]);
    const e = await awsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })));
    assert.equal(e.code, 'InvalidInstanceID.NotFound');
    assert.deepEqual((await ec2.send(new DescribeInstancesCommand({}))).Reservations, []);
    await runOne(ec2, { SubnetId: net.subnetA });
    assert.deepEqual(await query(server, 'SELECT id FROM instances WHERE id = ?', [id]), [], 'the next launch purged it');
  });

  it('refuses transitions from states that do not allow them', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    const reboot = await awsError(ec2.send(new RebootInstancesCommand({ InstanceIds: [id] })));
    assert.equal(reboot.code, 'IncorrectInstanceState');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    for (const command of [new StopInstancesCommand({ InstanceIds: [id] }), new StartInstancesCommand({ InstanceIds: [id] })]) {
      assert.equal((await awsError(ec2.send(command as StopInstancesCommand))).code, 'IncorrectInstanceState');
    }
  });

  it('honours termination and stop protection, all or nothing', async () => {
    const free = await runOne(ec2, { SubnetId: net.subnetA });
    const locked = await runOne(ec2, { SubnetId: net.subnetA, DisableApiTermination: true, DisableApiStop: true });
    const e = await awsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: [free, locked] })));
    assert.equal(e.code, 'OperationNotPermitted');
    assert.equal(e.message, `The instance '${locked}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`);
    assert.equal((await describeInstance(ec2, free)).State!.Name, 'running', 'nothing was terminated');
    assert.equal((await awsError(ec2.send(new StopInstancesCommand({ InstanceIds: [locked] })))).code, 'OperationNotPermitted');

    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: locked, DisableApiTermination: { Value: false } }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [free, locked] }));
    assert.equal((await describeInstance(ec2, locked)).State!.Name, 'terminated');
  });

  it('fails the whole call for an unknown or malformed id', async () => {
    const id = await runOne(ec2, { SubnetId: net.subnetA });
    const unknown = await awsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: [id, 'i-0123456789abcdef0', 'i-0123456789abcdef1'] })));
    assert.equal(unknown.code, 'InvalidInstanceID.NotFound');
    assert.equal(unknown.message, "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
    assert.equal((await describeInstance(ec2, id)).State!.Name, 'running');
    const malformed = await awsError(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-xyz'] })));
    assert.equal(malformed.code, 'InvalidInstanceID.Malformed');
    const dry = await awsError(ec2.send(new TerminateInstancesCommand({ InstanceIds: [id], DryRun: true })));
    assert.equal(dry.code, 'DryRunOperation');
    assert.equal((await describeInstance(ec2, id)).State!.Name, 'running');
  });

  it('reports status checks for running instances, and for the others with IncludeAllInstances', async () => {
    const running = await runOne(ec2, { SubnetId: net.subnetA });
    const stopped = await runOne(ec2, { SubnetId: net.subnetA });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
    const { InstanceStatuses } = await ec2.send(new DescribeInstanceStatusCommand({}));
    assert.deepEqual(InstanceStatuses!.map((s) => [s.InstanceId, s.InstanceState!.Name, s.InstanceStatus!.Status, s.SystemStatus!.Status]), [
      [running, 'running', 'ok', 'ok'],
    ]);
    const all = await ec2.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true }));
    assert.deepEqual(all.InstanceStatuses!.map((s) => [s.InstanceId, s.InstanceStatus!.Status]), [
      [running, 'ok'],
      [stopped, 'not-applicable'],
    ]);
    const filtered = await ec2.send(new DescribeInstanceStatusCommand({
      IncludeAllInstances: true, Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }],
    }));
    assert.deepEqual(filtered.InstanceStatuses!.map((s) => s.InstanceId), [stopped]);
    const combo = await awsError(ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [running], MaxResults: 5 })));
    assert.equal(combo.code, 'InvalidParameterCombination');
  });

  it('launches several instances and stops them in one call', async () => {
    const { Instances } = await runInstances(ec2, { SubnetId: net.subnetA, MinCount: 3, MaxCount: 3 });
    const ids = Instances!.map((i) => i.InstanceId!);
    const { StoppingInstances } = await ec2.send(new StopInstancesCommand({ InstanceIds: ids }));
    assert.deepEqual(StoppingInstances!.map((s) => s.InstanceId), ids);
    const states = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }))).Reservations![0]!.Instances!.map((i) => i.State!.Name);
    assert.deepEqual(states, ['stopped', 'stopped', 'stopped']);
  });
});
