/** Small steps the security group tests share: making VPCs and groups, reading a group back. */
import {
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type SecurityGroup,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';

export async function newVpc(ec2: EC2Client, cidr = '10.0.0.0/16'): Promise<string> {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }));
  return Vpc!.VpcId!;
}

export async function defaultVpcId(ec2: EC2Client): Promise<string> {
  const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  return Vpcs![0]!.VpcId!;
}

export async function newGroup(ec2: EC2Client, name: string, vpcId?: string): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} group`, VpcId: vpcId }));
  return GroupId!;
}

export async function describeGroup(ec2: EC2Client, groupId: string): Promise<SecurityGroup> {
  const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  return SecurityGroups![0]!;
}

export async function rulesOf(ec2: EC2Client, groupId: string): Promise<SecurityGroupRule[]> {
  const { SecurityGroupRules } = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return SecurityGroupRules!;
}

/** `count` IPv4 ranges 10.<i/256>.<i%256>.0/24, distinct for i < 65536. */
export const cidrRanges = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => ({ CidrIp: `10.${Math.floor((i + offset) / 256)}.${(i + offset) % 256}.0/24` }));
