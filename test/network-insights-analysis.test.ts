import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateNetworkInsightsPathCommand,
  CreateRouteCommand,
  DeleteRouteCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInsightsAnalysesCommand,
  DetachInternetGatewayCommand,
  ModifyNetworkInterfaceAttributeCommand,
  StopInstancesCommand,
  ReplaceNetworkAclAssociationCommand,
  StartNetworkInsightsAnalysisCommand,
  type CreateNetworkInsightsPathCommandInput,
  type EC2Client,
  type NetworkInsightsAnalysis,
} from '@aws-sdk/client-ec2';
import { startTestServer, type TestServer } from './helpers/server.js';
import { seedTopology, type SeedTopology } from './helpers/insights-fixtures.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { primaryEniOf, runOne } from './helpers/instance-fixtures.js';

/** Creates the path, starts an analysis (answered `running`) and describes it (then `succeeded`). */
type PathInput = Omit<CreateNetworkInsightsPathCommandInput, 'ClientToken' | 'Protocol'> & { Protocol?: 'tcp' | 'udp' };

async function analyse(ec2: EC2Client, path: PathInput, start: { FilterInArns?: string[]; FilterOutArns?: string[] } = {}): Promise<NetworkInsightsAnalysis> {
  const { NetworkInsightsPath } = await ec2.send(new CreateNetworkInsightsPathCommand({ ...path, Protocol: path.Protocol ?? 'tcp' }));
  const started = await ec2.send(new StartNetworkInsightsAnalysisCommand({ NetworkInsightsPathId: NetworkInsightsPath!.NetworkInsightsPathId, ...start }));
  assert.equal(started.NetworkInsightsAnalysis!.Status, 'running');
  assert.equal(started.NetworkInsightsAnalysis!.NetworkPathFound, undefined);
  const { NetworkInsightsAnalyses } = await ec2.send(
    new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: [started.NetworkInsightsAnalysis!.NetworkInsightsAnalysisId!] }),
  );
  assert.equal(NetworkInsightsAnalyses![0]!.Status, 'succeeded');
  return NetworkInsightsAnalyses![0]!;
}

const ids = (components: { Component?: { Id?: string } }[] | undefined) => (components ?? []).map((c) => c.Component!.Id);
const codes = (analysis: NetworkInsightsAnalysis) => (analysis.Explanations ?? []).map((e) => e.ExplanationCode);

describe('Reachability analyses of the seed topology', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: SeedTopology;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
    net = await seedTopology(ec2);
  });
  after(() => server.close());

  it('web tier: reachable on 443 from the internet gateway through its Elastic IP, with the path AWS shows', async () => {
    const analysis = await analyse(ec2, { Source: net.gatewayId, Destination: net.webEniId, DestinationPort: 443 });
    assert.equal(analysis.NetworkPathFound, true);
    assert.equal(analysis.Explanations, undefined);
    assert.deepEqual(ids(analysis.ForwardPathComponents), [net.gatewayId, net.defaultAclId, net.webGroupId, net.webEniId]);
    const forward = analysis.ForwardPathComponents!;
    assert.deepEqual(forward.map((c) => c.SequenceNumber), [1, 2, 3, 4]);
    assert.deepEqual(forward[0]!.OutboundHeader!.DestinationAddresses, [net.webPublicIp]);
    assert.deepEqual(forward[3]!.InboundHeader!.DestinationAddresses, [net.webPrivateIp], 'the gateway translated the Elastic IP');
    assert.deepEqual(forward[1]!.AclRule, { Cidr: '0.0.0.0/0', Egress: false, Protocol: 'all', RuleAction: 'allow', RuleNumber: 100 });
    assert.deepEqual(forward[2]!.SecurityGroupRule, {
      Cidr: '0.0.0.0/0', Direction: 'ingress', SecurityGroupId: net.webGroupId, PortRange: { From: 443, To: 443 }, Protocol: 'tcp',
    });
    assert.match(forward[3]!.Component!.Arn!, /^arn:aws:ec2:us-east-1:\d{12}:network-interface\/eni-/);
    assert.deepEqual(ids(analysis.ReturnPathComponents), [net.webEniId, net.defaultAclId, net.publicRouteTableId, net.gatewayId]);
    const route = analysis.ReturnPathComponents![2]!.RouteTableRoute!;
    assert.deepEqual([route.DestinationCidr, route.GatewayId, route.State], ['0.0.0.0/0', net.gatewayId, 'active']);
  });

  it('web tier: other ports are refused by its security group (ENI_SG_RULES_MISMATCH, ingress)', async () => {
    const analysis = await analyse(ec2, { Source: net.gatewayId, Destination: net.webEniId, DestinationPort: 22 });
    assert.equal(analysis.NetworkPathFound, false);
    assert.deepEqual(codes(analysis), ['ENI_SG_RULES_MISMATCH']);
    const explanation = analysis.Explanations![0]!;
    assert.equal(explanation.Direction, 'ingress');
    assert.equal(explanation.NetworkInterface!.Id, net.webEniId);
    assert.deepEqual(explanation.SecurityGroups!.map((g) => g.Id), [net.webGroupId]);
  });

  it('an ENI without a public address is not reachable from the gateway (IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS)', async () => {
    const analysis = await analyse(ec2, { Source: net.gatewayId, Destination: net.bastionEniId, DestinationPort: 443 });
    assert.equal(analysis.NetworkPathFound, false);
    assert.deepEqual(codes(analysis), ['IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS']);
    assert.equal(analysis.Explanations![0]!.InternetGateway!.Id, net.gatewayId);
  });

  it('SSH: allowed to the management ENI from inside the VPC, across subnets, through both ACLs and the route', async () => {
    const analysis = await analyse(ec2, { Source: net.bastionEniId, Destination: net.managementEniId, DestinationPort: 22 });
    assert.equal(analysis.NetworkPathFound, true);
    assert.deepEqual(ids(analysis.ForwardPathComponents), [
      net.bastionEniId, net.webGroupId, net.defaultAclId, net.publicRouteTableId, net.defaultAclId, net.managementGroupId, net.managementEniId,
    ]);
    const forward = analysis.ForwardPathComponents!;
    assert.equal(forward[2]!.AclRule!.Egress, true);
    assert.equal(forward[3]!.RouteTableRoute!.GatewayId, 'local');
    assert.equal(forward[5]!.SecurityGroupRule!.Cidr, '10.0.0.0/16');
  });

  it('SSH: refused on any other ENI (ENI_SG_RULES_MISMATCH) and from the internet', async () => {
    const toWeb = await analyse(ec2, { Source: net.bastionEniId, Destination: net.webEniId, DestinationPort: 22 });
    assert.equal(toWeb.NetworkPathFound, false);
    assert.deepEqual(codes(toWeb), ['ENI_SG_RULES_MISMATCH']);
    const toDatabase = await analyse(ec2, { Source: net.managementEniId, Destination: net.databaseEniId, DestinationPort: 22 });
    assert.deepEqual(codes(toDatabase), ['ENI_SG_RULES_MISMATCH']);
    const fromInternet = await analyse(ec2, { Source: net.gatewayId, Destination: net.managementEniId, DestinationPort: 22 });
    assert.equal(fromInternet.NetworkPathFound, false);
  });

  it('same subnet: the ACLs are never consulted', async () => {
    const analysis = await analyse(ec2, { Source: net.managementEniId, Destination: net.databaseEniId, DestinationPort: 5432 });
    assert.equal(analysis.NetworkPathFound, false, 'the database admits only the web group');
    const fromWeb = await analyse(ec2, { Source: net.webEniId, Destination: net.databaseEniId, DestinationPort: 5432 });
    assert.equal(fromWeb.NetworkPathFound, true, 'a rule naming the web group admits its members');
    assert.ok(ids(fromWeb.ForwardPathComponents).includes(net.defaultAclId), 'across subnets the ACLs are');
  });

  it('a security group without egress rules: SG_HAS_NO_RULES', async () => {
    const { GroupId } = await ec2.send(new (await import('@aws-sdk/client-ec2')).CreateSecurityGroupCommand({ VpcId: net.vpcId, GroupName: 'mute', Description: 'mute' }));
    await ec2.send(new (await import('@aws-sdk/client-ec2')).RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    const mute = await eniInSubnet(ec2, net.publicSubnetId, { Groups: [GroupId!] });
    const analysis = await analyse(ec2, { Source: mute.NetworkInterfaceId!, Destination: net.webEniId, DestinationPort: 443 });
    assert.deepEqual(codes(analysis), ['SG_HAS_NO_RULES']);
    assert.equal(analysis.Explanations![0]!.Direction, 'egress');
  });

  it('a network ACL deny: SUBNET_ACL_RESTRICTION naming the ACL and the rule, and a blocked reply too', async () => {
    const { NetworkAcl } = await ec2.send(new CreateNetworkAclCommand({ VpcId: net.vpcId }));
    const aclId = NetworkAcl!.NetworkAclId!;
    const entry = (RuleNumber: number, Egress: boolean, RuleAction: 'allow' | 'deny', from: number, to: number) =>
      ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber, Egress, RuleAction, Protocol: '6', CidrBlock: '0.0.0.0/0', PortRange: { From: from, To: to } }));
    await entry(90, false, 'deny', 5432, 5432);
    await entry(100, false, 'allow', 0, 65535);
    await entry(100, true, 'allow', 0, 1023);
    const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [net.privateSubnetId] }] }));
    const association = NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === net.privateSubnetId)!;
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: aclId }));

    const blocked = await analyse(ec2, { Source: net.webEniId, Destination: net.databaseEniId, DestinationPort: 5432 });
    assert.equal(blocked.NetworkPathFound, false);
    assert.deepEqual(codes(blocked), ['SUBNET_ACL_RESTRICTION']);
    const explanation = blocked.Explanations![0]!;
    assert.equal(explanation.Acl!.Id, aclId);
    assert.deepEqual([explanation.AclRule!.RuleNumber, explanation.AclRule!.RuleAction, explanation.Direction], [90, 'deny', 'ingress']);
    assert.equal(explanation.Subnet!.Id, net.privateSubnetId);

    // SSH gets in (rule 100); replies leave only to ports 0-1023 (outbound rule 100). From an ephemeral source
    // port the reply meets the outbound default deny.
    const ephemeral = await analyse(ec2, {
      Source: net.bastionEniId, Destination: net.managementEniId,
      FilterAtSource: { SourcePortRange: { FromPort: 1024, ToPort: 65535 }, DestinationPortRange: { FromPort: 22, ToPort: 22 } },
    });
    assert.equal(ephemeral.NetworkPathFound, false);
    assert.deepEqual(codes(ephemeral), ['SUBNET_ACL_RESTRICTION']);
    assert.deepEqual([ephemeral.Explanations![0]!.AclRule!.RuleNumber, ephemeral.Explanations![0]!.Direction], [32767, 'egress']);
    assert.ok(ephemeral.ForwardPathComponents!.length > 0, 'the forward path is shown');
    assert.ok(ephemeral.ReturnPathComponents!.length > 0, 'and the reply as far as it went');

    // Any source port will do when the path does not narrow it: some packet (source port 0-1023) makes the round trip.
    const anyPort = await analyse(ec2, { Source: net.bastionEniId, Destination: net.managementEniId, DestinationPort: 22 });
    assert.equal(anyPort.NetworkPathFound, true);
    assert.ok(anyPort.ForwardPathComponents![0]!.OutboundHeader!.SourcePortRanges![0]!.From! <= 1023);
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }))).NetworkAcls![0]!.Associations![0]!.NetworkAclAssociationId, NetworkAclId: net.defaultAclId }));
  });

  it('a missing route: NO_ROUTE_TO_DESTINATION naming the route table', async () => {
    const analysis = await analyse(ec2, { Source: net.managementEniId, Destination: net.gatewayId, DestinationPort: 443 });
    assert.equal(analysis.NetworkPathFound, false);
    assert.deepEqual(codes(analysis), ['NO_ROUTE_TO_DESTINATION']);
    assert.equal(analysis.Explanations![0]!.RouteTable!.Id, net.mainRouteTableId);
  });

  it('to the internet: needs a public address (IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS); the web ENI has one', async () => {
    const bastion = await analyse(ec2, { Source: net.bastionEniId, Destination: net.gatewayId, DestinationPort: 443 });
    assert.deepEqual(codes(bastion), ['IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS']);
    const web = await analyse(ec2, { Source: net.webEniId, Destination: net.gatewayId, DestinationPort: 443 });
    assert.equal(web.NetworkPathFound, true);
    assert.deepEqual(ids(web.ForwardPathComponents), [net.webEniId, net.webGroupId, net.defaultAclId, net.publicRouteTableId, net.gatewayId]);
    assert.deepEqual(web.ForwardPathComponents![4]!.OutboundHeader!.SourceAddresses, [net.webPublicIp], 'the gateway translated the source');
  });

  it('a NAT instance: forwards only with its source/destination check off (ENI_SOURCE_DEST_CHECK_RESTRICTION)', async () => {
    await ec2.send(new CreateRouteCommand({ RouteTableId: net.mainRouteTableId, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: net.webEniId }));
    try {
      const checked = await analyse(ec2, { Source: net.managementEniId, Destination: net.gatewayId, DestinationPort: 443 });
      assert.equal(checked.NetworkPathFound, false);
      assert.ok(codes(checked).includes('ENI_SOURCE_DEST_CHECK_RESTRICTION'), codes(checked).join());
      assert.equal(checked.Explanations![0]!.NetworkInterface!.Id, net.webEniId, 'the appliance refused it');
      await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: net.webEniId, SourceDestCheck: { Value: false } }));
      const unchecked = await analyse(ec2, { Source: net.managementEniId, Destination: net.gatewayId, DestinationPort: 443 });
      // The appliance admits 443 from anywhere, forwards the packet as its own (masquerading) and sends it out
      // through the gateway with its Elastic IP; the reply comes back the same way.
      assert.equal(unchecked.NetworkPathFound, true, codes(unchecked).join());
      const forward = ids(unchecked.ForwardPathComponents);
      assert.equal(forward[0], net.managementEniId);
      assert.ok(forward.includes(net.webEniId), 'through the appliance');
      assert.equal(forward[forward.length - 1], net.gatewayId);
    } finally {
      await ec2.send(new DeleteRouteCommand({ RouteTableId: net.mainRouteTableId, DestinationCidrBlock: '0.0.0.0/0' }));
      await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: net.webEniId, SourceDestCheck: { Value: true } }));
    }
  });

  it('an instance as an end: shown after its ENI; a stopped one is BAD_STATE', async () => {
    const instanceId = await runOne(ec2, { SubnetId: net.privateSubnetId, SecurityGroupIds: [net.managementGroupId] });
    const eniId = (await primaryEniOf(ec2, instanceId)).NetworkInterfaceId!;
    const analysis = await analyse(ec2, { Source: net.bastionEniId, Destination: instanceId, DestinationPort: 22 });
    assert.equal(analysis.NetworkPathFound, true, codes(analysis).join());
    const forward = analysis.ForwardPathComponents!;
    assert.deepEqual(ids(forward).slice(-2), [eniId, instanceId]);
    assert.equal(forward[forward.length - 2]!.AttachedTo!.Id, instanceId);
    assert.match(forward[forward.length - 1]!.Component!.Arn!, /:instance\/i-/);
    assert.deepEqual(ids(analysis.ReturnPathComponents).slice(0, 2), [instanceId, eniId], 'the reply starts at the instance');

    await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    const stopped = await analyse(ec2, { Source: net.bastionEniId, Destination: instanceId, DestinationPort: 22 });
    assert.equal(stopped.NetworkPathFound, false);
    assert.deepEqual(codes(stopped), ['BAD_STATE']);
    assert.equal(stopped.Explanations![0]!.Component!.Id, instanceId);
  });

  it('ends in two VPCs: DISCONNECTED_VPCS; a detached gateway: UNASSOCIATED_COMPONENT', async () => {
    const other = await vpcWithSubnet(ec2, '10.9.0.0/16', '10.9.0.0/24');
    const stranger = await eniInSubnet(ec2, other.subnetId);
    const apart = await analyse(ec2, { Source: net.webEniId, Destination: stranger.NetworkInterfaceId!, DestinationPort: 443 });
    assert.equal(apart.NetworkPathFound, false);
    assert.deepEqual(codes(apart), ['DISCONNECTED_VPCS']);
    assert.deepEqual([apart.Explanations![0]!.SourceVpc!.Id, apart.Explanations![0]!.DestinationVpc!.Id], [net.vpcId, other.vpcId]);

    const gatewayId = await attachNewGateway(ec2, other.vpcId);
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: other.vpcId }));
    const detached = await analyse(ec2, { Source: gatewayId, Destination: net.webEniId, DestinationPort: 443 });
    assert.deepEqual(codes(detached), ['UNASSOCIATED_COMPONENT']);
    assert.equal(detached.Explanations![0]!.Component!.Id, gatewayId);
  });

  it('FilterInArns and FilterOutArns: the path must cross, or avoid, the components named', async () => {
    const path = { Source: net.gatewayId, Destination: net.webEniId, DestinationPort: 443 };
    const account = (await analyse(ec2, path)).NetworkInsightsAnalysisArn!.split(':')[4];
    const arn = (type: string, id: string) => `arn:aws:ec2:us-east-1:${account}:${type}/${id}`;
    const through = await analyse(ec2, path, { FilterInArns: [arn('security-group', net.webGroupId)] });
    assert.equal(through.NetworkPathFound, true);
    assert.deepEqual(through.FilterInArns, [arn('security-group', net.webGroupId)]);
    const avoiding = await analyse(ec2, path, { FilterOutArns: [arn('security-group', net.webGroupId)] });
    assert.equal(avoiding.NetworkPathFound, false);
    assert.deepEqual(codes(avoiding), ['COMPONENT_FILTER_RESTRICTION_REMOVED_COMPONENT']);
    const elsewhere = await analyse(ec2, path, { FilterInArns: [arn('security-group', net.managementGroupId)] });
    assert.deepEqual(codes(elsewhere), ['COMPONENT_FILTER_RESTRICTION']);
  });
});
