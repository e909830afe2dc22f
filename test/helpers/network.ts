/**
 * Networks made (and unmade) through the real API for tests: a VPC with one subnet, an ENI in a subnet, an
 * internet gateway attached to a VPC, an account without its default VPC.
 */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type CreateNetworkInterfaceCommandInput,
  type EC2Client,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';

/** Creates an internet gateway and attaches it to `vpcId`; returns its id. */
export async function attachNewGateway(ec2: EC2Client, vpcId: string): Promise<string> {
  const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({}));
  const gatewayId = InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
  return gatewayId;
}

export interface VpcWithSubnet {
  vpcId: string;
  subnetId: string;
}

/** A VPC `vpcCidr` with one subnet `subnetCidr`, in `zone` or wherever CreateSubnet puts it. */
export async function vpcWithSubnet(
  ec2: EC2Client,
  vpcCidr: string,
  subnetCidr: string,
  zone?: string,
): Promise<VpcWithSubnet> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: vpcCidr }))).Vpc!.VpcId!;
  const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: subnetCidr, AvailabilityZone: zone }));
  return { vpcId, subnetId: subnet.Subnet!.SubnetId! };
}

/**
 * Deletes the caller's default VPC as a user would: its default subnets, then its internet gateway, then the VPC.
 * Anything else the test put in it must be gone first.
 */
export async function deleteDefaultVpc(ec2: EC2Client): Promise<void> {
  const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const vpcId = Vpcs![0]!.VpcId!;
  const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  for (const subnet of Subnets!) await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
  const { InternetGateways } = await ec2.send(
    new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
  );
  for (const gateway of InternetGateways!) {
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId, VpcId: vpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId }));
  }
  await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
}

/** Creates an ENI in `subnetId` (with whatever else `input` asks for) and returns it as CreateNetworkInterface does. */
export async function eniInSubnet(
  ec2: EC2Client,
  subnetId: string,
  input: Partial<CreateNetworkInterfaceCommandInput> = {},
): Promise<NetworkInterface> {
  return (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, ...input }))).NetworkInterface!;
}
