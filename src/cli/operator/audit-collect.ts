/**
 * What `vpclite audit` reads for one account and region, all through the EC2 API (so it works against any
 * EC2-compatible server), plus the unattached ENIs' creation times from vpclite's admin route when there is one.
 */
import {
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type _InstanceType,
  type Instance,
  type NetworkInterface,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { CliError } from './cli-error.js';
import type { AuditInput, TypeLimits } from './audit-checks.js';
import type { Connection } from './connection.js';

/** Follows NextToken until the last page. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    items.push(...answer.items);
    token = answer.next;
  } while (token);
  return items;
}

async function createdTimes(conn: Connection): Promise<Map<string, string>> {
  try {
    const { networkInterfaces } = await conn.admin<{ networkInterfaces: { id: string; createdAt: string }[] }>(
      'GET',
      '/_vpclite/audit/network-interfaces',
    );
    return new Map(networkInterfaces.map((n) => [n.id, n.createdAt]));
  } catch (error) {
    // Another EC2 server (moto, AWS) has no such route: ages are then unknown, everything else still holds.
    if (error instanceof CliError && /has no route/.test(error.what)) return new Map();
    throw error;
  }
}

export async function collect(conn: Connection, now: Date): Promise<AuditInput> {
  const { ec2 } = conn;
  const enis = await allPages<NetworkInterface>(async (NextToken) => {
    const a = await ec2.send(new DescribeNetworkInterfacesCommand({ NextToken, MaxResults: 1000 }));
    return { items: a.NetworkInterfaces ?? [], next: a.NextToken };
  });
  const groups = await allPages<SecurityGroup>(async (NextToken) => {
    const a = await ec2.send(new DescribeSecurityGroupsCommand({ NextToken, MaxResults: 1000 }));
    return { items: a.SecurityGroups ?? [], next: a.NextToken };
  });
  const rules = await allPages<SecurityGroupRule>(async (NextToken) => {
    const a = await ec2.send(new DescribeSecurityGroupRulesCommand({ NextToken, MaxResults: 1000 }));
    return { items: a.SecurityGroupRules ?? [], next: a.NextToken };
  });
  const subnets = await allPages<Subnet>(async (NextToken) => {
    const a = await ec2.send(new DescribeSubnetsCommand({ NextToken, MaxResults: 1000 }));
    return { items: a.Subnets ?? [], next: a.NextToken };
  });
  const vpcs = await allPages<Vpc>(async (NextToken) => {
    const a = await ec2.send(new DescribeVpcsCommand({ NextToken, MaxResults: 1000 }));
    return { items: a.Vpcs ?? [], next: a.NextToken };
  });
  const instances = await allPages<Instance>(async (NextToken) => {
    const a = await ec2.send(new DescribeInstancesCommand({ NextToken, MaxResults: 1000 }));
    return { items: (a.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: a.NextToken };
  });
  const addresses = (await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? [];
  const types = [...new Set(instances.map((i) => i.InstanceType!).filter(Boolean))];
  const typeLimits = new Map<string, TypeLimits>();
  for (let i = 0; i < types.length; i += 100) {
    const answer = await ec2.send(new DescribeInstanceTypesCommand({ InstanceTypes: types.slice(i, i + 100) as _InstanceType[] }));
    for (const t of answer.InstanceTypes ?? []) {
      typeLimits.set(t.InstanceType!, {
        maxNetworkInterfaces: t.NetworkInfo?.MaximumNetworkInterfaces ?? Infinity,
        ipv4PerInterface: t.NetworkInfo?.Ipv4AddressesPerInterface ?? Infinity,
        ipv6PerInterface: t.NetworkInfo?.Ipv6Supported ? (t.NetworkInfo.Ipv6AddressesPerInterface ?? 0) : 0,
      });
    }
  }
  return { now, enis, eniCreatedAt: await createdTimes(conn), addresses, groups, rules, subnets, instances, typeLimits, vpcs };
}
