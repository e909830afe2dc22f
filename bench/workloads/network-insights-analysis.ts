/**
 * A Reachability analysis on the evaluator benchmark's topology (issue 5): one VPC 10.0.0.0/16 with an internet
 * gateway, 10 subnets of 100 ENIs (1,000 ENIs), 100 security groups of 50 rules (25 ingress, 25 egress: single
 * ports and ranges, from /16-/28 blocks, one in five naming another group), every ENI in 1-3 groups, and 10 network
 * ACLs of 20 entries per direction, one per subnet - all built through the API. The figure is the median latency of
 * StartNetworkInsightsAnalysis at concurrency 1 on paths between random ENIs (and from the gateway): the whole
 * analysis happens in that request (read the path's slice, evaluate, store the result), so it is the time an
 * analysis takes, HTTP and commit included.
 */
import { BenchClient, xmlValue } from '../client.js';
import { runLoad } from '../load.js';
import { waitForQuiet, watchCpu } from '../machine-load.js';
import { PORTS, seeded } from '../traffic-topology.js';
import type { Workload } from '../workload.js';

const SUBNETS = 10;
const ENIS_PER_SUBNET = 100;
const GROUPS = 100;
const RULES_PER_DIRECTION = 25;
const ACL_ENTRIES = 20;
const PATHS = 200;

interface Population {
  pathIds: string[];
}

export async function buildInsightsPopulation(client: BenchClient): Promise<Population> {
  const random = seeded(5);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const block = (n: number) => {
    const prefix = [16, 20, 24, 28][n % 4]!;
    const third = (n * 37) % 256;
    return prefix === 16 ? '10.0.0.0/16' : prefix === 20 ? `10.0.${third & 0xf0}.0/20` : `10.0.${third}.${prefix === 28 ? (n % 16) * 16 : 0}/${prefix}`;
  };
  const vpcId = xmlValue(await client.expect({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' }), 'vpcId')!;
  const gatewayId = xmlValue(await client.expect({ Action: 'CreateInternetGateway' }), 'internetGatewayId')!;
  await client.expect({ Action: 'AttachInternetGateway', InternetGatewayId: gatewayId, VpcId: vpcId });

  const groupIds: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    groupIds.push(xmlValue(await client.expect({ Action: 'CreateSecurityGroup', VpcId: vpcId, GroupName: `bench-${g}`, GroupDescription: 'bench' }), 'groupId')!);
  }
  for (const [g, groupId] of groupIds.entries()) {
    for (const action of ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress']) {
      const params: Record<string, string> = { Action: action, GroupId: groupId };
      for (let r = 1; r <= RULES_PER_DIRECTION; r++) {
        // Distinct ports per rule keep every rule of a group distinct (EC2 refuses duplicates).
        const port = 1000 + g * 50 + r + (action.endsWith('Egress') ? 25 : 0);
        const [from, to] = r % 5 === 0 ? [port, port + 100] : [r <= PORTS.length ? PORTS[r - 1]! : port, r <= PORTS.length ? PORTS[r - 1]! : port];
        params[`IpPermissions.${r}.IpProtocol`] = r % 10 === 9 ? 'udp' : 'tcp';
        params[`IpPermissions.${r}.FromPort`] = String(from);
        params[`IpPermissions.${r}.ToPort`] = String(to);
        if (r % 5 === 1) params[`IpPermissions.${r}.Groups.1.GroupId`] = groupIds[(g + r) % GROUPS]!;
        else params[`IpPermissions.${r}.IpRanges.1.CidrIp`] = r === 2 ? '0.0.0.0/0' : block(g + r);
      }
      await client.expect(params);
    }
  }

  const aclAssociations = new Map<string, string>();
  const enis: string[] = [];
  for (let s = 0; s < SUBNETS; s++) {
    const subnetId = xmlValue(await client.expect({ Action: 'CreateSubnet', VpcId: vpcId, CidrBlock: `10.0.${s * 16}.0/20` }), 'subnetId')!;
    const aclId = xmlValue(await client.expect({ Action: 'CreateNetworkAcl', VpcId: vpcId }), 'networkAclId')!;
    for (const egress of ['false', 'true']) {
      // 19 entries of ours and the default deny make the 20 a direction holds at most.
      const last = ACL_ENTRIES - 1;
      for (let e = 1; e <= last; e++) {
        const deny = e % 4 === 1 && e < last;
        const port = pick(PORTS);
        await client.expect({
          Action: 'CreateNetworkAclEntry', NetworkAclId: aclId, RuleNumber: String(e * 10), Egress: egress, Protocol: '6',
          RuleAction: deny ? 'deny' : 'allow', CidrBlock: deny ? block(s + e) : e === last ? '0.0.0.0/0' : '10.0.0.0/16',
          'PortRange.From': deny ? String(port) : '1', 'PortRange.To': deny ? String(port) : '65535',
        });
      }
    }
    const described = await client.expect({ Action: 'DescribeNetworkAcls', 'Filter.1.Name': 'association.subnet-id', 'Filter.1.Value.1': subnetId });
    const associationId = new RegExp(`<networkAclAssociationId>([^<]*)</networkAclAssociationId>\\s*<networkAclId>[^<]*</networkAclId>\\s*<subnetId>${subnetId}</subnetId>`).exec(described)?.[1]
      ?? xmlValue(described, 'networkAclAssociationId')!;
    aclAssociations.set(subnetId, aclId);
    await client.expect({ Action: 'ReplaceNetworkAclAssociation', AssociationId: associationId, NetworkAclId: aclId });
    for (let n = 0; n < ENIS_PER_SUBNET; n++) {
      const params: Record<string, string> = { Action: 'CreateNetworkInterface', SubnetId: subnetId };
      const count = 1 + Math.floor(random() * 3);
      const chosen = new Set<string>();
      while (chosen.size < count) chosen.add(pick(groupIds));
      [...chosen].forEach((groupId, i) => (params[`SecurityGroupId.${i + 1}`] = groupId));
      enis.push(xmlValue(await client.expect(params), 'networkInterfaceId')!);
    }
  }

  const pathIds: string[] = [];
  for (let p = 0; p < PATHS; p++) {
    const source = p % 10 === 0 ? gatewayId : pick(enis);
    const body = await client.expect({
      Action: 'CreateNetworkInsightsPath', Source: source, Destination: pick(enis), Protocol: 'tcp',
      DestinationPort: String(pick(PORTS)), ClientToken: `bench-path-${p}`,
    });
    pathIds.push(xmlValue(body, 'networkInsightsPathId')!);
  }
  return { pathIds };
}

export const networkInsightsAnalysis: Workload = {
  name: 'network-insights-analysis',
  title: 'StartNetworkInsightsAnalysis on 1,000 ENIs / 100 SGs × 50 rules / NACLs of 20, p50 latency',
  unit: 'ms',
  better: 'lower',
  goal: '< 10 ms',
  ceiling: false,
  skip: { moto: 'moto does not run Reachability analyses' },
  async measure(target, settings) {
    const client = new BenchClient(target.port, { maxSockets: 1, signer: settings.signer });
    try {
      const { pathIds } = await buildInsightsPopulation(client);
      let next = 0;
      const operation = async (call: (params: Record<string, string>) => Promise<unknown>) => {
        const pathId = pathIds[next++ % pathIds.length]!;
        await call({ Action: 'StartNetworkInsightsAnalysis', NetworkInsightsPathId: pathId, ClientToken: `bench-${next}-${Date.now()}` });
      };
      await waitForQuiet([process.pid, target.pid], settings.quiet.maxPercent, settings.quiet.patienceMs);
      if (settings.warmupMs > 0) await runLoad(client, operation, { concurrency: 1, durationMs: settings.warmupMs });
      const cpu = watchCpu([process.pid, target.pid]);
      const result = await runLoad(client, operation, { concurrency: 1, durationMs: settings.durationMs });
      return {
        value: result.p50Ms,
        p50Ms: result.p50Ms,
        p99Ms: result.p99Ms,
        requests: result.requests,
        concurrency: 1,
        serverCpuUsPerRequest: (cpu.processMs(target.pid) * 1000) / Math.max(1, result.requests),
        clientCpuUsPerRequest: (cpu.processMs(process.pid) * 1000) / Math.max(1, result.requests),
        othersCpuPercent: cpu.othersPercent(),
        errors: result.errors,
        note: `${result.requests} analyses over ${pathIds.length} paths (1 in 10 from the internet gateway), ${result.operationsPerSecond.toFixed(0)}/s`,
      };
    } finally {
      client.close();
    }
  },
};
