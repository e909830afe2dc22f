/**
 * The seed scenarios of ISSUE-5 item 6, made through @aws-sdk/client-ec2 against a real server, with traffic sent
 * through POST /_vpclite/traffic: what AWS would do with each packet, and the component and rule the trace names.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateRouteTableCommand,
  AttachNetworkInterfaceCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupRulesCommand,
  DetachNetworkInterfaceCommand,
  ModifyNetworkInterfaceAttributeCommand,
  ReplaceNetworkAclAssociationCommand,
  StopInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { startTestServer, type TestServer } from './helpers/server.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { newGroup } from './helpers/security-groups.js';
import { describeInstance, runOne } from './helpers/instance-fixtures.js';
import { dropOf, sendTraffic } from './helpers/traffic.js';

interface PublicPrivate {
  vpcId: string;
  gatewayId: string;
  publicSubnet: string;
  privateSubnet: string;
  publicTable: string;
}

/** A VPC 10.0.0.0/16 with an internet gateway, a public subnet 10.0.1.0/24 (0.0.0.0/0 → gateway) and a private 10.0.2.0/24 (main table). */
async function publicPrivate(ec2: EC2Client): Promise<PublicPrivate> {
  const { vpcId, subnetId: publicSubnet } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
  const gatewayId = await attachNewGateway(ec2, vpcId);
  const privateSubnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24' }))).Subnet!.SubnetId!;
  const publicTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicTable, SubnetId: publicSubnet }));
  return { vpcId, gatewayId, publicSubnet, privateSubnet, publicTable };
}

async function allowIngress(ec2: EC2Client, groupId: string, protocol: string, from: number, to: number, cidr: string): Promise<string> {
  const { SecurityGroupRules } = await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: protocol, FromPort: from, ToPort: to, IpRanges: [{ CidrIp: cidr }] }] }),
  );
  return SecurityGroupRules![0]!.SecurityGroupRuleId!;
}

async function eth0(ec2: EC2Client, instanceId: string): Promise<{ id: string; address: string }> {
  const instance = await describeInstance(ec2, instanceId);
  const eni = instance.NetworkInterfaces!.find((n) => n.Attachment!.DeviceIndex === 0)!;
  return { id: eni.NetworkInterfaceId!, address: eni.PrivateIpAddress! };
}

describe('traffic seeds', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('reaches the web tier on 443 from the internet only through its Elastic IP', async () => {
    const net = await publicPrivate(ec2);
    const web = await newGroup(ec2, 'web', net.vpcId);
    const httpsRule = await allowIngress(ec2, web, 'tcp', 443, 443, '0.0.0.0/0');
    const instanceId = await runOne(ec2, { SubnetId: net.publicSubnet, SecurityGroupIds: [web] });
    const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: instanceId }));
    const nic = await eth0(ec2, instanceId);

    const viaEip = await sendTraffic(server.url, { source: 'internet', sourceAddress: '203.0.113.7', destination: PublicIp, protocol: 'tcp', port: 443 });
    assert.equal(viaEip.status, 200);
    assert.equal(viaEip.body.accepted, true);
    assert.equal(viaEip.body.reply.accepted, true);
    const gateway = viaEip.body.trace.find((s) => s.step === 'internet-gateway' && s.direction === 'request')!;
    assert.equal(gateway.component, net.gatewayId);
    assert.equal(gateway.header.destinationAddress, nic.address, 'the gateway maps the Elastic IP to the private address');
    const admitted = viaEip.body.trace.find((s) => s.step === 'security-group-ingress' && s.direction === 'request')!;
    assert.deepEqual([admitted.component, admitted.rule], [web, httpsRule]);
    const replyOut = viaEip.body.trace.find((s) => s.step === 'internet-gateway' && s.direction === 'reply')!;
    assert.equal(replyOut.header.sourceAddress, PublicIp, 'the reply leaves from the Elastic IP');

    const viaPrivate = await sendTraffic(server.url, { source: 'internet', destination: nic.address, protocol: 'tcp', port: 443 });
    assert.equal(viaPrivate.body.accepted, false);
    assert.equal(viaPrivate.body.code, 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS');

    const ssh = await sendTraffic(server.url, { source: 'internet', destination: PublicIp, protocol: 'tcp', port: 22 });
    assert.equal(ssh.body.code, 'ENI_SG_RULES_MISMATCH');
    assert.equal(dropOf(ssh)!.component, nic.id);

    // A second instance without any public address: not reachable from the internet, cannot reach it either.
    const hidden = await runOne(ec2, { SubnetId: net.publicSubnet, SecurityGroupIds: [web] });
    const hiddenNic = await eth0(ec2, hidden);
    const toHidden = await sendTraffic(server.url, { source: 'internet', destination: hiddenNic.id, protocol: 'tcp', port: 443 });
    assert.equal(toHidden.body.code, 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS');
    const fromHidden = await sendTraffic(server.url, { source: hiddenNic.id, destination: '8.8.8.8', protocol: 'tcp', port: 443 });
    assert.equal(fromHidden.body.code, 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  });

  it('allows SSH only on the management ENI', async () => {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.1.0.0/16', '10.1.1.0/24');
    const app = await newGroup(ec2, 'app', vpcId);
    await allowIngress(ec2, app, 'tcp', 443, 443, '10.1.0.0/16');
    const management = await newGroup(ec2, 'management', vpcId);
    const sshRule = await allowIngress(ec2, management, 'tcp', 22, 22, '10.1.0.0/16');
    const instanceId = await runOne(ec2, { SubnetId: subnetId, SecurityGroupIds: [app] });
    const mgmtEni = await eniInSubnet(ec2, subnetId, { Groups: [management] });
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: instanceId, NetworkInterfaceId: mgmtEni.NetworkInterfaceId, DeviceIndex: 1 }));
    const nic = await eth0(ec2, instanceId);
    const bastion = await eniInSubnet(ec2, subnetId);

    const toManagement = await sendTraffic(server.url, { source: bastion.NetworkInterfaceId, destination: mgmtEni.PrivateIpAddress, protocol: 'tcp', port: 22 });
    assert.equal(toManagement.body.accepted, true);
    assert.equal(toManagement.body.reply.accepted, true);
    const admitted = toManagement.body.trace.find((s) => s.step === 'security-group-ingress' && s.direction === 'request')!;
    assert.deepEqual([admitted.component, admitted.rule], [management, sshRule]);
    assert.equal(toManagement.body.deliveredTo!.instanceId, instanceId);

    const toEth0 = await sendTraffic(server.url, { source: bastion.PrivateIpAddress, destination: nic.address, protocol: 'tcp', port: 22 });
    assert.equal(toEth0.body.accepted, false);
    assert.equal(toEth0.body.code, 'ENI_SG_RULES_MISMATCH');
    assert.equal(dropOf(toEth0)!.component, nic.id);
    const https = await sendTraffic(server.url, { source: bastion.PrivateIpAddress, destination: nic.id, protocol: 'tcp', port: 443 });
    assert.equal(https.body.accepted, true);
  });

  it('forwards through a NAT instance only once its source/destination check is off', async () => {
    const net = await publicPrivate(ec2);
    const natGroup = await newGroup(ec2, 'nat', net.vpcId);
    await allowIngress(ec2, natGroup, '-1', -1, -1, '10.0.2.0/24');
    const nat = await runOne(ec2, { SubnetId: net.publicSubnet, SecurityGroupIds: [natGroup] });
    const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(new AssociateAddressCommand({ AllocationId, InstanceId: nat }));
    const natNic = await eth0(ec2, nat);
    const privateTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: net.vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(new CreateRouteCommand({ RouteTableId: privateTable, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: natNic.id }));
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateTable, SubnetId: net.privateSubnet }));
    const worker = await runOne(ec2, { SubnetId: net.privateSubnet });
    const workerNic = await eth0(ec2, worker);

    const checked = await sendTraffic(server.url, { source: workerNic.id, destination: '8.8.8.8', protocol: 'tcp', port: 443 });
    assert.equal(checked.body.accepted, false);
    assert.equal(checked.body.code, 'ENI_SOURCE_DEST_CHECK_RESTRICTION');
    assert.deepEqual([dropOf(checked)!.step, dropOf(checked)!.component], ['source-dest-check-ingress', natNic.id]);
    const route = checked.body.trace.find((s) => s.step === 'route')!;
    assert.deepEqual([route.component, route.rule], [privateTable, '0.0.0.0/0']);

    await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: natNic.id, SourceDestCheck: { Value: false } }));
    const forwarded = await sendTraffic(server.url, { source: workerNic.id, destination: '8.8.8.8', protocol: 'tcp', port: 443 });
    assert.equal(forwarded.body.accepted, true);
    assert.equal(forwarded.body.reply.accepted, true);
    const out = forwarded.body.trace.find((s) => s.step === 'internet-gateway' && s.direction === 'request')!;
    assert.equal(out.header.sourceAddress, PublicIp, 'the NAT instance masquerades, then its Elastic IP leaves');
    assert.ok(forwarded.body.trace.some((s) => s.step === 'forward' && s.component === natNic.id));
  });

  it('drops the reply when the ACL allows the request but not the reply’s ephemeral port', async () => {
    const net = await publicPrivate(ec2);
    const db = await newGroup(ec2, 'db', net.vpcId);
    await allowIngress(ec2, db, 'tcp', 5432, 5432, '10.0.1.0/24');
    const dbEni = await eniInSubnet(ec2, net.privateSubnet, { Groups: [db] });
    const client = await eniInSubnet(ec2, net.publicSubnet);
    const aclId = (await ec2.send(new CreateNetworkAclCommand({ VpcId: net.vpcId }))).NetworkAcl!.NetworkAclId!;
    await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.1.0/24', PortRange: { From: 5432, To: 5432 } }));
    // Outbound only to the low ephemeral range: a Linux client's 50000 is outside it.
    await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: 100, Egress: true, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.1.0/24', PortRange: { From: 1024, To: 32767 } }));
    const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [net.privateSubnet] }] }));
    const association = NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === net.privateSubnet)!;
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: aclId }));

    const answer = await sendTraffic(server.url, { source: client.NetworkInterfaceId, destination: dbEni.PrivateIpAddress, protocol: 'tcp', port: 5432, sourcePort: 50000 });
    assert.equal(answer.body.accepted, true, 'the request passes rule 100 inbound');
    assert.equal(answer.body.trace.find((s) => s.step === 'network-acl-ingress')!.rule, '100');
    assert.equal(answer.body.reply.accepted, false);
    assert.equal(answer.body.reply.code, 'SUBNET_ACL_RESTRICTION');
    const denied = dropOf(answer)!;
    assert.deepEqual([denied.direction, denied.step, denied.component, denied.rule], ['reply', 'network-acl-egress', aclId, '32767']);
    assert.equal(denied.header.destinationPort, 50000);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const label = `network_interface_id="${dbEni.NetworkInterfaceId}",direction="out",action="reject"`;
    assert.match(metrics, new RegExp(`vpclite_network_interface_packets_total\\{[^}]*${label}\\} 1\\n`), 'the reply is counted as rejected at the ENI');

    const lowPort = await sendTraffic(server.url, { source: client.NetworkInterfaceId, destination: dbEni.PrivateIpAddress, protocol: 'tcp', port: 5432, sourcePort: 30000 });
    assert.equal(lowPort.body.reply.accepted, true);
  });

  it('sends traffic for a failed instance’s address to the standby once the ENI moves', async () => {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.2.0.0/16', '10.2.1.0/24');
    const service = await newGroup(ec2, 'service', vpcId);
    await allowIngress(ec2, service, 'tcp', 80, 80, '10.2.0.0/16');
    const primary = await runOne(ec2, { SubnetId: subnetId });
    const standby = await runOne(ec2, { SubnetId: subnetId });
    const floating = await eniInSubnet(ec2, subnetId, { Groups: [service] });
    const { AttachmentId } = await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: primary, NetworkInterfaceId: floating.NetworkInterfaceId, DeviceIndex: 1 }));
    const client = await eniInSubnet(ec2, subnetId);
    const packet = { source: client.NetworkInterfaceId, destination: floating.PrivateIpAddress, protocol: 'tcp', port: 80 };

    const before = await sendTraffic(server.url, packet);
    assert.equal(before.body.deliveredTo!.instanceId, primary);

    await ec2.send(new StopInstancesCommand({ InstanceIds: [primary] }));
    const failed = await sendTraffic(server.url, packet);
    assert.equal(failed.body.accepted, false);
    assert.equal(failed.body.code, 'BAD_STATE');
    assert.deepEqual([dropOf(failed)!.component, dropOf(failed)!.rule], [primary, 'stopped']);

    await ec2.send(new DetachNetworkInterfaceCommand({ AttachmentId }));
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: standby, NetworkInterfaceId: floating.NetworkInterfaceId, DeviceIndex: 1 }));
    const after = await sendTraffic(server.url, packet);
    assert.equal(after.body.accepted, true);
    assert.equal(after.body.reply.accepted, true);
    assert.deepEqual(after.body.deliveredTo, { networkInterfaceId: floating.NetworkInterfaceId, instanceId: standby });
  });

  it('never evaluates a network ACL between two ENIs of the same subnet', async () => {
    const net = await publicPrivate(ec2);
    const closed = (await ec2.send(new CreateNetworkAclCommand({ VpcId: net.vpcId }))).NetworkAcl!.NetworkAclId!;
    const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [net.privateSubnet] }] }));
    const association = NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === net.privateSubnet)!;
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: closed }));
    const open = await newGroup(ec2, 'open', net.vpcId);
    await allowIngress(ec2, open, 'tcp', 0, 65535, '10.0.0.0/16');
    const a = await eniInSubnet(ec2, net.privateSubnet, { Groups: [open] });
    const b = await eniInSubnet(ec2, net.privateSubnet, { Groups: [open] });
    const other = await eniInSubnet(ec2, net.publicSubnet, { Groups: [open] });

    const same = await sendTraffic(server.url, { source: a.NetworkInterfaceId, destination: b.PrivateIpAddress, protocol: 'tcp', port: 8080 });
    assert.equal(same.body.accepted, true);
    assert.equal(same.body.reply.accepted, true);
    assert.ok(!same.body.trace.some((s) => s.step.startsWith('network-acl')), 'no ACL step for same-subnet traffic');

    const across = await sendTraffic(server.url, { source: other.NetworkInterfaceId, destination: b.PrivateIpAddress, protocol: 'tcp', port: 8080 });
    assert.equal(across.body.accepted, false);
    assert.deepEqual([dropOf(across)!.step, dropOf(across)!.component, dropOf(across)!.rule], ['network-acl-ingress', closed, '32767']);
  });

  it('names the rule of a referenced group: members’ private addresses only', async () => {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.3.0.0/16', '10.3.1.0/24');
    const appGroup = await newGroup(ec2, 'app', vpcId);
    const dbGroup = await newGroup(ec2, 'db', vpcId);
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: dbGroup, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: appGroup }] }] }),
    );
    const { SecurityGroupRules } = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [dbGroup] }] }));
    const referenceRule = SecurityGroupRules!.find((r) => !r.IsEgress)!.SecurityGroupRuleId;
    const db = await eniInSubnet(ec2, subnetId, { Groups: [dbGroup] });
    const app = await eniInSubnet(ec2, subnetId, { Groups: [appGroup] });
    const stranger = await eniInSubnet(ec2, subnetId);
    const member = await sendTraffic(server.url, { source: app.NetworkInterfaceId, destination: db.NetworkInterfaceId, protocol: 'tcp', port: 5432 });
    assert.equal(member.body.accepted, true);
    assert.equal(member.body.trace.find((s) => s.step === 'security-group-ingress')!.rule, referenceRule);
    const other = await sendTraffic(server.url, { source: stranger.NetworkInterfaceId, destination: db.NetworkInterfaceId, protocol: 'tcp', port: 5432 });
    assert.equal(other.body.code, 'ENI_SG_RULES_MISMATCH');
  });
});
