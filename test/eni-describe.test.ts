import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateVpcCommand,
  DescribeNetworkInterfacesCommand,
  ModifyNetworkInterfaceAttributeCommand,
  paginateDescribeNetworkInterfaces,
  type CreateNetworkInterfaceCommandInput,
  type EC2Client,
  type Filter,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { formatIpv6Cidr, parseIpv6Cidr } from '../src/net/ipv6.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import {
  associateForTest,
  bootstrap,
  defaultSubnet,
  createTestGroup,
  createTestSubnet,
  type SubnetInfo,
} from './helpers/eni-fixtures.js';
import { primaryEniOf, runOne } from './helpers/instance-fixtures.js';

const run = promisify(execFile);

describe('DescribeNetworkInterfaces: filters, ids, pagination', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let subnetA: SubnetInfo;
  let subnetB: SubnetInfo;

  const create = async (input: Partial<CreateNetworkInterfaceCommandInput> = {}) =>
    eniInSubnet(ec2, subnetA.id, input);
  /** ENIs a test makes only as a means (an instance's eth0), left out of idsFor's answers. */
  const ignored = new Set<string>();
  const idsFor = async (...filters: Filter[]): Promise<string[]> =>
    ((await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: filters }))).NetworkInterfaces ?? [])
      .map((e) => e.NetworkInterfaceId!)
      .filter((id) => !ignored.has(id))
      .sort();
  const ids = (...enis: NetworkInterface[]) => enis.map((e) => e.NetworkInterfaceId!).sort();

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    ignored.clear();
    await server.reset();
    await bootstrap(ec2);
    subnetA = await defaultSubnet(server, {}, 'us-east-1a');
    subnetB = await defaultSubnet(server, {}, 'us-east-1b');
  });

  it('serves every filter family of the API', async () => {
    const web = await createTestGroup(ec2, subnetA.vpc_id, 'web');
    const a = await create({
      Description: 'web front',
      Groups: [web],
      PrivateIpAddresses: [{ PrivateIpAddress: '172.31.1.10', Primary: true }, { PrivateIpAddress: '172.31.1.11' }],
      TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'tier', Value: 'front' }] }],
    });
    const b = await create({
      SubnetId: subnetB.id,
      Description: 'db',
      InterfaceType: 'efa',
      TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'db' }] }],
    });
    const c = await create({ Description: 'managed', Operator: { Principal: 'eks.amazonaws.com' } });
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    const v6 = formatIpv6Cidr({ base: parseIpv6Cidr(Vpc!.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlock!)!.base, prefix: 64 });
    const dual = await createTestSubnet(ec2, { vpcId: Vpc!.VpcId!, cidr: '10.40.1.0/24', ipv6Cidr: v6 });
    const d = await create({ SubnetId: dual, Ipv6AddressCount: 1 });
    const ipv6 = d.Ipv6Addresses![0]!.Ipv6Address!;

    // a is attached to an instance (whose own eth0 is not under test) and holds an Elastic IP.
    const instance = await runOne(ec2, { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetA.id, AssociatePublicIpAddress: false }] });
    ignored.add((await primaryEniOf(ec2, instance)).NetworkInterfaceId!);
    const { AttachmentId: attachmentId } = await ec2.send(
      new AttachNetworkInterfaceCommand({ InstanceId: instance, NetworkInterfaceId: a.NetworkInterfaceId!, DeviceIndex: 1 }),
    );
    const attachTime = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [a.NetworkInterfaceId!] })))
      .NetworkInterfaces![0]!.Attachment!.AttachTime!;
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const { AssociationId: eipAssociation } = await ec2.send(
      new AssociateAddressCommand({ AllocationId: eip.AllocationId, NetworkInterfaceId: a.NetworkInterfaceId }),
    );
    const eipDns = `ec2-${eip.PublicIp!.replaceAll('.', '-')}.compute-1.amazonaws.com`;
    // b and d hold auto-assigned addresses without being attached, which no launch leaves behind.
    await associateForTest(server, b.NetworkInterfaceId!, '203.0.113.5', 'amazon');
    await associateForTest(server, d.NetworkInterfaceId!, '203.0.113.6', 'amazon');
    await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: b.NetworkInterfaceId!, SourceDestCheck: { Value: false } }));
    await server.store.write((tx) =>
      tx.run(`UPDATE network_interfaces SET requester_managed = 1, requester_id = 'amazon-elb' WHERE id = ?`, [c.NetworkInterfaceId!]),
    );

    const f = (Name: string, ...Values: string[]): Filter => ({ Name, Values });
    const all = ids(a, b, c, d);
    const expectations: [Filter[], string[]][] = [
      [[f('addresses.association.owner-id', '123456789012')], ids(a)],
      [[f('addresses.association.owner-id', 'amazon')], ids(b, d)],
      [[f('addresses.association.public-ip', '203.0.113.5')], ids(b)],
      [[f('addresses.primary', 'false')], ids(a)],
      [[f('addresses.primary', 'true')], ids(a, b, c, d)],
      [[f('addresses.private-ip-address', '172.31.1.11')], ids(a)],
      [[f('association.allocation-id', eip.AllocationId!)], ids(a)],
      [[f('association.association-id', eipAssociation!)], ids(a)],
      [[f('association.ip-owner-id', 'amazon')], ids(b, d)],
      [[f('association.public-ip', eip.PublicIp!, '203.0.113.6')], ids(a, d)],
      [[f('association.public-dns-name', eipDns)], ids(a)],
      [[f('association.public-dns-name', 'ec2-203-0-113-*')], ids(b), /* d's VPC has no DNS hostnames */],
      [[f('attachment.attach-time', attachTime.toISOString())], ids(a)],
      [[f('attachment.attachment-id', attachmentId!)], ids(a)],
      [[f('attachment.delete-on-termination', 'false')], ids(a)],
      [[f('attachment.device-index', '1')], ids(a)],
      [[f('attachment.device-index', '-1')], []],
      [[f('attachment.instance-id', instance)], ids(a)],
      [[f('attachment.instance-owner-id', '123456789012')], ids(a)],
      [[f('attachment.status', 'attached')], ids(a)],
      [[f('availability-zone', 'us-east-1b')], ids(b)],
      [[f('availability-zone-id', 'use1-az1')], ids(a, c, d)],
      [[f('description', 'web front', 'db')], ids(a, b)],
      [[f('description', 'web*')], ids(a)],
      [[f('group-id', web)], ids(a)],
      [[f('group-name', 'default')], ids(b, c, d)],
      [[f('ipv6-addresses.ipv6-address', ipv6.toUpperCase())], ids(d)],
      [[f('interface-type', 'efa')], ids(b)],
      [[f('mac-address', c.MacAddress!)], ids(c)],
      [[f('network-interface-id', a.NetworkInterfaceId!, d.NetworkInterfaceId!)], ids(a, d)],
      [[f('operator.managed', 'true')], ids(c)],
      [[f('operator.managed', 'false')], ids(a, b, d)],
      [[f('operator.principal', 'eks.amazonaws.com')], ids(c)],
      [[f('owner-id', '123456789012')], all],
      [[f('private-dns-name', 'ip-172-31-1-10.ec2.internal')], ids(a)],
      [[f('private-ip-address', '172.31.1.11', d.PrivateIpAddress!)], ids(a, d)],
      [[f('private-ip-address', '10.40.*')], ids(d)],
      [[f('requester-id', 'amazon-elb')], ids(c)],
      [[f('requester-managed', 'true')], ids(c)],
      [[f('source-dest-check', 'false')], ids(b)],
      [[f('status', 'in-use')], ids(a)],
      [[f('status', 'available')], ids(b, c, d)],
      [[f('subnet-id', subnetB.id, dual)], ids(b, d)],
      [[f('tag:Name', 'web', 'db')], ids(a, b)],
      [[f('tag:Name', 'w?b')], ids(a)],
      [[f('tag-key', 'tier')], ids(a)],
      [[f('tag-value', 'db')], ids(b)],
      [[f('vpc-id', Vpc!.VpcId!)], ids(d)],
      [[f('vpc-id', subnetA.vpc_id), f('tag:Name', 'web', 'db'), f('availability-zone', 'us-east-1a')], ids(a)],
      [[f('status', 'available'), f('status', 'in-use')], []],
    ];
    for (const [filters, expected] of expectations) {
      assert.deepEqual(await idsFor(...filters), expected, JSON.stringify(filters));
    }

    const described = (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [a.NetworkInterfaceId!, d.NetworkInterfaceId!] })))
      .NetworkInterfaces!;
    const [da, dd] = described;
    assert.deepEqual(da!.Association, {
      PublicIp: eip.PublicIp,
      PublicDnsName: eipDns,
      IpOwnerId: '123456789012',
      AllocationId: eip.AllocationId,
      AssociationId: eipAssociation,
    });
    assert.deepEqual(da!.PrivateIpAddresses![0]!.Association, da!.Association);
    assert.equal(da!.Status, 'in-use');
    assert.deepEqual(da!.Attachment, {
      AttachmentId: attachmentId,
      InstanceId: instance,
      InstanceOwnerId: '123456789012',
      DeviceIndex: 1,
      NetworkCardIndex: 0,
      Status: 'attached',
      AttachTime: attachTime,
      DeleteOnTermination: false,
    });
    assert.deepEqual(dd!.Association, { PublicIp: '203.0.113.6', IpOwnerId: 'amazon' }, 'no public DNS name without DNS hostnames');

    const unknown = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [f('public-ip', '1.2.3.4')] })));
    assert.equal(unknown.code, 'InvalidParameterValue');
    assert.equal(unknown.message, "The filter 'public-ip' is invalid");
    const long = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [f('description', 'x'.repeat(256))] })));
    assert.equal(long.code, 'FilterLimitExceeded');
  });

  it('describes by id: unknown ids fail the call, malformed ids are refused, ids and filters intersect', async () => {
    const a = await create();
    const b = await create({ Description: 'b' });
    const both = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [b.NetworkInterfaceId!, a.NetworkInterfaceId!] }));
    assert.deepEqual(both.NetworkInterfaces!.map((e) => e.NetworkInterfaceId), [a.NetworkInterfaceId, b.NetworkInterfaceId], 'creation order');
    const filtered = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [a.NetworkInterfaceId!, b.NetworkInterfaceId!], Filters: [{ Name: 'description', Values: ['b'] }] }),
    );
    assert.deepEqual(filtered.NetworkInterfaces!.map((e) => e.NetworkInterfaceId), [b.NetworkInterfaceId]);
    const missing = await awsError(
      ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [a.NetworkInterfaceId!, 'eni-0123456789abcdef0', 'eni-0123456789abcdef1'] })),
    );
    assert.equal(missing.code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal(missing.message, "The networkInterface IDs 'eni-0123456789abcdef0, eni-0123456789abcdef1' do not exist");
    const legacy = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-1a2b3c4d'] })));
    assert.equal(legacy.code, 'InvalidNetworkInterfaceID.NotFound', 'eight-digit legacy ids are well formed');
    const malformed = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['i-0123456789abcdef0'] })));
    assert.equal(malformed.code, 'InvalidNetworkInterfaceId.Malformed');
  });

  it('pages in creation order with MaxResults 5-1000 and NextToken, never with ids', async () => {
    const created: string[] = [];
    for (let i = 0; i < 12; i++) created.push((await create({ Description: i % 2 ? 'odd' : 'even' })).NetworkInterfaceId!);
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 5, NextToken: token }));
      pages.push(page.NetworkInterfaces!.map((e) => e.NetworkInterfaceId!));
      token = page.NextToken;
    } while (token);
    assert.deepEqual(pages.map((p) => p.length), [5, 5, 2]);
    assert.deepEqual(pages.flat(), created);

    const odd: string[] = [];
    for await (const page of paginateDescribeNetworkInterfaces({ client: ec2, pageSize: 5 }, { Filters: [{ Name: 'description', Values: ['odd'] }] })) {
      odd.push(...page.NetworkInterfaces!.map((e) => e.NetworkInterfaceId!));
    }
    assert.deepEqual(odd, created.filter((_, i) => i % 2));
    const exact = await ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 12 }));
    assert.equal(exact.NetworkInterfaces!.length, 12);
    assert.equal(exact.NextToken, undefined, 'no token after the last page');

    for (const size of [4, 1001]) {
      const e = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: size })));
      assert.equal(e.code, 'InvalidParameterValue', String(size));
    }
    const withIds = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 5, NetworkInterfaceIds: [created[0]!] })));
    assert.equal(withIds.code, 'InvalidParameterCombination');
    const badToken = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: 5, NextToken: 'garbage' })));
    assert.equal(badToken.code, 'InvalidNextToken');
  });

  it("keeps accounts apart: another account never sees, filters or pages onto one's ENIs", async () => {
    const mine = await create({ Description: 'mine' });
    const other = server.client({ accessKeyId: '111122223333' });
    await bootstrap(other);
    const theirSubnet = await defaultSubnet(server, { account: '111122223333' });
    const theirs = await eniInSubnet(other, theirSubnet.id, { Description: 'mine' });
    assert.equal(theirs.OwnerId, '111122223333');
    assert.deepEqual(await idsFor({ Name: 'description', Values: ['mine'] }), [mine.NetworkInterfaceId]);
    const theirView = (await other.send(new DescribeNetworkInterfacesCommand({}))).NetworkInterfaces!;
    assert.deepEqual(theirView.map((e) => e.NetworkInterfaceId), [theirs.NetworkInterfaceId]);
    const e = await awsError(other.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [mine.NetworkInterfaceId!] })));
    assert.equal(e.code, 'InvalidNetworkInterfaceID.NotFound');
    const byFilter = await other.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'network-interface-id', Values: [mine.NetworkInterfaceId!] }] }));
    assert.deepEqual(byFilter.NetworkInterfaces, []);
  });

  it('answers the AWS CLI and boto3: pending on create, filters and automatic pagination', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' };
    const cli = async (...args: string[]) =>
      JSON.parse((await run('aws', ['ec2', ...args, '--endpoint-url', server.url, '--output', 'json'], { env })).stdout);
    const created = await cli('create-network-interface', '--subnet-id', subnetA.id, '--description', 'cli', '--secondary-private-ip-address-count', '2');
    assert.equal(created.NetworkInterface.Status, 'pending');
    assert.equal(created.NetworkInterface.PrivateIpAddresses.length, 3);
    for (let i = 0; i < 6; i++) await create({ Description: 'sdk' });
    const listed = await cli('describe-network-interfaces', '--filters', 'Name=description,Values=cli,sdk', '--page-size', '5');
    assert.equal(listed.NetworkInterfaces.length, 7, 'the CLI follows NextToken');
    assert.equal(listed.NetworkInterfaces[0].Status, 'available');

    const script = `
import boto3, json, sys
ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
pages = ec2.get_paginator('describe_network_interfaces').paginate(PaginationConfig={'PageSize': 5})
enis = [e for p in pages for e in p['NetworkInterfaces']]
one = ec2.describe_network_interfaces(Filters=[{'Name': 'description', 'Values': ['cli']}])['NetworkInterfaces'][0]
print(json.dumps({'count': len(enis), 'groups': one['Groups'], 'primary': one['PrivateIpAddresses'][0]['Primary'], 'mac': one['MacAddress']}))
`;
    const out = JSON.parse((await run('python3', ['-c', script, server.url])).stdout);
    assert.equal(out.count, 7);
    assert.equal(out.groups[0].GroupName, 'default');
    assert.equal(out.primary, true);
    assert.equal(out.mac, created.NetworkInterface.MacAddress);
  });
});
