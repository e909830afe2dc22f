/**
 * `vpclite audit` as a bin/vpclite child process against a server: every finding it reports, per account and
 * region, the cost of idle public IPv4 addresses, and `--fix` (confirmed, declined, --yes) and `--dry-run`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeAddressesCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { startTestServer, awsError, type TestServer } from './helpers/server.js';
import { createNetwork, runOne } from './helpers/instance-fixtures.js';
import { attachNewGateway } from './helpers/network.js';
import { against, vpclite } from './helpers/operator-cli.js';

const ACCOUNT = '135792468013';
const CLEAN = '246813579135';

interface Report {
  scopes: { account: string; region: string; findings: Record<string, Record<string, unknown>[]> }[];
  total: number;
  fix?: { dryRun: boolean; steps: { action: string; id: string; outcome?: string }[] };
}

describe('vpclite audit', () => {
  let server: TestServer;
  let ec2: EC2Client;
  const made = {} as {
    idleEni: string; eipEni: string; eipEniIp: string; idleAllocation: string; idleIp: string; openGroup: string;
    ssh: string; shadowed: string; wide: string; fullSubnet: string; busy: string; vpc: string; overlapping: string;
  };
  const auditJson = async (...args: string[]) => {
    const result = await vpclite(['audit', '--output', 'json', ...against(server.url, ACCOUNT), ...args]);
    return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Report) : undefined };
  };

  before(async () => {
    server = await startTestServer();
    ec2 = server.client({ accessKeyId: ACCOUNT });
    const net = await createNetwork(ec2, 70);
    made.vpc = net.vpcId;
    await attachNewGateway(ec2, net.vpcId);
    made.idleEni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnetA }))).NetworkInterface!.NetworkInterfaceId!;
    made.eipEni = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnetA }))).NetworkInterface!.NetworkInterfaceId!;
    const mapped = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    made.eipEniIp = mapped.PublicIp!;
    await ec2.send(new AssociateAddressCommand({ AllocationId: mapped.AllocationId, NetworkInterfaceId: made.eipEni }));
    const idle = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    made.idleAllocation = idle.AllocationId!;
    made.idleIp = idle.PublicIp!;

    made.openGroup = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'wide-open', Description: 'audit', VpcId: net.vpcId }))).GroupId!;
    const rules = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: made.openGroup,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.1.0.0/16' }] },
        ],
      }),
    );
    const ruleOf = (cidr: string) => rules.SecurityGroupRules!.find((r) => r.CidrIpv4 === cidr)!.SecurityGroupRuleId!;
    made.ssh = ruleOf('0.0.0.0/0');
    made.wide = ruleOf('10.0.0.0/8');
    made.shadowed = ruleOf('10.1.0.0/16');

    // A /28 has 11 usable addresses; one ENI holding 9 of them puts it at 82%.
    made.fullSubnet = (await ec2.send(new CreateSubnetCommand({ VpcId: net.vpcId, CidrBlock: '10.70.9.0/28', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!;
    await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: made.fullSubnet, SecondaryPrivateIpAddressCount: 8 }));
    // A t3.micro holds two ENIs.
    made.busy = await runOne(ec2, { SubnetId: net.subnetA, InstanceType: 't3.micro' });
    const second = (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnetA }))).NetworkInterface!.NetworkInterfaceId!;
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: second, InstanceId: made.busy, DeviceIndex: 1 }));
    made.overlapping = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.70.128.0/17' }))).Vpc!.VpcId!;
    // The clean account exists (its default VPC) and has nothing to report.
    await vpclite(['failover', 'list', ...against(server.url, CLEAN)]);
  });
  after(() => server.close());

  it('reports every kind of finding with exit 3, with ages and the public IPv4 charge', async () => {
    const { code, report, stderr } = await auditJson();
    assert.equal(code, 3, stderr);
    assert.equal(report!.scopes.length, 1);
    const f = report!.scopes[0]!.findings;
    assert.deepEqual(report!.scopes[0]!.region, 'us-east-1');
    const unattached = new Map(f.unattachedEnis!.map((e) => [e.networkInterfaceId as string, e]));
    assert.ok(unattached.has(made.idleEni));
    assert.equal(typeof unattached.get(made.idleEni)!.createdAt, 'string');
    assert.equal(typeof unattached.get(made.idleEni)!.ageHours, 'number');
    assert.equal(unattached.get(made.idleEni)!.monthlyUsd, 0);
    assert.deepEqual(unattached.get(made.eipEni)!.publicIps, [made.eipEniIp]);
    assert.equal(unattached.get(made.eipEni)!.monthlyUsd, 3.65);
    assert.deepEqual(f.idleAddresses, [{ allocationId: made.idleAllocation, publicIp: made.idleIp, hourlyUsd: 0.005, monthlyUsd: 3.65 }]);
    assert.deepEqual(f.openAdminPorts!.map((o) => [o.groupId, o.ruleId, o.cidr, o.ports]), [[made.openGroup, made.ssh, '0.0.0.0/0', 'tcp/22']]);
    assert.deepEqual(f.unusedGroups!.map((g) => g.groupId), [made.openGroup]);
    assert.deepEqual(f.shadowedRules!.map((s) => [s.ruleId, s.shadowedBy]), [[made.shadowed, made.wide]]);
    assert.deepEqual(f.fullSubnets, [{ subnetId: made.fullSubnet, cidr: '10.70.9.0/28', used: 9, usable: 11, percent: 81.8 }]);
    assert.deepEqual(f.instancesAtLimit!.map((i) => [i.instanceId, i.limit]), [[made.busy, 'ENIs 2/2']]);
    assert.deepEqual(f.overlappingCidrs, [{ vpcId: made.vpc, cidr: '10.70.0.0/16', otherVpcId: made.overlapping, otherCidr: '10.70.128.0/17' }]);
  });

  it('prints a summary table and the sections with findings; text output is one tab-separated line per finding', async () => {
    const table = await vpclite(['audit', ...against(server.url, ACCOUNT)]);
    assert.equal(table.code, 3);
    assert.match(table.stdout, /^Audit summary\n┌/);
    assert.match(table.stdout, new RegExp(`│ ${ACCOUNT} │ us-east-1 │ Idle Elastic IPs +│ 1 +│`));
    assert.match(table.stdout, /Idle Elastic IPs\n/);
    assert.match(table.stdout, new RegExp(`│ ${ACCOUNT} │ us-east-1 │ ${made.idleAllocation} │ ${made.idleIp.replaceAll('.', '\\.')} +│ 0\\.005 +│ 3\\.65 +│`));
    const text = await vpclite(['audit', '--output', 'text', ...against(server.url, ACCOUNT)]);
    assert.match(text.stdout, new RegExp(`^ADMIN_PORTS_OPEN_TO_THE_INTERNET\\t${ACCOUNT}\\tus-east-1\\t${made.openGroup}\\twide-open\\t${made.ssh}\\t0\\.0\\.0\\.0/0\\ttcp/22\\tSSH \\(22\\)$`, 'm'));
  });

  it('exits 0 for an account with nothing to report, and --all audits every account and region the server knows', async () => {
    const clean = await vpclite(['audit', '--output', 'json', '--account', CLEAN, '--endpoint', server.url]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal((JSON.parse(clean.stdout) as Report).total, 0);
    const all = await vpclite(['audit', '--all', '--output', 'json', '--endpoint', server.url]);
    assert.equal(all.code, 3);
    const scopes = (JSON.parse(all.stdout) as Report).scopes.map((s) => `${s.account}/${s.region}`);
    assert.ok(scopes.includes(`${ACCOUNT}/us-east-1`) && scopes.includes(`${CLEAN}/us-east-1`), scopes.join(' '));
    const bad = await vpclite(['audit', '--account', '12', '--endpoint', server.url]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--account 12 is not an account id/);
  });

  it('--dry-run lists the fix and changes nothing; a declined --fix exits 7 and changes nothing', async () => {
    const dry = await auditJson('--fix', '--dry-run');
    assert.equal(dry.code, 3);
    assert.equal(dry.report!.fix!.dryRun, true);
    const steps = dry.report!.fix!.steps.map((s) => `${s.action} ${s.id}`);
    assert.ok(steps.includes(`ReleaseAddress ${made.idleAllocation}`));
    assert.ok(steps.includes(`DeleteNetworkInterface ${made.idleEni}`));
    const declined = await vpclite(['audit', '--fix', ...against(server.url, ACCOUNT)], 'n\n');
    assert.equal(declined.code, 7);
    assert.match(declined.stderr, /Delete \d+ unattached ENI\(s\) and release 1 idle Elastic IP\(s\)\? \[y\/N\] \nvpclite: nothing was deleted or released/);
    const still = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [made.idleEni] }));
    assert.equal(still.NetworkInterfaces!.length, 1);
  });

  it('--fix deletes the unattached ENIs and releases the idle addresses once confirmed, and the next audit finds neither', async () => {
    const fixed = await vpclite(['audit', '--fix', '--output', 'json', ...against(server.url, ACCOUNT)], 'y\n');
    assert.equal(fixed.code, 0, fixed.stderr);
    const report = JSON.parse(fixed.stdout) as Report;
    assert.ok(report.fix!.steps.every((s) => s.outcome === 'done'), JSON.stringify(report.fix));
    const gone = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [made.idleEni] })));
    assert.equal(gone.code, 'InvalidNetworkInterfaceID.NotFound');
    const addresses = await ec2.send(new DescribeAddressesCommand({}));
    assert.deepEqual(addresses.Addresses!.map((a) => a.PublicIp), [made.eipEniIp], 'the released address is gone; the one of the deleted ENI stays, now idle');
    const after = await auditJson();
    assert.equal(after.report!.scopes[0]!.findings.unattachedEnis!.length, 0);
    assert.equal(after.report!.scopes[0]!.findings.idleAddresses!.length, 1);
    const yes = await auditJson('--fix', '--yes');
    assert.equal(yes.code, 0);
    assert.equal((await ec2.send(new DescribeAddressesCommand({}))).Addresses!.length, 0);
  });
});
