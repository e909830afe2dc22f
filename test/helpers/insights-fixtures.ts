/**
 * The seed topology the Reachability Analyzer tests analyse, made through the API: a VPC 10.0.0.0/16 with an
 * internet gateway; a public subnet (its own route table, 0.0.0.0/0 → the gateway) holding a web ENI with an
 * Elastic IP (security group: 443 from anywhere) and a bastion ENI; a private subnet (main route table, local only)
 * holding a management ENI (SSH from the VPC only) and a database ENI (5432 from the web group only).
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './network.js';

export interface SeedTopology {
  vpcId: string;
  gatewayId: string;
  publicSubnetId: string;
  privateSubnetId: string;
  publicRouteTableId: string;
  mainRouteTableId: string;
  defaultAclId: string;
  webGroupId: string;
  managementGroupId: string;
  databaseGroupId: string;
  webEniId: string;
  webPrivateIp: string;
  webPublicIp: string;
  bastionEniId: string;
  managementEniId: string;
  databaseEniId: string;
}

async function group(ec2: EC2Client, vpcId: string, name: string, ingress: Parameters<typeof ingressOf>[0][]): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }));
  if (ingress.length > 0) {
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: ingress.map(ingressOf) }));
  }
  return GroupId!;
}

function ingressOf(rule: { port: number; cidr?: string; groupId?: string }) {
  return {
    IpProtocol: 'tcp',
    FromPort: rule.port,
    ToPort: rule.port,
    IpRanges: rule.cidr ? [{ CidrIp: rule.cidr }] : undefined,
    UserIdGroupPairs: rule.groupId ? [{ GroupId: rule.groupId }] : undefined,
  };
}

export async function seedTopology(ec2: EC2Client): Promise<SeedTopology> {
  const { vpcId, subnetId: publicSubnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
  const privateSubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24' }))).Subnet!.SubnetId!;
  const gatewayId = await attachNewGateway(ec2, vpcId);
  const publicRouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRouteTableId, SubnetId: publicSubnetId }));
  const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }));
  const acls = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default', Values: ['true'] }] }));

  const webGroupId = await group(ec2, vpcId, 'web', [{ port: 443, cidr: '0.0.0.0/0' }]);
  const managementGroupId = await group(ec2, vpcId, 'management', [{ port: 22, cidr: '10.0.0.0/16' }]);
  const databaseGroupId = await group(ec2, vpcId, 'database', [{ port: 5432, groupId: webGroupId }]);
  const web = await eniInSubnet(ec2, publicSubnetId, { Groups: [webGroupId], PrivateIpAddress: '10.0.1.10' });
  const bastion = await eniInSubnet(ec2, publicSubnetId, { Groups: [webGroupId], PrivateIpAddress: '10.0.1.20' });
  const management = await eniInSubnet(ec2, privateSubnetId, { Groups: [managementGroupId], PrivateIpAddress: '10.0.2.22' });
  const database = await eniInSubnet(ec2, privateSubnetId, { Groups: [databaseGroupId], PrivateIpAddress: '10.0.2.54' });
  const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, NetworkInterfaceId: web.NetworkInterfaceId }));
  return {
    vpcId, gatewayId, publicSubnetId, privateSubnetId, publicRouteTableId,
    mainRouteTableId: tables.RouteTables![0]!.RouteTableId!,
    defaultAclId: acls.NetworkAcls![0]!.NetworkAclId!,
    webGroupId, managementGroupId, databaseGroupId,
    webEniId: web.NetworkInterfaceId!, webPrivateIp: '10.0.1.10', webPublicIp: eip.PublicIp!,
    bastionEniId: bastion.NetworkInterfaceId!, managementEniId: management.NetworkInterfaceId!,
    databaseEniId: database.NetworkInterfaceId!,
  };
}
