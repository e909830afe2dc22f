import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeDhcpOptionsCommand,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';

describe('DescribeDhcpOptions', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const ids = async (filters: Filter[]) =>
    (await ec2.send(new DescribeDhcpOptionsCommand({ Filters: filters }))).DhcpOptions!.map((d) => d.DhcpOptionsId!);

  it('describes the default options set every VPC uses: ec2.internal and AmazonProvidedDNS in us-east-1', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    const { DhcpOptions } = await ec2.send(new DescribeDhcpOptionsCommand({}));
    assert.equal(DhcpOptions!.length, 1);
    assert.match(DhcpOptions![0]!.DhcpOptionsId!, /^dopt-[0-9a-f]{17}$/);
    assert.deepEqual(DhcpOptions![0], {
      DhcpOptionsId: Vpc!.DhcpOptionsId,
      OwnerId: DEFAULT_ACCOUNT,
      DhcpConfigurations: [
        { Key: 'domain-name', Values: [{ Value: 'ec2.internal' }] },
        { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
      ],
      Tags: [],
    });
  });

  it('uses <region>.compute.internal outside us-east-1', async () => {
    const { DhcpOptions } = await server.client({ region: 'eu-west-1' }).send(new DescribeDhcpOptionsCommand({}));
    assert.deepEqual(DhcpOptions![0]!.DhcpConfigurations![0], { Key: 'domain-name', Values: [{ Value: 'eu-west-1.compute.internal' }] });
  });

  it('supports ids, the filters dhcp-options-id, key, value, owner-id and tags', async () => {
    const [id] = await ids([]);
    await ec2.send(new CreateTagsCommand({ Resources: [id!], Tags: [{ Key: 'Name', Value: 'default' }] }));
    assert.deepEqual(
      (await ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [id!] }))).DhcpOptions![0]!.Tags,
      [{ Key: 'Name', Value: 'default' }],
    );
    assert.deepEqual(await ids([{ Name: 'dhcp-options-id', Values: [id!] }]), [id]);
    assert.deepEqual(await ids([{ Name: 'dhcp-options-id', Values: ['dopt-0123456789abcdef0'] }]), []);
    assert.deepEqual(await ids([{ Name: 'key', Values: ['domain-name-servers'] }]), [id]);
    assert.deepEqual(await ids([{ Name: 'key', Values: ['ntp-servers'] }]), []);
    assert.deepEqual(await ids([{ Name: 'value', Values: ['*.internal'] }]), [id]);
    assert.deepEqual(await ids([{ Name: 'value', Values: ['8.8.8.8'] }]), []);
    assert.deepEqual(await ids([{ Name: 'owner-id', Values: [DEFAULT_ACCOUNT] }]), [id]);
    assert.deepEqual(await ids([{ Name: 'tag:Name', Values: ['default'] }]), [id]);
    assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Other'] }]), []);
    const unknownFilter = await awsError(ec2.send(new DescribeDhcpOptionsCommand({ Filters: [{ Name: 'vpc-id', Values: ['x'] }] })));
    assert.equal(unknownFilter.code, 'InvalidParameterValue');
    const e = await awsError(ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [id!, 'dopt-0123456789abcdef0'] })));
    assert.equal(e.code, 'InvalidDhcpOptionID.NotFound');
    assert.equal(e.message, "The dhcpOption ID 'dopt-0123456789abcdef0' does not exist");
    const bad = await awsError(ec2.send(new DescribeDhcpOptionsCommand({ MaxResults: 4 })));
    assert.equal(bad.code, 'InvalidParameterValue');
    assert.equal((await ec2.send(new DescribeDhcpOptionsCommand({ MaxResults: 5 }))).NextToken, undefined);
  });

  it('keeps accounts apart', async () => {
    const [mine] = await ids([]);
    const other = server.client({ accessKeyId: '111122223333' });
    const e = await awsError(other.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [mine!] })));
    assert.equal(e.code, 'InvalidDhcpOptionID.NotFound');
    const { DhcpOptions } = await other.send(new DescribeDhcpOptionsCommand({}));
    assert.equal(DhcpOptions!.length, 1);
    assert.equal(DhcpOptions![0]!.OwnerId, '111122223333');
    assert.notEqual(DhcpOptions![0]!.DhcpOptionsId, mine);
  });
});
