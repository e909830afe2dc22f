/**
 * Networks made through the real API for tests: a VPC with one subnet, and an internet gateway attached to a VPC.
 */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  type EC2Client,
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

/** A VPC `vpcCidr` with one subnet `subnetCidr` in `zone` (us-east-1a by default). */
export async function vpcWithSubnet(
  ec2: EC2Client,
  vpcCidr: string,
  subnetCidr: string,
  zone = 'us-east-1a',
): Promise<VpcWithSubnet> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: vpcCidr }))).Vpc!.VpcId!;
  const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: subnetCidr, AvailabilityZone: zone }));
  return { vpcId, subnetId: subnet.Subnet!.SubnetId! };
}
