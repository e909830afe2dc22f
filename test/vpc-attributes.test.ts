import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeNetworkAclsCommand,
  AssociateVpcCidrBlockCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  DeleteInternetGatewayCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  CreateDefaultVpcCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DisassociateVpcCidrBlockCommand,
  ModifyVpcAttributeCommand,
  type EC2Client,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('VPC attributes, CIDR blocks and the default VPC', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const newVpc = async (cidr = '10.0.0.0/16', ipv6 = false): Promise<Vpc> =>
    (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: ipv6 }))).Vpc!;
  const describeVpc = async (vpcId: string): Promise<Vpc> => (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs![0]!;
  const attribute = async (vpcId: string, name: 'enableDnsSupport' | 'enableDnsHostnames' | 'enableNetworkAddressUsageMetrics') => {
    const answer = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: name }));
    assert.equal(answer.VpcId, vpcId);
    const member = { enableDnsSupport: answer.EnableDnsSupport, enableDnsHostnames: answer.EnableDnsHostnames, enableNetworkAddressUsageMetrics: answer.EnableNetworkAddressUsageMetrics }[name];
    return member?.Value;
  };
  /** The route destinations of every route table of the VPC (read from the store: route tables are another action family). */
  const localRoutes = (vpcId: string) =>
    server.store.read((tx) =>
      tx.all<{ route_table_id: string; destination: string }>(
        `SELECT r.route_table_id, r.destination FROM routes r JOIN route_tables t ON t.id = r.route_table_id
         WHERE t.vpc_id = ? AND r.gateway_id = 'local' ORDER BY r.seq`,
        [vpcId],
      ),
    );

  describe('Modify/DescribeVpcAttribute', () => {
    it('starts with DNS support on and hostnames off, hostnames on in the default VPC', async () => {
      const vpc = await newVpc();
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsSupport'), true);
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsHostnames'), false);
      assert.equal(await attribute(vpc.VpcId!, 'enableNetworkAddressUsageMetrics'), false);
      const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!;
      assert.equal(await attribute(defaultVpc.VpcId!, 'enableDnsHostnames'), true);
    });

    it('changes each attribute, one per call', async () => {
      const vpc = await newVpc();
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsHostnames: { Value: true } }));
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsHostnames'), true);
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableNetworkAddressUsageMetrics: { Value: true } }));
      assert.equal(await attribute(vpc.VpcId!, 'enableNetworkAddressUsageMetrics'), true);
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsHostnames: { Value: false } }));
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsSupport: { Value: false } }));
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsSupport'), false);
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsHostnames'), false);
    });

    it('refuses two attributes in one call with the exact InvalidParameterCombination message', async () => {
      const vpc = await newVpc();
      const e = await awsError(
        ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsSupport: { Value: true }, EnableDnsHostnames: { Value: true } })),
      );
      assert.equal(e.code, 'InvalidParameterCombination');
      assert.equal(e.message, 'Fields for multiple attribute types specified: enableDnsHostnames, enableDnsSupport');
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsHostnames'), false, 'nothing changed');
      const none = await awsError(ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId! })));
      assert.equal(none.code, 'MissingParameter');
    });

    it('enables DNS hostnames only while DNS support is on', async () => {
      const vpc = await newVpc();
      await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsSupport: { Value: false } }));
      const e = await awsError(ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsHostnames: { Value: true } })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(await attribute(vpc.VpcId!, 'enableDnsHostnames'), false);
    });

    it('answers NotFound for unknown VPCs, another account\'s included, and refuses unknown attribute names', async () => {
      const vpc = await newVpc();
      const unknown = await awsError(ec2.send(new DescribeVpcAttributeCommand({ VpcId: 'vpc-0123456789abcdef0', Attribute: 'enableDnsSupport' })));
      assert.equal(unknown.code, 'InvalidVpcID.NotFound');
      const other = server.client({ accessKeyId: '111122223333' });
      const foreign = await awsError(other.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId!, EnableDnsHostnames: { Value: true } })));
      assert.equal(foreign.code, 'InvalidVpcID.NotFound');
      const foreignRead = await awsError(other.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId!, Attribute: 'enableDnsSupport' })));
      assert.equal(foreignRead.code, 'InvalidVpcID.NotFound');
      const name = await awsError(ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId!, Attribute: 'enableDns' as 'enableDnsSupport' })));
      assert.equal(name.code, 'InvalidParameterValue');
    });
  });

  describe('AssociateVpcCidrBlock / DisassociateVpcCidrBlock (IPv4)', () => {
    it('adds a secondary block with a local route in every route table, usable by subnets', async () => {
      const vpc = await newVpc();
      const answer = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.1.0.7/16' }));
      assert.equal(answer.VpcId, vpc.VpcId);
      const association = answer.CidrBlockAssociation!;
      assert.match(association.AssociationId!, /^vpc-cidr-assoc-[0-9a-f]{17}$/);
      assert.equal(association.CidrBlock, '10.1.0.0/16');
      assert.equal(association.CidrBlockState!.State, 'associating');
      const described = await describeVpc(vpc.VpcId!);
      assert.equal(described.CidrBlock, '10.0.0.0/16', 'the primary block stays the VPC\'s CidrBlock');
      assert.deepEqual(
        described.CidrBlockAssociationSet!.map((b) => [b.CidrBlock, b.CidrBlockState!.State]),
        [['10.0.0.0/16', 'associated'], ['10.1.0.0/16', 'associated']],
      );
      assert.deepEqual((await localRoutes(vpc.VpcId!)).map((r) => r.destination), ['10.0.0.0/16', '10.1.0.0/16']);
      const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.1.5.0/24' }))).Subnet!;
      assert.equal(subnet.CidrBlock, '10.1.5.0/24');
      const filtered = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block-association.cidr-block', Values: ['10.1.0.0/16'] }] }));
      assert.deepEqual(filtered.Vpcs!.map((v) => v.VpcId), [vpc.VpcId]);
    });

    it('refuses overlapping, out-of-range and malformed blocks', async () => {
      const vpc = await newVpc();
      for (const cidr of ['10.0.128.0/17', '10.0.0.0/16']) {
        const e = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: cidr })));
        assert.equal(e.code, 'InvalidVpc.Range', cidr);
      }
      for (const cidr of ['10.2.0.0/15', '10.2.0.0/29', '169.254.0.0/16']) {
        const e = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: cidr })));
        assert.equal(e.code, 'InvalidVpc.Range', cidr);
      }
      const notCidr = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.2.0.0' })));
      assert.equal(notCidr.code, 'InvalidParameterValue');
      const unknown = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.2.0.0/16' })));
      assert.equal(unknown.code, 'InvalidVpcID.NotFound');
      const none = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId! })));
      assert.equal(none.code, 'MissingParameter');
      const both = await awsError(
        ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.2.0.0/16', AmazonProvidedIpv6CidrBlock: true })),
      );
      assert.equal(both.code, 'InvalidParameterCombination');
    });

    it('applies the range restrictions of the primary block', async () => {
      const cases: [primary: string, refused: string[], allowed: string[]][] = [
        ['10.0.0.0/16', ['172.16.0.0/16', '192.168.0.0/16', '198.19.0.0/16'], ['10.5.0.0/16', '100.64.0.0/16', '52.1.0.0/16']],
        ['10.1.0.0/16', ['10.0.0.0/16', '10.0.4.0/24'], ['10.2.0.0/16']],
        ['172.16.0.0/16', ['10.0.0.0/16', '192.168.0.0/16', '172.31.0.0/16', '198.19.0.0/16'], ['172.17.0.0/16']],
        ['192.168.0.0/16', ['10.0.0.0/16', '172.16.0.0/16', '198.19.0.0/16'], ['100.64.0.0/16']],
        ['198.19.0.0/16', ['10.0.0.0/16', '172.16.0.0/16', '192.168.0.0/24'], ['52.1.0.0/16']],
        ['100.64.0.0/16', ['10.0.0.0/16', '172.20.0.0/16', '192.168.0.0/16', '198.19.0.0/16'], ['100.65.0.0/16', '52.1.0.0/16']],
      ];
      for (const [primary, refused, allowed] of cases) {
        await server.reset();
        const vpc = await newVpc(primary);
        for (const cidr of refused) {
          const e = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: cidr })));
          assert.equal(e.code, 'InvalidVpc.Range', `${primary} + ${cidr}`);
        }
        for (const cidr of allowed) await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: cidr }));
      }
    });

    it('refuses a block that would contain the destination of a route of the VPC', async () => {
      const vpc = await newVpc();
      // A route to 10.8.4.0/24 through the VPC's internet gateway, in the VPC's main route table.
      const igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpc.VpcId! }));
      const [main] = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).RouteTables!;
      await ec2.send(new CreateRouteCommand({ RouteTableId: main!.RouteTableId!, DestinationCidrBlock: '10.8.4.0/24', GatewayId: igwId }));
      const e = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.8.0.0/16' })));
      assert.equal(e.code, 'InvalidVpc.Range');
      await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.8.4.0/25' }));
    });

    it('allows 5 IPv4 blocks per VPC, the primary included', async () => {
      const vpc = await newVpc();
      for (let i = 1; i <= 4; i++) await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: `10.${i}.0.0/16` }));
      const e = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.9.0.0/16' })));
      assert.equal(e.code, 'CidrLimitExceeded');
      assert.equal(e.message, `This network '${vpc.VpcId}' has met its maximum number of allowed CIDRs: 5`);
    });

    it('disassociates a secondary block and its local routes; refuses the primary and blocks in use', async () => {
      const vpc = await newVpc();
      const primaryId = vpc.CidrBlockAssociationSet![0]!.AssociationId!;
      const primary = await awsError(ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: primaryId })));
      assert.equal(primary.code, 'OperationNotPermitted');
      const { CidrBlockAssociation } = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.1.0.0/16' }));
      const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.1.1.0/24' }))).Subnet!;
      const inUse = await awsError(ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: CidrBlockAssociation!.AssociationId! })));
      assert.equal(inUse.code, 'InvalidCidrBlock.InUse');
      await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId! }));
      const answer = await ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: CidrBlockAssociation!.AssociationId! }));
      assert.equal(answer.VpcId, vpc.VpcId);
      assert.equal(answer.CidrBlockAssociation!.CidrBlock, '10.1.0.0/16');
      assert.equal(answer.CidrBlockAssociation!.CidrBlockState!.State, 'disassociating');
      assert.deepEqual((await describeVpc(vpc.VpcId!)).CidrBlockAssociationSet!.map((b) => b.CidrBlock), ['10.0.0.0/16']);
      assert.deepEqual((await localRoutes(vpc.VpcId!)).map((r) => r.destination), ['10.0.0.0/16']);
      const again = await awsError(ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: CidrBlockAssociation!.AssociationId! })));
      assert.equal(again.code, 'InvalidVpcCidrBlockAssociationID.NotFound');
      const foreign = await awsError(
        server.client({ accessKeyId: '111122223333' }).send(new DisassociateVpcCidrBlockCommand({ AssociationId: primaryId })),
      );
      assert.equal(foreign.code, 'InvalidVpcCidrBlockAssociationID.NotFound');
    });
  });

  describe('AssociateVpcCidrBlock / DisassociateVpcCidrBlock (IPv6)', () => {
    it('adds an Amazon-provided /56, opening the default security group and network ACL to ::/0', async () => {
      const vpc = await newVpc();
      const answer = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, AmazonProvidedIpv6CidrBlock: true }));
      const association = answer.Ipv6CidrBlockAssociation!;
      assert.match(association.AssociationId!, /^vpc-cidr-assoc-[0-9a-f]{17}$/);
      assert.match(association.Ipv6CidrBlock!, /^2600:1f[0-9a-f]{2}:[0-9a-f:]+\/56$/);
      assert.equal(association.Ipv6CidrBlockState!.State, 'associating');
      assert.equal(association.Ipv6Pool, 'Amazon');
      assert.equal(association.NetworkBorderGroup, 'us-east-1');
      const described = await describeVpc(vpc.VpcId!);
      assert.equal(described.Ipv6CidrBlockAssociationSet![0]!.Ipv6CidrBlockState!.State, 'associated');
      assert.deepEqual((await localRoutes(vpc.VpcId!)).map((r) => r.destination), ['10.0.0.0/16', association.Ipv6CidrBlock]);
      const openings = await server.store.read((tx) =>
        tx.all<{ kind: string }>(
          `SELECT 'sg' AS kind FROM security_group_rules r JOIN security_groups g ON g.id = r.group_id
             WHERE g.vpc_id = ? AND g.is_default = 1 AND r.is_egress = 1 AND r.cidr_ipv6 = '::/0'
           UNION ALL SELECT 'acl' FROM network_acl_entries e JOIN network_acls a ON a.id = e.network_acl_id
             WHERE a.vpc_id = ? AND a.is_default = 1 AND e.rule_number = 101 AND e.ipv6_cidr_block = '::/0'`,
          [vpc.VpcId!, vpc.VpcId!],
        ),
      );
      assert.deepEqual(openings.map((o) => o.kind).sort(), ['acl', 'acl', 'sg']);
      const { NetworkAcls } = await ec2.send(
        new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }, { Name: 'default', Values: ['true'] }] }),
      );
      const ipv6Entries = NetworkAcls![0]!.Entries!.filter((e) => e.Ipv6CidrBlock === '::/0')
        .map((e) => `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction}`)
        .sort();
      assert.deepEqual(ipv6Entries, ['in 101 allow', 'in 32768 deny', 'out 101 allow', 'out 32768 deny']);

      const removed = await ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: association.AssociationId! }));
      assert.equal(removed.Ipv6CidrBlockAssociation!.Ipv6CidrBlockState!.State, 'disassociating');
      assert.equal((await describeVpc(vpc.VpcId!)).Ipv6CidrBlockAssociationSet, undefined);
      assert.deepEqual((await localRoutes(vpc.VpcId!)).map((r) => r.destination), ['10.0.0.0/16']);
    });

    it('refuses to remove an IPv6 block a subnet uses, and limits a VPC to 5 IPv6 blocks', async () => {
      const vpc = await newVpc('10.0.0.0/16', true);
      const block = vpc.Ipv6CidrBlockAssociationSet![0]!;
      const sixtyFour = block.Ipv6CidrBlock!.replace('/56', '/64');
      await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId!, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: sixtyFour }));
      const e = await awsError(ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: block.AssociationId! })));
      assert.equal(e.code, 'InvalidCidrBlock.InUse');
      for (let i = 0; i < 4; i++) await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, AmazonProvidedIpv6CidrBlock: true }));
      const limit = await awsError(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc.VpcId!, AmazonProvidedIpv6CidrBlock: true })));
      assert.equal(limit.code, 'CidrLimitExceeded');
      const blocks = (await describeVpc(vpc.VpcId!)).Ipv6CidrBlockAssociationSet!.map((b) => b.Ipv6CidrBlock);
      assert.equal(new Set(blocks).size, 5, 'every /56 is distinct');
    });
  });

  describe('CreateDefaultVpc', () => {
    it('refuses while the default VPC exists', async () => {
      const existing = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!;
      const e = await awsError(ec2.send(new CreateDefaultVpcCommand({})));
      assert.equal(e.code, 'DefaultVpcAlreadyExists');
      assert.match(e.message, new RegExp(existing.VpcId!));
    });

    it('brings back the default VPC with its default subnets after it was deleted', async () => {
      const old = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!;
      await deleteDefaultVpc(old.VpcId!);
      const dryRun = await awsError(ec2.send(new CreateDefaultVpcCommand({ DryRun: true })));
      assert.equal(dryRun.code, 'DryRunOperation');
      assert.deepEqual((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs, []);

      const { Vpc: created } = await ec2.send(new CreateDefaultVpcCommand({}));
      assert.equal(created!.State, 'pending');
      assert.equal(created!.IsDefault, true);
      assert.equal(created!.CidrBlock, '172.31.0.0/16');
      assert.notEqual(created!.VpcId, old.VpcId);
      const described = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs!;
      assert.deepEqual(described.map((v) => [v.VpcId, v.State]), [[created!.VpcId, 'available']]);
      assert.equal(await attribute(created!.VpcId!, 'enableDnsHostnames'), true);
      const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [created!.VpcId!] }] }))).Subnets!;
      assert.equal(subnets.length, 6);
      assert.ok(subnets.every((s) => s.DefaultForAz === true && s.MapPublicIpOnLaunch === true && s.CidrBlock!.endsWith('/20')));
      const again = await awsError(ec2.send(new CreateDefaultVpcCommand({})));
      assert.equal(again.code, 'DefaultVpcAlreadyExists');
    });

    it('counts against the VPC quota', async () => {
      const old = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!;
      await deleteDefaultVpc(old.VpcId!);
      for (let i = 0; i < 5; i++) await newVpc(`10.${i}.0.0/16`);
      const e = await awsError(ec2.send(new CreateDefaultVpcCommand({})));
      assert.equal(e.code, 'VpcLimitExceeded');
    });
  });

  /** Deletes the default VPC as a user would: its subnets, its internet gateway, then it. */
  async function deleteDefaultVpc(vpcId: string): Promise<void> {
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets!;
    for (const s of subnets) await ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId! }));
    const gateways = await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }));
    for (const { InternetGatewayId } of gateways.InternetGateways!) {
      await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId: vpcId }));
      await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId }));
    }
    await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
  }
});
