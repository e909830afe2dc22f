import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateVpcCidrBlockCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeVpcsCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  type CreateNetworkAclEntryCommandInput,
  type EC2Client,
  type Filter,
  type NetworkAclEntry,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { DEFAULT_ACCOUNT } from './helpers/seed.js';

const allow = (ruleNumber: number, egress: boolean, cidr: string): NetworkAclEntry =>
  cidr.includes(':')
    ? { RuleNumber: ruleNumber, Protocol: '-1', RuleAction: 'allow', Egress: egress, Ipv6CidrBlock: cidr }
    : { RuleNumber: ruleNumber, Protocol: '-1', RuleAction: 'allow', Egress: egress, CidrBlock: cidr };
const deny = (ruleNumber: number, egress: boolean, cidr: string): NetworkAclEntry => ({
  ...allow(ruleNumber, egress, cidr),
  RuleAction: 'deny',
});

describe('Network ACLs', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const newVpc = async (cidr = '10.0.0.0/16', ipv6 = false) =>
    (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc!.VpcId!;
  const defaultAclOf = async (vpcId: string) => {
    const { NetworkAcls } = await ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'default', Values: ['true'] },
          { Name: 'vpc-id', Values: [vpcId] },
        ],
      }),
    );
    assert.equal(NetworkAcls!.length, 1);
    return NetworkAcls![0]!;
  };
  const defaultVpc = async () =>
    (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
  const ids = async (filters: Filter[]) =>
    (await ec2.send(new DescribeNetworkAclsCommand({ Filters: filters }))).NetworkAcls!.map((a) => a.NetworkAclId!).sort();
  const aclsIn = async (vpcId: string) => ids([{ Name: 'vpc-id', Values: [vpcId] }]);

  it('gives a new IPv4 VPC its default ACL: rule 100 allows all, the * rule denies, both ways', async () => {
    const vpcId = await newVpc();
    const acl = await defaultAclOf(vpcId);
    assert.match(acl.NetworkAclId!, /^acl-[0-9a-f]{17}$/);
    assert.deepEqual(acl, {
      NetworkAclId: acl.NetworkAclId,
      VpcId: vpcId,
      OwnerId: DEFAULT_ACCOUNT,
      IsDefault: true,
      Entries: [
        allow(100, true, '0.0.0.0/0'),
        deny(32767, true, '0.0.0.0/0'),
        allow(100, false, '0.0.0.0/0'),
        deny(32767, false, '0.0.0.0/0'),
      ],
      Associations: [],
      Tags: [],
    });
  });

  it('adds the IPv6 rules 101 and 32768 to the default ACL of a VPC with IPv6', async () => {
    const acl = await defaultAclOf(await newVpc('10.1.0.0/16', true));
    assert.deepEqual(acl.Entries, [
      allow(100, true, '0.0.0.0/0'),
      allow(101, true, '::/0'),
      deny(32767, true, '0.0.0.0/0'),
      deny(32768, true, '::/0'),
      allow(100, false, '0.0.0.0/0'),
      allow(101, false, '::/0'),
      deny(32767, false, '0.0.0.0/0'),
      deny(32768, false, '::/0'),
    ]);
  });

  it('associates every subnet of the default VPC with its default ACL', async () => {
    const acl = await defaultAclOf(await defaultVpc());
    assert.equal(acl.Associations!.length, 6, 'one default subnet per us-east-1 zone');
    for (const association of acl.Associations!) {
      assert.match(association.NetworkAclAssociationId!, /^aclassoc-[0-9a-f]{17}$/);
      assert.match(association.SubnetId!, /^subnet-[0-9a-f]{17}$/);
      assert.equal(association.NetworkAclId, acl.NetworkAclId);
    }
  });

  it('creates a custom ACL that denies everything, with its tags, and echoes the client token', async () => {
    const vpcId = await newVpc();
    const { NetworkAcl } = await ec2.send(
      new CreateNetworkAclCommand({
        VpcId: vpcId,
        TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'Name', Value: 'private' }] }],
      }),
    );
    assert.deepEqual(NetworkAcl, {
      NetworkAclId: NetworkAcl!.NetworkAclId,
      VpcId: vpcId,
      OwnerId: DEFAULT_ACCOUNT,
      IsDefault: false,
      Entries: [deny(32767, true, '0.0.0.0/0'), deny(32767, false, '0.0.0.0/0')],
      Associations: [],
      Tags: [{ Key: 'Name', Value: 'private' }],
    });
    const described = await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAcl!.NetworkAclId!] }));
    assert.deepEqual(described.NetworkAcls![0], NetworkAcl);
    const withIpv6 = await ec2.send(new CreateNetworkAclCommand({ VpcId: await newVpc('10.1.0.0/16', true), ClientToken: 't-1' }));
    assert.equal(withIpv6.ClientToken, 't-1', 'the token is echoed (the SDK sends a fresh one when none is given)');
    assert.deepEqual(withIpv6.NetworkAcl!.Entries, [
      deny(32767, true, '0.0.0.0/0'), deny(32768, true, '::/0'), deny(32767, false, '0.0.0.0/0'), deny(32768, false, '::/0'),
    ]);
  });

  it('refuses an unknown or malformed VPC and a foreign tag resource type', async () => {
    const missing = await awsError(ec2.send(new CreateNetworkAclCommand({ VpcId: 'vpc-0123456789abcdef0' })));
    assert.equal(missing.code, 'InvalidVpcID.NotFound');
    const malformed = await awsError(ec2.send(new CreateNetworkAclCommand({ VpcId: 'my-vpc' })));
    assert.equal(malformed.code, 'InvalidVpcID.Malformed');
    const vpcId = await newVpc();
    const wrongType = await awsError(
      ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })),
    );
    assert.equal(wrongType.code, 'InvalidParameterValue');
    assert.equal((await aclsIn(vpcId)).length, 1, 'nothing was created');
    const foreign = await awsError(server.client({ accessKeyId: '111122223333' }).send(new CreateNetworkAclCommand({ VpcId: vpcId })));
    assert.equal(foreign.code, 'InvalidVpcID.NotFound');
  });

  describe('ClientToken', () => {
    it('answers a retry with the same token and parameters with the same ACL and creates nothing', async () => {
      const vpcId = await newVpc();
      const first = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId, ClientToken: 'retry-me' }));
      const again = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId, ClientToken: 'retry-me' }));
      assert.equal(again.NetworkAcl!.NetworkAclId, first.NetworkAcl!.NetworkAclId);
      assert.equal(again.ClientToken, 'retry-me');
      assert.equal((await aclsIn(vpcId)).length, 2, 'the default ACL and one custom ACL');
      const other = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId, ClientToken: 'another' }));
      assert.notEqual(other.NetworkAcl!.NetworkAclId, first.NetworkAcl!.NetworkAclId);
    });

    it('refuses the same token with other parameters with IdempotentParameterMismatch', async () => {
      const [a, b] = [await newVpc('10.0.0.0/16'), await newVpc('10.1.0.0/16')];
      await ec2.send(new CreateNetworkAclCommand({ VpcId: a, ClientToken: 'tok' }));
      const e = await awsError(ec2.send(new CreateNetworkAclCommand({ VpcId: b, ClientToken: 'tok' })));
      assert.equal(e.code, 'IdempotentParameterMismatch');
      assert.equal(e.status, 400);
      const tagged = await awsError(
        ec2.send(
          new CreateNetworkAclCommand({
            VpcId: a,
            ClientToken: 'tok',
            TagSpecifications: [{ ResourceType: 'network-acl', Tags: [{ Key: 'a', Value: 'b' }] }],
          }),
        ),
      );
      assert.equal(tagged.code, 'IdempotentParameterMismatch');
      assert.equal((await aclsIn(b)).length, 1);
    });

    it('does not consume a token on a dry run', async () => {
      const [a, b] = [await newVpc('10.0.0.0/16'), await newVpc('10.1.0.0/16')];
      const dry = await awsError(ec2.send(new CreateNetworkAclCommand({ VpcId: a, ClientToken: 'dry', DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      assert.equal((await aclsIn(a)).length, 1, 'the dry run created nothing');
      const real = await ec2.send(new CreateNetworkAclCommand({ VpcId: b, ClientToken: 'dry' }));
      assert.equal(real.NetworkAcl!.VpcId, b, 'the token was still free');
      const e = await awsError(ec2.send(new CreateNetworkAclCommand({ VpcId: a, ClientToken: 'dry' })));
      assert.equal(e.code, 'IdempotentParameterMismatch', 'the real call took it');
    });

    it('scopes tokens to the account', async () => {
      const mine = await ec2.send(new CreateNetworkAclCommand({ VpcId: await newVpc(), ClientToken: 'shared' }));
      const other = server.client({ accessKeyId: '111122223333' });
      const otherVpc = (await other.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
      const theirs = await other.send(new CreateNetworkAclCommand({ VpcId: otherVpc, ClientToken: 'shared' }));
      assert.notEqual(theirs.NetworkAcl!.NetworkAclId, mine.NetworkAcl!.NetworkAclId);
      assert.equal(theirs.NetworkAcl!.OwnerId, '111122223333');
    });
  });

  describe('DeleteNetworkAcl', () => {
    it('deletes a custom ACL, after which it is not found and its VPC can go', async () => {
      const vpcId = await newVpc();
      const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }));
      const blocked = await awsError(ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
      assert.equal(blocked.code, 'DependencyViolation', 'a custom ACL keeps its VPC');
      await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: NetworkAcl!.NetworkAclId! }));
      const e = await awsError(ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAcl!.NetworkAclId!] })));
      assert.equal(e.code, 'InvalidNetworkAclID.NotFound');
      assert.equal(e.message, `The networkAcl ID '${NetworkAcl!.NetworkAclId}' does not exist`);
      await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    });

    it('never deletes a default ACL', async () => {
      const acl = await defaultAclOf(await newVpc());
      const e = await awsError(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: acl.NetworkAclId! })));
      assert.equal(e.code, 'InvalidParameterValue');
      await defaultAclOf(acl.VpcId!);
    });

    it('refuses while a subnet is associated', async () => {
      const vpcId = await defaultVpc();
      const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }));
      const associationId = (await defaultAclOf(vpcId)).Associations![0]!.NetworkAclAssociationId!;
      await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: associationId, NetworkAclId: NetworkAcl!.NetworkAclId! }));
      const e = await awsError(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: NetworkAcl!.NetworkAclId! })));
      assert.equal(e.code, 'DependencyViolation');
      assert.equal(e.message, `The networkAcl '${NetworkAcl!.NetworkAclId}' has dependencies and cannot be deleted.`);
    });

    it('answers NotFound for unknown and foreign ids and Malformed for malformed ones', async () => {
      const missing = await awsError(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: 'acl-0123456789abcdef0' })));
      assert.equal(missing.code, 'InvalidNetworkAclID.NotFound');
      const malformed = await awsError(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: 'rtb-0123456789abcdef0' })));
      assert.equal(malformed.code, 'InvalidNetworkAclId.Malformed');
      const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: await newVpc() }));
      const other = server.client({ accessKeyId: '111122223333' });
      const foreign = await awsError(other.send(new DeleteNetworkAclCommand({ NetworkAclId: NetworkAcl!.NetworkAclId! })));
      assert.equal(foreign.code, 'InvalidNetworkAclID.NotFound');
      const dry = await awsError(ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: NetworkAcl!.NetworkAclId!, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAcl!.NetworkAclId!] }));
    });
  });

  describe('DescribeNetworkAcls', () => {
    /** A custom ACL with TCP, ICMP and IPv6 entries. */
    async function addEntries(aclId: string): Promise<void> {
      const entries: Omit<CreateNetworkAclEntryCommandInput, 'NetworkAclId'>[] = [
        { RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.0/8', PortRange: { From: 443, To: 443 } },
        { RuleNumber: 110, Egress: false, Protocol: '1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: -1 } },
        { RuleNumber: 120, Egress: true, Protocol: '17', RuleAction: 'deny', CidrBlock: '192.168.0.0/16', PortRange: { From: 1024, To: 65535 } },
        { RuleNumber: 130, Egress: true, Protocol: '58', RuleAction: 'allow', Ipv6CidrBlock: '2001:db8::/32', IcmpTypeCode: { Type: 128, Code: 0 } },
      ];
      for (const entry of entries) await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, ...entry }));
    }

    it('shows port ranges for TCP and UDP and ICMP type and code for ICMP entries', async () => {
      const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: await newVpc() }));
      await addEntries(NetworkAcl!.NetworkAclId!);
      const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [NetworkAcl!.NetworkAclId!] }));
      assert.deepEqual(NetworkAcls![0]!.Entries, [
        { RuleNumber: 120, Protocol: '17', RuleAction: 'deny', Egress: true, CidrBlock: '192.168.0.0/16', PortRange: { From: 1024, To: 65535 } },
        { RuleNumber: 130, Protocol: '58', RuleAction: 'allow', Egress: true, Ipv6CidrBlock: '2001:db8::/32', IcmpTypeCode: { Type: 128, Code: 0 } },
        deny(32767, true, '0.0.0.0/0'),
        { RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/8', PortRange: { From: 443, To: 443 } },
        { RuleNumber: 110, Protocol: '1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: -1 } },
        deny(32767, false, '0.0.0.0/0'),
      ]);
    });

    it('supports every filter of the spec', async () => {
      const vpcId = await newVpc();
      const defaultVpcId = await defaultVpc();
      const own = (await defaultAclOf(vpcId)).NetworkAclId!;
      const defaultVpcAcl = await defaultAclOf(defaultVpcId);
      const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }));
      const custom = NetworkAcl!.NetworkAclId!;
      await addEntries(custom);
      await ec2.send(new CreateTagsCommand({ Resources: [custom], Tags: [{ Key: 'Tier', Value: 'db' }] }));
      const association = defaultVpcAcl.Associations![0]!;
      const sorted = (...values: string[]) => [...values].sort();
      const everyAcl = sorted(own, custom, defaultVpcAcl.NetworkAclId!);

      assert.deepEqual(await ids([{ Name: 'default', Values: ['true'] }]), sorted(own, defaultVpcAcl.NetworkAclId!));
      assert.deepEqual(await ids([{ Name: 'default', Values: ['false'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'vpc-id', Values: [vpcId] }]), sorted(own, custom));
      assert.deepEqual(await ids([{ Name: 'network-acl-id', Values: [custom, 'acl-0123456789abcdef0'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'owner-id', Values: [DEFAULT_ACCOUNT] }]), everyAcl);
      assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: [association.SubnetId!] }]), [defaultVpcAcl.NetworkAclId!]);
      assert.deepEqual(await ids([{ Name: 'association.association-id', Values: [association.NetworkAclAssociationId!] }]), [defaultVpcAcl.NetworkAclId!]);
      assert.deepEqual(await ids([{ Name: 'association.network-acl-id', Values: ['acl-*'] }]), [defaultVpcAcl.NetworkAclId!]);
      assert.deepEqual(await ids([{ Name: 'entry.cidr', Values: ['10.0.0.0/8'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.cidr', Values: ['0.0.0.0/0'] }]), everyAcl);
      assert.deepEqual(await ids([{ Name: 'entry.ipv6-cidr', Values: ['2001:db8::/32'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.protocol', Values: ['tcp'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.protocol', Values: ['17'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.protocol', Values: ['-1'] }]), everyAcl);
      assert.deepEqual(await ids([{ Name: 'entry.port-range.from', Values: ['443'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.port-range.to', Values: ['65535'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.port-range.to', Values: ['80'] }]), []);
      assert.deepEqual(await ids([{ Name: 'entry.icmp.type', Values: ['8'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.icmp.code', Values: ['0'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.rule-action', Values: ['allow'] }]), everyAcl);
      assert.deepEqual(await ids([{ Name: 'entry.rule-number', Values: ['100'] }]), everyAcl);
      assert.deepEqual(await ids([{ Name: 'entry.rule-number', Values: ['130'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'entry.egress', Values: ['true'] }]), everyAcl);
      assert.deepEqual(
        await ids([
          { Name: 'entry.rule-action', Values: ['deny'] },
          { Name: 'entry.cidr', Values: ['192.168.*'] },
        ]),
        [custom],
      );
      assert.deepEqual(await ids([{ Name: 'tag:Tier', Values: ['db'] }]), [custom]);
      assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['Tier'] }]), [custom]);
      const e = await awsError(ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'entry.port', Values: ['1'] }] })));
      assert.equal(e.code, 'InvalidParameterValue');
    });

    it('fails the whole call for an unknown id and pages with MaxResults 5-1000', async () => {
      const vpcId = await newVpc();
      for (let i = 0; i < 4; i++) await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }));
      const all = (await ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls!.map((a) => a.NetworkAclId!);
      assert.equal(all.length, 6);
      const e = await awsError(ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [all[0]!, 'acl-0123456789abcdef0'] })));
      assert.equal(e.code, 'InvalidNetworkAclID.NotFound');
      const first = await ec2.send(new DescribeNetworkAclsCommand({ MaxResults: 5 }));
      const second = await ec2.send(new DescribeNetworkAclsCommand({ MaxResults: 5, NextToken: first.NextToken }));
      assert.equal(second.NextToken, undefined);
      assert.deepEqual([...first.NetworkAcls!, ...second.NetworkAcls!].map((a) => a.NetworkAclId), all);
      for (const max of [4, 1001]) {
        const bad = await awsError(ec2.send(new DescribeNetworkAclsCommand({ MaxResults: max })));
        assert.equal(bad.code, 'InvalidParameterValue', String(max));
      }
    });

    it('keeps accounts apart', async () => {
      const acl = await defaultAclOf(await defaultVpc());
      const other = server.client({ accessKeyId: '111122223333' });
      const e = await awsError(other.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [acl.NetworkAclId!] })));
      assert.equal(e.code, 'InvalidNetworkAclID.NotFound');
      const { NetworkAcls } = await other.send(new DescribeNetworkAclsCommand({}));
      assert.equal(NetworkAcls!.length, 1);
      assert.equal(NetworkAcls![0]!.OwnerId, '111122223333');
    });
  });

  describe('CreateNetworkAclEntry', () => {
    const customAcl = async (ipv6 = false) =>
      (await ec2.send(new CreateNetworkAclCommand({ VpcId: await newVpc('10.0.0.0/16', ipv6) }))).NetworkAcl!.NetworkAclId!;
    const entriesOf = async (aclId: string) =>
      (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }))).NetworkAcls![0]!.Entries!;
    const userEntries = async (aclId: string) => (await entriesOf(aclId)).filter((e) => e.RuleNumber! < 32767);
    const create = (aclId: string, entry: Omit<CreateNetworkAclEntryCommandInput, 'NetworkAclId'>) =>
      ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, ...entry }));
    const tcp = (ruleNumber: number, egress = false, cidr = '10.0.0.0/8') =>
      ({ RuleNumber: ruleNumber, Egress: egress, Protocol: '6', RuleAction: 'allow', CidrBlock: cidr, PortRange: { From: 22, To: 22 } }) as const;

    it('keeps ports only for TCP and UDP and ICMP type and code only for ICMP and ICMPv6 on IPv6 blocks', async () => {
      const aclId = await customAcl(true);
      await create(aclId, { RuleNumber: 10, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.18/18', PortRange: { From: 80, To: 443 } });
      await create(aclId, { RuleNumber: 20, Egress: false, Protocol: '17', RuleAction: 'deny', CidrBlock: '0.0.0.0/0', PortRange: { From: 53, To: 53 } });
      await create(aclId, { RuleNumber: 30, Egress: false, Protocol: '1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: -1, Code: -1 } });
      await create(aclId, { RuleNumber: 40, Egress: false, Protocol: '58', RuleAction: 'allow', Ipv6CidrBlock: '2001:DB8:0:0::/64', IcmpTypeCode: { Type: 128, Code: 0 } });
      await create(aclId, { RuleNumber: 50, Egress: false, Protocol: '58', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 3, Code: 4 } });
      await create(aclId, { RuleNumber: 60, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '172.16.0.0/12', PortRange: { From: 1, To: 2 } });
      await create(aclId, { RuleNumber: 70, Egress: false, Protocol: '47', RuleAction: 'allow', CidrBlock: '172.16.0.0/12', PortRange: { From: 1, To: 2 }, IcmpTypeCode: { Type: 1, Code: 1 } });
      await create(aclId, { RuleNumber: 80, Egress: false, Protocol: '006', RuleAction: 'deny', Ipv6CidrBlock: '::/0', PortRange: { From: 0, To: 65535 } });
      assert.deepEqual(await userEntries(aclId), [
        { RuleNumber: 10, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/18', PortRange: { From: 80, To: 443 } },
        { RuleNumber: 20, Protocol: '17', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 53, To: 53 } },
        { RuleNumber: 30, Protocol: '1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: -1, Code: -1 } },
        { RuleNumber: 40, Protocol: '58', RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '2001:db8::/64', IcmpTypeCode: { Type: 128, Code: 0 } },
        { RuleNumber: 50, Protocol: '58', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 60, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '172.16.0.0/12' },
        { RuleNumber: 70, Protocol: '47', RuleAction: 'allow', Egress: false, CidrBlock: '172.16.0.0/12' },
        { RuleNumber: 80, Protocol: '6', RuleAction: 'deny', Egress: false, Ipv6CidrBlock: '::/0', PortRange: { From: 0, To: 65535 } },
      ]);
    });

    it('takes a rule number once per direction', async () => {
      const aclId = await customAcl();
      await create(aclId, tcp(100));
      await create(aclId, tcp(100, true));
      const e = await awsError(create(aclId, { ...tcp(100), CidrBlock: '192.168.0.0/16' }));
      assert.equal(e.code, 'NetworkAclEntryAlreadyExists');
      assert.equal(e.message, 'The network acl entry identified by 100 already exists.');
      assert.equal((await userEntries(aclId)).length, 2);
    });

    it('refuses entries that break the rules of security.md §2.1', async () => {
      const aclId = await customAcl();
      const base = { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' } as const;
      const cases: [Partial<CreateNetworkAclEntryCommandInput>, string, string?][] = [
        [{ RuleNumber: 0 }, 'InvalidParameterValue'],
        [{ RuleNumber: 32767 }, 'InvalidParameterValue'],
        [{ RuleNumber: 32768 }, 'InvalidParameterValue'],
        [{ RuleNumber: 40000 }, 'InvalidParameterValue'],
        [{ Protocol: 'tcp' }, 'InvalidParameterValue', "Invalid value 'tcp' for IP protocol. Unknown protocol."],
        [{ Protocol: '256' }, 'InvalidParameterValue', "Invalid value '256' for IP protocol. Unknown protocol."],
        [{ Protocol: '-2' }, 'InvalidParameterValue'],
        [{ RuleAction: 'permit' as 'allow' }, 'InvalidParameterValue'],
        [{ CidrBlock: undefined }, 'MissingParameter'],
        [{ Ipv6CidrBlock: '::/0' }, 'InvalidParameterCombination'],
        [{ CidrBlock: '10.0.0.0/33' }, 'InvalidParameterValue', 'Value (10.0.0.0/33) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
        [{ CidrBlock: undefined, Ipv6CidrBlock: '10.0.0.0/8' }, 'InvalidParameterValue'],
        [{ Protocol: '6' }, 'MissingParameter'],
        [{ Protocol: '17', PortRange: { From: 53 } }, 'MissingParameter'],
        [{ Protocol: '6', PortRange: { From: 443, To: 80 } }, 'InvalidParameterValue'],
        [{ Protocol: '6', PortRange: { From: 0, To: 65536 } }, 'InvalidParameterValue'],
        [{ Protocol: '1' }, 'MissingParameter'],
        [{ Protocol: '1', IcmpTypeCode: { Type: 256, Code: 0 } }, 'InvalidParameterValue'],
        [{ Protocol: '58', CidrBlock: undefined, Ipv6CidrBlock: '::/0' }, 'MissingParameter'],
      ];
      for (const [change, code, message] of cases) {
        const e = await awsError(create(aclId, { ...base, ...change }));
        assert.equal(e.code, code, JSON.stringify(change));
        if (message) assert.equal(e.message, message);
      }
      const missing = await awsError(ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: 'acl-0123456789abcdef0', ...base })));
      assert.equal(missing.code, 'InvalidNetworkAclID.NotFound');
      const malformed = await awsError(ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: 'my-acl', ...base })));
      assert.equal(malformed.code, 'InvalidNetworkAclId.Malformed');
      const foreign = await awsError(
        server.client({ accessKeyId: '111122223333' }).send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, ...base })),
      );
      assert.equal(foreign.code, 'InvalidNetworkAclID.NotFound');
      const dry = await awsError(create(aclId, { ...base, DryRun: true }));
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual(await userEntries(aclId), []);
    });

    it('allows 20 rules per direction and family, the * rule included', async () => {
      const aclId = await customAcl(true);
      for (let i = 1; i <= 19; i++) await create(aclId, tcp(i));
      const e = await awsError(create(aclId, tcp(20)));
      assert.equal(e.code, 'NetworkAclEntryLimitExceeded');
      await create(aclId, tcp(20, true));
      await create(aclId, { ...tcp(20), CidrBlock: undefined, Ipv6CidrBlock: '::/0' });
      await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, ...tcp(20), CidrBlock: undefined, Ipv6CidrBlock: '2001:db8::/32' }));
      for (let i = 21; i <= 38; i++) await create(aclId, { ...tcp(i), CidrBlock: undefined, Ipv6CidrBlock: '::/0' });
      const ipv6Full = await awsError(create(aclId, { ...tcp(39), CidrBlock: undefined, Ipv6CidrBlock: '::/0' }));
      assert.equal(ipv6Full.code, 'NetworkAclEntryLimitExceeded');
      const toIpv6 = await awsError(
        ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, ...tcp(1), CidrBlock: undefined, Ipv6CidrBlock: '::/0' })),
      );
      assert.equal(toIpv6.code, 'NetworkAclEntryLimitExceeded', 'moving a rule to a full family counts');
      await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, ...tcp(1), CidrBlock: '192.168.0.0/16' }));
    });
  });

  describe('ReplaceNetworkAclEntry and DeleteNetworkAclEntry', () => {
    const entriesOf = async (aclId: string, egress: boolean) =>
      (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }))).NetworkAcls![0]!.Entries!.filter((e) => e.Egress === egress);

    it('replaces an entry whole, by rule number and direction', async () => {
      const aclId = (await defaultAclOf(await newVpc())).NetworkAclId!;
      await ec2.send(
        new ReplaceNetworkAclEntryCommand({
          NetworkAclId: aclId, RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'deny', CidrBlock: '203.0.113.0/24',
          PortRange: { From: 22, To: 22 },
        }),
      );
      assert.deepEqual(await entriesOf(aclId, false), [
        { RuleNumber: 100, Protocol: '6', RuleAction: 'deny', Egress: false, CidrBlock: '203.0.113.0/24', PortRange: { From: 22, To: 22 } },
        deny(32767, false, '0.0.0.0/0'),
      ]);
      assert.deepEqual(await entriesOf(aclId, true), [allow(100, true, '0.0.0.0/0'), deny(32767, true, '0.0.0.0/0')]);
      const missing = await awsError(
        ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 200, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' })),
      );
      assert.equal(missing.code, 'InvalidNetworkAclEntry.NotFound');
      const star = await awsError(
        ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' })),
      );
      assert.equal(star.code, 'InvalidParameterValue', 'the * rule is not replaced');
      const dry = await awsError(
        ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0', DryRun: true })),
      );
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual(await entriesOf(aclId, true), [allow(100, true, '0.0.0.0/0'), deny(32767, true, '0.0.0.0/0')]);
    });

    it('deletes an entry of one direction, never the * rules', async () => {
      const aclId = (await defaultAclOf(await newVpc())).NetworkAclId!;
      const dry = await awsError(ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true, DryRun: true })));
      assert.equal(dry.code, 'DryRunOperation');
      await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true }));
      assert.deepEqual(await entriesOf(aclId, true), [deny(32767, true, '0.0.0.0/0')]);
      assert.deepEqual(await entriesOf(aclId, false), [allow(100, false, '0.0.0.0/0'), deny(32767, false, '0.0.0.0/0')]);
      const again = await awsError(ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true })));
      assert.equal(again.code, 'InvalidNetworkAclEntry.NotFound');
      for (const ruleNumber of [32767, 32768]) {
        const star = await awsError(ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: ruleNumber, Egress: false })));
        assert.equal(star.code, 'InvalidParameterValue', String(ruleNumber));
      }
      const missingAcl = await awsError(ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: 'acl-0123456789abcdef0', RuleNumber: 100, Egress: false })));
      assert.equal(missingAcl.code, 'InvalidNetworkAclID.NotFound');
    });

    it('leaves IPv6 rule 101 out of a default ACL whose rules were edited when the VPC gains IPv6', async () => {
      const [edited, untouched] = [await newVpc('10.0.0.0/16'), await newVpc('10.1.0.0/16')];
      const editedAcl = (await defaultAclOf(edited)).NetworkAclId!;
      await ec2.send(
        new ReplaceNetworkAclEntryCommand({ NetworkAclId: editedAcl, RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } }),
      );
      for (const vpcId of [edited, untouched]) {
        await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpcId, AmazonProvidedIpv6CidrBlock: true }));
      }
      const ruleNumbers = async (vpcId: string) => (await defaultAclOf(vpcId)).Entries!.filter((e) => !e.Egress).map((e) => e.RuleNumber);
      assert.deepEqual(await ruleNumbers(edited), [100, 32767, 32768]);
      assert.deepEqual(await ruleNumbers(untouched), [100, 101, 32767, 32768]);
    });
  });

  describe('ReplaceNetworkAclAssociation', () => {
    it('moves a subnet to another ACL of its VPC under a new association id, and back', async () => {
      const vpcId = await newVpc();
      const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
      const defaultAcl = await defaultAclOf(vpcId);
      const original = defaultAcl.Associations![0]!;
      assert.equal(original.SubnetId, subnetId);
      const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }));
      const customId = NetworkAcl!.NetworkAclId!;
      const { NewAssociationId } = await ec2.send(
        new ReplaceNetworkAclAssociationCommand({ AssociationId: original.NetworkAclAssociationId!, NetworkAclId: customId }),
      );
      assert.match(NewAssociationId!, /^aclassoc-[0-9a-f]{17}$/);
      assert.notEqual(NewAssociationId, original.NetworkAclAssociationId);
      assert.deepEqual((await defaultAclOf(vpcId)).Associations, []);
      const custom = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [customId] }))).NetworkAcls![0]!;
      assert.deepEqual(custom.Associations, [{ NetworkAclAssociationId: NewAssociationId, NetworkAclId: customId, SubnetId: subnetId }]);
      assert.deepEqual(await ids([{ Name: 'association.subnet-id', Values: [subnetId] }]), [customId]);

      const again = await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: NewAssociationId!, NetworkAclId: customId }));
      assert.equal(again.NewAssociationId, NewAssociationId, 'naming the ACL the subnet has changes nothing');

      const back = await ec2.send(
        new ReplaceNetworkAclAssociationCommand({ AssociationId: NewAssociationId!, NetworkAclId: defaultAcl.NetworkAclId! }),
      );
      assert.deepEqual((await defaultAclOf(vpcId)).Associations, [
        { NetworkAclAssociationId: back.NewAssociationId, NetworkAclId: defaultAcl.NetworkAclId, SubnetId: subnetId },
      ]);
      await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: customId }));
    });

    it('refuses an ACL of another VPC and unknown associations or ACLs', async () => {
      const vpcId = await defaultVpc();
      const associationId = (await defaultAclOf(vpcId)).Associations![0]!.NetworkAclAssociationId!;
      const foreignAcl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: await newVpc() }))).NetworkAcl!.NetworkAclId!;
      const e = await awsError(ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: associationId, NetworkAclId: foreignAcl })));
      assert.equal(e.code, 'InvalidParameterValue');
      const missing = await awsError(
        ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: 'aclassoc-0123456789abcdef0', NetworkAclId: foreignAcl })),
      );
      assert.equal(missing.code, 'InvalidAssociationID.NotFound');
      assert.equal(missing.message, "The association ID 'aclassoc-0123456789abcdef0' does not exist");
      const missingAcl = await awsError(
        ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: associationId, NetworkAclId: 'acl-0123456789abcdef0' })),
      );
      assert.equal(missingAcl.code, 'InvalidNetworkAclID.NotFound');
      const custom = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
      const dry = await awsError(
        ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: associationId, NetworkAclId: custom, DryRun: true })),
      );
      assert.equal(dry.code, 'DryRunOperation');
      assert.equal((await defaultAclOf(vpcId)).Associations!.length, 6);
    });

    it('removes the association of a deleted subnet, freeing its custom ACL', async () => {
      const vpcId = await newVpc();
      const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
      const customId = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
      const associationId = (await defaultAclOf(vpcId)).Associations![0]!.NetworkAclAssociationId!;
      await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: associationId, NetworkAclId: customId }));
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
      await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: customId }));
      await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    });
  });
});
