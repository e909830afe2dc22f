import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  ModifySubnetAttributeCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { bootstrap } from './helpers/eni-fixtures.js';
import { AL2_X86, createNetwork, describeInstance, runInstances, runOne, type TestNetwork } from './helpers/instance-fixtures.js';

describe('DescribeInstances', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: TestNetwork;
  /** web: t3.small in subnetA, public IP, group web, tag Name=web, second ENI at index 1; db: t3.micro in subnetB. */
  let web: Instance;
  let db: Instance;
  let webGroup: string;
  let extraEni: string;

  const ids = async (...Filters: Filter[]) =>
    (await ec2.send(new DescribeInstancesCommand({ Filters }))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!));
  const only = (Name: string, Values: string[]) => ids({ Name, Values });

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    net = await createNetwork(ec2);
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: net.subnetA, MapPublicIpOnLaunch: { Value: true } }));
    webGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: net.vpcId }))).GroupId!;
    const webId = await runOne(ec2, {
      SubnetId: net.subnetA,
      SecurityGroupIds: [webGroup],
      ClientToken: 'web-token',
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
    });
    extraEni = (await eniInSubnet(ec2, net.subnetA, { Description: 'second' }))
      .NetworkInterfaceId!;
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: webId, NetworkInterfaceId: extraEni, DeviceIndex: 1 }));
    web = await describeInstance(ec2, webId);
    db = await describeInstance(ec2, await runOne(ec2, { SubnetId: net.subnetB, InstanceType: 't3.micro' }));
  });

  it('lists every instance, in launch order, grouped by reservation', async () => {
    const { Reservations, NextToken } = await ec2.send(new DescribeInstancesCommand({}));
    assert.equal(NextToken, undefined);
    assert.deepEqual(Reservations!.map((r) => r.Instances!.map((i) => i.InstanceId)), [[web.InstanceId], [db.InstanceId]]);
    for (const r of Reservations!) {
      assert.match(r.ReservationId!, /^r-[0-9a-f]{17}$/);
      assert.equal(r.OwnerId, '123456789012');
    }
  });

  it('fails for unknown and malformed ids, naming every missing one', async () => {
    const one = await awsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: [web.InstanceId!, 'i-0123456789abcdef0'] })));
    assert.equal(one.code, 'InvalidInstanceID.NotFound');
    assert.equal(one.message, "The instance ID 'i-0123456789abcdef0' does not exist");
    const two = await awsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] })));
    assert.equal(two.message, "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
    const malformed = await awsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-nope'] })));
    assert.equal(malformed.code, 'InvalidInstanceID.Malformed');
    assert.equal(malformed.message, 'Invalid id: "i-nope" (expecting "i-...")');
  });

  it('refuses ids with MaxResults, and pages with MaxResults and NextToken', async () => {
    const e = await awsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: [web.InstanceId!], MaxResults: 5 })));
    assert.equal(e.code, 'InvalidParameterCombination');
    assert.equal(e.message, 'The parameter instancesSet cannot be used with the parameter maxResults');
    assert.equal((await awsError(ec2.send(new DescribeInstancesCommand({ MaxResults: 4 })))).code, 'InvalidParameterValue');

    await runInstances(ec2, { SubnetId: net.subnetA2, MinCount: 6, MaxCount: 6 });
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken }));
      seen.push(...page.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!)));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.equal(pages, 2);
    assert.equal(seen.length, 8);
    assert.equal(new Set(seen).size, 8);
    assert.equal((await awsError(ec2.send(new DescribeInstancesCommand({ NextToken: 'garbage' })))).code, 'InvalidNextToken');
  });

  it('filters on the instance\'s own attributes', async () => {
    assert.deepEqual(await only('instance-id', [db.InstanceId!]), [db.InstanceId]);
    assert.deepEqual(await only('instance-type', ['t3.micro']), [db.InstanceId]);
    assert.deepEqual(await only('instance-type', ['t3.*']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('availability-zone', ['us-east-1b']), [db.InstanceId]);
    assert.deepEqual(await only('subnet-id', [net.subnetA]), [web.InstanceId]);
    assert.deepEqual(await only('vpc-id', [net.vpcId]), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('image-id', [AL2_X86]), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('reservation-id', [(await ec2.send(new DescribeInstancesCommand({}))).Reservations![1]!.ReservationId!]), [db.InstanceId]);
    assert.deepEqual(await only('client-token', ['web-token']), [web.InstanceId]);
    assert.deepEqual(await only('architecture', ['x86_64']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('launch-index', ['0']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('owner-id', ['123456789012']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('tag:Name', ['web']), [web.InstanceId]);
    assert.deepEqual(await only('tag-key', ['Name']), [web.InstanceId]);
    assert.deepEqual(await only('tag-value', ['w*']), [web.InstanceId]);
    assert.deepEqual(await only('hypervisor', ['xen']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('root-device-type', ['instance-store']), []);
    assert.deepEqual(await only('kernel-id', ['*']), [], 'no vpclite instance has a kernel');
    assert.deepEqual(await only('block-device-mapping.volume-id', [db.BlockDeviceMappings![0]!.Ebs!.VolumeId!]), [db.InstanceId]);
    assert.deepEqual(await only('block-device-mapping.device-name', ['/dev/xvda']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('metadata-options.http-tokens', ['optional']), [web.InstanceId, db.InstanceId]);
  });

  it('filters on states and state codes', async () => {
    await ec2.send(new StopInstancesCommand({ InstanceIds: [db.InstanceId!] }));
    assert.deepEqual(await only('instance-state-name', ['running']), [web.InstanceId]);
    assert.deepEqual(await only('instance-state-name', ['stopped']), [db.InstanceId]);
    assert.deepEqual(await only('instance-state-code', ['80']), [db.InstanceId]);
    assert.deepEqual(await only('instance-state-code', ['16', '80']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('state-reason-code', ['Client.UserInitiatedShutdown']), [db.InstanceId]);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [db.InstanceId!] }));
    assert.deepEqual(await only('instance-state-name', ['terminated']), [db.InstanceId]);
    assert.deepEqual(await only('subnet-id', [net.subnetB]), [], 'a terminated instance has left its subnet');
  });

  it('filters on the network section: eth0 for the instance-level names, every ENI for network-interface.*', async () => {
    const eth0 = web.NetworkInterfaces![0]!;
    assert.deepEqual(await only('private-ip-address', [web.PrivateIpAddress!]), [web.InstanceId]);
    assert.deepEqual(await only('private-ip-address', [web.NetworkInterfaces![1]!.PrivateIpAddress!]), [], 'only eth0\'s primary address');
    assert.deepEqual(await only('private-dns-name', [db.PrivateDnsName!]), [db.InstanceId]);
    assert.deepEqual(await only('ip-address', [web.PublicIpAddress!]), [web.InstanceId]);
    assert.deepEqual(await only('instance.group-id', [webGroup]), [web.InstanceId]);
    assert.deepEqual(await only('instance.group-name', ['default']), [db.InstanceId]);
    assert.deepEqual(await only('source-dest-check', ['true']), [web.InstanceId, db.InstanceId]);

    assert.deepEqual(await only('network-interface.network-interface-id', [extraEni]), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.description', ['second']), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.attachment.device-index', ['1']), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.attachment.attachment-id', [eth0.Attachment!.AttachmentId!]), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.attachment.delete-on-termination', ['false']), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.attachment.network-card-index', ['0']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('network-interface.attachment.status', ['attached']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('network-interface.subnet-id', [net.subnetB]), [db.InstanceId]);
    assert.deepEqual(await only('network-interface.mac-address', [eth0.MacAddress!]), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.group-id', [webGroup]), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.addresses.private-ip-address', [web.NetworkInterfaces![1]!.PrivateIpAddress!]), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.addresses.primary', ['true']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(
      await only('network-interface.addresses.private-dns-name', [web.NetworkInterfaces![1]!.PrivateDnsName!]),
      [web.InstanceId],
    );
    assert.deepEqual(await only('network-interface.status', ['in-use']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('network-interface.requester-managed', ['false']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('network-interface.association.ip-owner-id', ['amazon']), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.ipv6-native', ['false']), [web.InstanceId, db.InstanceId]);
    assert.deepEqual(await only('network-interface.association.carrier-ip', ['*']), []);
    await ec2.send(new CreateTagsCommand({ Resources: [extraEni], Tags: [{ Key: 'tier', Value: 'back' }] }));
    assert.deepEqual(await only('network-interface.tag-key', ['tier']), [web.InstanceId]);
    assert.deepEqual(await only('network-interface.tag-value', ['back']), [web.InstanceId]);
  });

  it('ANDs filters, ORs values, intersects with ids, and refuses unknown filter names', async () => {
    assert.deepEqual(await ids({ Name: 'instance-type', Values: ['t3.micro', 't3.small'] }, { Name: 'availability-zone', Values: ['us-east-1a'] }), [
      web.InstanceId,
    ]);
    const both = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [web.InstanceId!], Filters: [{ Name: 'instance-type', Values: ['t3.micro'] }] }));
    assert.deepEqual(both.Reservations, []);
    const e = await awsError(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'public-ip', Values: ['x'] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, "The filter 'public-ip' is invalid");
  });

  it('shows the instance network section as AWS does', async () => {
    const eth0 = web.NetworkInterfaces![0]!;
    assert.equal(eth0.Association!.IpOwnerId, 'amazon');
    assert.equal(eth0.Association!.PublicIp, web.PublicIpAddress);
    assert.equal((eth0.Attachment as Record<string, unknown>).InstanceId, undefined, 'no instanceId in the instance view');
    assert.equal((eth0.Association as Record<string, unknown>).AllocationId, undefined);
    assert.equal(eth0.PrivateIpAddresses![0]!.Primary, true);
    assert.deepEqual(web.SecurityGroups, [{ GroupId: webGroup, GroupName: 'web' }]);
    assert.equal(web.NetworkInterfaces![1]!.Description, 'second');
    assert.equal(web.NetworkInterfaces![1]!.Association, undefined);
  });

  it('shows each account only its own instances', async () => {
    const other = server.client({ accessKeyId: '111122223333' });
    const theirs = await runOne(other);
    assert.deepEqual((await other.send(new DescribeInstancesCommand({}))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId)), [theirs]);
    assert.deepEqual(await only('instance-id', [theirs]), []);
    const e = await awsError(ec2.send(new DescribeInstancesCommand({ InstanceIds: [theirs] })));
    assert.equal(e.code, 'InvalidInstanceID.NotFound');
    assert.deepEqual(
      (await other.send(new DescribeInstancesCommand({ Filters: [{ Name: 'network-interface.network-interface-id', Values: [extraEni] }] }))).Reservations,
      [],
    );
  });
});
