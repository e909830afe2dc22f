import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateNetworkAclCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteTagsCommand,
  DescribeDhcpOptionsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
  type Tag,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { query } from './helpers/seed.js';

describe('Tags', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const newVpc = async (cidr = '10.0.0.0/16') => (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  const tagsOf = async (resourceId: string, client = ec2): Promise<Tag[]> =>
    (await client.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [resourceId] }] }))).Tags!.map(
      (t) => ({ Key: t.Key, Value: t.Value }),
    );
  const describeTags = async (filters: Filter[]) =>
    (await ec2.send(new DescribeTagsCommand({ Filters: filters }))).Tags!.map((t) => `${t.ResourceId}:${t.Key}=${t.Value}`);

  /** One resource of every type vpclite has, found through the reads of this branch. */
  async function oneOfEach(): Promise<Record<string, string>> {
    const vpc = await newVpc();
    const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
    const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }] }));
    const defaultAcl = NetworkAcls!.find((a) => a.Associations!.length > 0)!;
    const { InternetGateways } = await ec2.send(new DescribeInternetGatewaysCommand({}));
    const { DhcpOptions } = await ec2.send(new DescribeDhcpOptionsCommand({}));
    const [group] = await query<{ id: string }>(server, 'SELECT id FROM security_groups WHERE vpc_id = ?', [vpc]);
    const [rule] = await query<{ id: string }>(server, 'SELECT id FROM security_group_rules WHERE group_id = ?', [group!.id]);
    return {
      vpc,
      subnet: defaultAcl.Associations![0]!.SubnetId!,
      'security-group': group!.id,
      'security-group-rule': rule!.id,
      'route-table': RouteTables![0]!.RouteTableId!,
      'network-acl': defaultAcl.NetworkAclId!,
      'internet-gateway': InternetGateways![0]!.InternetGatewayId!,
      'dhcp-options': DhcpOptions![0]!.DhcpOptionsId!,
    };
  }

  it('tags a resource of every type and DescribeTags reports each with its resource type', async () => {
    const resources = await oneOfEach();
    await ec2.send(
      new CreateTagsCommand({ Resources: Object.values(resources), Tags: [{ Key: 'Env', Value: 'test' }, { Key: 'Empty' }] }),
    );
    const { Tags } = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['Env'] }] }));
    assert.deepEqual(
      Tags!.map((t) => [t.ResourceType, t.ResourceId, t.Key, t.Value]).sort(),
      Object.entries(resources).map(([type, id]) => [type, id, 'Env', 'test']).sort(),
    );
    assert.deepEqual(await tagsOf(resources.vpc!), [{ Key: 'Env', Value: 'test' }, { Key: 'Empty', Value: '' }]);
    const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [resources.vpc!] }))).Vpcs![0]!;
    assert.deepEqual(vpc.Tags, [{ Key: 'Empty', Value: '' }, { Key: 'Env', Value: 'test' }]);
  });

  it('overwrites the value of an existing key', async () => {
    const vpc = await newVpc();
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Name', Value: 'one' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Name', Value: 'two' }] }));
    assert.deepEqual(await tagsOf(vpc), [{ Key: 'Name', Value: 'two' }]);
  });

  it('allows 50 tags per resource and refuses the 51st with TagLimitExceeded, changing nothing', async () => {
    const [a, b] = [await newVpc('10.0.0.0/16'), await newVpc('10.1.0.0/16')];
    const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
    await ec2.send(new CreateTagsCommand({ Resources: [a], Tags: tags(0, 50) }));
    assert.equal((await tagsOf(a)).length, 50);
    const e = await awsError(ec2.send(new CreateTagsCommand({ Resources: [b, a], Tags: tags(50, 1) })));
    assert.equal(e.code, 'TagLimitExceeded');
    assert.equal((await tagsOf(a)).length, 50);
    assert.deepEqual(await tagsOf(b), [], 'the request is all or nothing');
    await ec2.send(new CreateTagsCommand({ Resources: [a], Tags: [{ Key: 'k0', Value: 'overwritten' }] }));
    const many = await awsError(ec2.send(new CreateTagsCommand({ Resources: [b], Tags: tags(0, 51) })));
    assert.equal(many.code, 'TagLimitExceeded');
  });

  it('enforces the key and value rules', async () => {
    const vpc = await newVpc();
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Ünïcödé-🙂', Value: '🙂'.repeat(256) }] }));
    for (const tag of [
      { Key: 'aws:cloudformation:stack-name', Value: 'x' },
      { Key: 'AWS:Name', Value: 'x' },
      { Key: 'k'.repeat(129), Value: 'x' },
      { Key: 'Name', Value: 'v'.repeat(257) },
      { Key: '', Value: 'x' },
    ]) {
      const e = await awsError(ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [tag] })));
      assert.equal(e.code, 'InvalidParameterValue', JSON.stringify(tag).slice(0, 60));
    }
    assert.equal((await tagsOf(vpc)).length, 2);
  });

  it('answers the type\'s NotFound for unknown or foreign ids and InvalidID for malformed ones', async () => {
    const vpc = await newVpc();
    const cases: [string, string][] = [
      ['vpc-0123456789abcdef0', 'InvalidVpcID.NotFound'],
      ['subnet-0123456789abcdef0', 'InvalidSubnetID.NotFound'],
      ['sg-0123456789abcdef0', 'InvalidGroup.NotFound'],
      ['rtb-0123456789abcdef0', 'InvalidRouteTableID.NotFound'],
      ['acl-0123456789abcdef0', 'InvalidNetworkAclID.NotFound'],
      ['igw-0123456789abcdef0', 'InvalidInternetGatewayID.NotFound'],
      ['dopt-0123456789abcdef0', 'InvalidDhcpOptionID.NotFound'],
      ['vpc-12345', 'InvalidID'],
      ['vpc-0123456789ABCDEF0', 'InvalidID'],
      ['foo', 'InvalidID'],
      ['xyz-0123456789abcdef0', 'InvalidID'],
    ];
    for (const [id, code] of cases) {
      const e = await awsError(ec2.send(new CreateTagsCommand({ Resources: [vpc, id], Tags: [{ Key: 'a', Value: 'b' }] })));
      assert.equal(e.code, code, id);
      assert.equal(e.status, 400);
    }
    const e = await awsError(
      ec2.send(new CreateTagsCommand({ Resources: ['vpc-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    assert.equal(e.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    const malformed = await awsError(ec2.send(new CreateTagsCommand({ Resources: ['foo'], Tags: [{ Key: 'a', Value: 'b' }] })));
    assert.equal(malformed.message, "The ID 'foo' is not valid");
    assert.deepEqual(await tagsOf(vpc), [], 'a failed request tags nothing');

    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(other.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'a', Value: 'b' }] })));
    assert.equal(foreign.code, 'InvalidVpcID.NotFound');
    const foreignDelete = await awsError(other.send(new DeleteTagsCommand({ Resources: [vpc] })));
    assert.equal(foreignDelete.code, 'InvalidVpcID.NotFound');
  });

  it('DeleteTags: a key alone deletes any value, a key with a value only that value, an empty value only an empty one', async () => {
    const vpc = await newVpc();
    const reset = () =>
      ec2.send(
        new CreateTagsCommand({
          Resources: [vpc],
          Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }, { Key: 'd', Value: '4' }],
        }),
      );
    await reset();
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'a' }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'b', Value: 'other' }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'd', Value: '' }] }));
    assert.deepEqual((await tagsOf(vpc)).map((t) => t.Key), ['b', 'c', 'd']);
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'b', Value: '2' }, { Key: 'c', Value: '' }] }));
    assert.deepEqual((await tagsOf(vpc)).map((t) => t.Key), ['d']);
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'never-there' }] }));
    await reset();
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc] }));
    assert.deepEqual(await tagsOf(vpc), [], 'without Tag.N every tag goes');
    const e = await awsError(ec2.send(new DeleteTagsCommand({ Resources: ['rtb-0123456789abcdef0'] })));
    assert.equal(e.code, 'InvalidRouteTableID.NotFound');
  });

  it('filters DescribeTags by key, value, resource-id, resource-type and tag:<key>, with wildcards', async () => {
    const vpc = await newVpc();
    const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpc }));
    const acl = NetworkAcl!.NetworkAclId!;
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'Team', Value: 'blue' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [acl], Tags: [{ Key: 'Name', Value: 'web-acl' }, { Key: 'Tier', Value: 'db' }] }));

    assert.deepEqual(await describeTags([{ Name: 'key', Values: ['Name'] }]), [`${vpc}:Name=web`, `${acl}:Name=web-acl`]);
    assert.deepEqual(await describeTags([{ Name: 'key', Values: ['T*'] }]), [`${vpc}:Team=blue`, `${acl}:Tier=db`]);
    assert.deepEqual(await describeTags([{ Name: 'value', Values: ['web*'] }]), [`${vpc}:Name=web`, `${acl}:Name=web-acl`]);
    assert.deepEqual(await describeTags([{ Name: 'value', Values: ['we?'] }]), [`${vpc}:Name=web`]);
    assert.deepEqual(await describeTags([{ Name: 'resource-id', Values: [acl] }]), [`${acl}:Name=web-acl`, `${acl}:Tier=db`]);
    assert.deepEqual(await describeTags([{ Name: 'resource-type', Values: ['vpc'] }]), [`${vpc}:Name=web`, `${vpc}:Team=blue`]);
    assert.deepEqual(
      await describeTags([{ Name: 'tag:Team', Values: ['blue'] }]),
      [`${vpc}:Name=web`, `${vpc}:Team=blue`],
      'tag:<key> keeps the tags of resources carrying that tag',
    );
    assert.deepEqual(
      await describeTags([
        { Name: 'key', Values: ['Name'] },
        { Name: 'resource-type', Values: ['network-acl', 'subnet'] },
      ]),
      [`${acl}:Name=web-acl`],
      'filters are ANDed, values ORed',
    );
    assert.deepEqual(await describeTags([{ Name: 'key', Values: ['name'] }]), [], 'matching is case-sensitive');
    for (const name of ['tag-key', 'resource', 'owner-id']) {
      const e = await awsError(ec2.send(new DescribeTagsCommand({ Filters: [{ Name: name, Values: ['x'] }] })));
      assert.equal(e.code, 'InvalidParameterValue', name);
    }
  });

  it('pages DescribeTags with MaxResults 5-1000 and NextToken', async () => {
    const vpc = await newVpc();
    const keys = Array.from({ length: 12 }, (_, i) => `key-${String(i).padStart(2, '0')}`);
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: keys.map((Key) => ({ Key, Value: 'v' })) }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(
        new DescribeTagsCommand({ MaxResults: 5, NextToken: token, Filters: [{ Name: 'resource-id', Values: [vpc] }] }),
      );
      assert.ok(page.Tags!.length <= 5);
      seen.push(...page.Tags!.map((t) => t.Key!));
      token = page.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen, keys);
    for (const max of [4, 1001]) {
      const e = await awsError(ec2.send(new DescribeTagsCommand({ MaxResults: max })));
      assert.equal(e.code, 'InvalidParameterValue', String(max));
    }
    const bad = await awsError(ec2.send(new DescribeTagsCommand({ NextToken: 'not-a-token' })));
    assert.equal(bad.code, 'InvalidNextToken');
  });

  it('keeps accounts and regions apart', async () => {
    const vpc = await newVpc();
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Owner', Value: 'me' }] }));
    const other = server.client({ accessKeyId: '111122223333' });
    const west = server.client({ region: 'us-west-2' });
    for (const client of [other, west]) {
      const { Tags } = await client.send(new DescribeTagsCommand({}));
      assert.deepEqual(Tags, []);
      const e = await awsError(client.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'a', Value: 'b' }] })));
      assert.equal(e.code, 'InvalidVpcID.NotFound');
    }
  });

  it('validates and changes nothing on a dry run', async () => {
    const vpc = await newVpc();
    const e = await awsError(ec2.send(new CreateTagsCommand({ DryRun: true, Resources: [vpc], Tags: [{ Key: 'a', Value: 'b' }] })));
    assert.equal(e.code, 'DryRunOperation');
    assert.deepEqual(await tagsOf(vpc), []);
    const invalid = await awsError(
      ec2.send(new CreateTagsCommand({ DryRun: true, Resources: ['vpc-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    assert.equal(invalid.code, 'InvalidVpcID.NotFound');
  });
});
