import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  ModifySecurityGroupRulesCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
  type EC2Client,
  type IpPermission,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { describeGroup, newGroup, newVpc, rulesOf } from './helpers/security-groups.js';

const tcp = (port: number, cidr: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] });

describe('changing security group rules', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let vpcId: string;
  let groupId: string;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    vpcId = await newVpc(ec2);
    groupId = await newGroup(ec2, 'web', vpcId);
  });

  const authorize = async (IpPermissions: IpPermission[], id = groupId): Promise<SecurityGroupRule[]> =>
    (await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions }))).SecurityGroupRules!;
  const ingressPorts = async (id = groupId) => (await rulesOf(ec2, id)).filter((r) => !r.IsEgress).map((r) => r.FromPort);

  describe('RevokeSecurityGroupIngress / Egress', () => {
    it('revokes by permission, matching canonical CIDRs and ignoring descriptions', async () => {
      const [rule] = await authorize([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }] }]);
      await authorize([tcp(80, '10.0.0.0/8')]);
      const answer = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [tcp(22, '10.1.2.3/8')] }));
      assert.equal(answer.Return, true);
      assert.equal(answer.UnknownIpPermissions, undefined);
      assert.deepEqual(answer.RevokedSecurityGroupRules, [
        { SecurityGroupRuleId: rule!.SecurityGroupRuleId, GroupId: groupId, IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8', Description: 'ssh' },
      ]);
      assert.deepEqual(await ingressPorts(), [80]);
    });

    it('in a non-default VPC fails with InvalidPermission.NotFound and revokes nothing when one permission matches no rule', async () => {
      await authorize([tcp(22, '10.0.0.0/8')]);
      const e = await awsError(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [tcp(22, '10.0.0.0/8'), tcp(23, '10.0.0.0/8')] })));
      assert.equal(e.code, 'InvalidPermission.NotFound');
      assert.equal(e.message, 'The specified rule does not exist in this security group.');
      assert.deepEqual(await ingressPorts(), [22]);
    });

    it('in the default VPC revokes what matches and lists the rest in unknownIpPermissionSet', async () => {
      const inDefault = await newGroup(ec2, 'dflt');
      await authorize([tcp(22, '10.0.0.0/8')], inDefault);
      const answer = await ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupName: 'dflt', IpPermissions: [tcp(22, '10.0.0.0/8'), tcp(23, '10.0.0.0/8')] }),
      );
      assert.equal(answer.RevokedSecurityGroupRules!.length, 1);
      assert.equal(answer.RevokedSecurityGroupRules![0]!.FromPort, 22);
      assert.deepEqual(answer.UnknownIpPermissions!.map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.IpRanges]), [
        ['tcp', 23, 23, [{ CidrIp: '10.0.0.0/8' }]],
      ]);
      assert.deepEqual(await ingressPorts(inDefault), []);
      const legacy = await ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupId: inDefault, IpProtocol: 'udp', FromPort: 1, ToPort: 1, CidrIp: '10.0.0.0/8' }),
      );
      assert.deepEqual(legacy.RevokedSecurityGroupRules, []);
      assert.equal(legacy.UnknownIpPermissions!.length, 1);
    });

    it('revokes everything DescribeSecurityGroups shows when its IpPermissions are sent back', async () => {
      const other = await newGroup(ec2, 'other', vpcId);
      await authorize([
        { ...tcp(22, '10.0.0.0/8'), Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'v6' }], UserIdGroupPairs: [{ GroupId: other }] },
        { IpProtocol: '-1', PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }] },
        { IpProtocol: 'icmp', FromPort: 3, ToPort: 4, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ]);
      const { IpPermissions, IpPermissionsEgress } = await describeGroup(ec2, groupId);
      const answer = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions }));
      assert.equal(answer.RevokedSecurityGroupRules!.length, 5);
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: IpPermissionsEgress }));
      const after = await describeGroup(ec2, groupId);
      assert.deepEqual([after.IpPermissions, after.IpPermissionsEgress], [[], []]);
    });

    it('revokes by SecurityGroupRuleId.N; unknown, malformed or other-direction ids fail', async () => {
      const rules = await authorize([tcp(22, '10.0.0.0/8'), tcp(80, '10.0.0.0/8'), tcp(443, '10.0.0.0/8')]);
      const answer = await ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [rules[0]!.SecurityGroupRuleId!, rules[2]!.SecurityGroupRuleId!] }),
      );
      assert.deepEqual(answer.RevokedSecurityGroupRules!.map((r) => r.FromPort), [22, 443]);
      assert.deepEqual(await ingressPorts(), [80]);

      const unknown = await awsError(
        ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [rules[1]!.SecurityGroupRuleId!, 'sgr-0123456789abcdef0'] })),
      );
      assert.equal(unknown.code, 'InvalidSecurityGroupRuleId.NotFound');
      assert.deepEqual(await ingressPorts(), [80], 'nothing revoked');
      const malformed = await awsError(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: ['sgr-x'] })));
      assert.equal(malformed.code, 'InvalidSecurityGroupRuleId.Malformed');
      const egressRule = (await rulesOf(ec2, groupId)).find((r) => r.IsEgress)!;
      const wrongWay = await awsError(
        ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [egressRule.SecurityGroupRuleId!] })),
      );
      assert.equal(wrongWay.code, 'InvalidSecurityGroupRuleId.NotFound');
    });

    it('revokes egress rules, including the default all-traffic one', async () => {
      const answer = await ec2.send(
        new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
      );
      assert.equal(answer.RevokedSecurityGroupRules![0]!.IsEgress, true);
      assert.deepEqual((await describeGroup(ec2, groupId)).IpPermissionsEgress, []);
      const e = await awsError(ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [tcp(1, '10.0.0.0/8')] })));
      assert.equal(e.code, 'InvalidPermission.NotFound');
    });

    it('answers MissingParameter without rules and DryRunOperation without revoking', async () => {
      assert.equal((await awsError(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId })))).code, 'MissingParameter');
      await authorize([tcp(22, '10.0.0.0/8')]);
      const e = await awsError(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [tcp(22, '10.0.0.0/8')], DryRun: true })));
      assert.equal(e.code, 'DryRunOperation');
      assert.deepEqual(await ingressPorts(), [22]);
    });
  });

  describe('DescribeSecurityGroupRules', () => {
    it('shows every rule with ports -1 for -1, filtered by group, id (wildcards) and tag', async () => {
      const other = await newGroup(ec2, 'other', vpcId);
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [tcp(22, '10.0.0.0/8')],
          TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'team', Value: 'net' }] }],
        }),
      );
      await authorize([{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId }] }], other);
      const mine = await rulesOf(ec2, groupId);
      assert.deepEqual(mine.map((r) => [r.IsEgress, r.IpProtocol, r.FromPort, r.ToPort, r.CidrIpv4]), [
        [true, '-1', -1, -1, '0.0.0.0/0'],
        [false, 'tcp', 22, 22, '10.0.0.0/8'],
      ]);
      const theirs = await rulesOf(ec2, other);
      const reference = theirs.find((r) => !r.IsEgress)!;
      assert.deepEqual(reference.ReferencedGroupInfo, { GroupId: groupId, UserId: '123456789012' });
      assert.equal(reference.GroupOwnerId, '123456789012');
      assert.deepEqual(reference.Tags, []);

      const tagged = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'tag:team', Values: ['n*'] }] }));
      assert.deepEqual(tagged.SecurityGroupRules!.map((r) => r.FromPort), [22]);
      const id = mine[1]!.SecurityGroupRuleId!;
      const byFilter = await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'security-group-rule-id', Values: [`${id.slice(0, 8)}*`] }] }));
      assert.deepEqual(byFilter.SecurityGroupRules!.map((r) => r.SecurityGroupRuleId), [id]);
      const byId = await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] }));
      assert.equal(byId.SecurityGroupRules![0]!.SecurityGroupRuleArn, `arn:aws:ec2:us-east-1:123456789012:security-group-rule/${id}`);
      const bad = await awsError(ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'cidr', Values: ['x'] }] })));
      assert.equal(bad.code, 'InvalidParameterValue');
    });

    it('fails for unknown or malformed ids and pages in creation order', async () => {
      const e = await awsError(ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] })));
      assert.equal(e.code, 'InvalidSecurityGroupRuleId.NotFound');
      const m = await awsError(ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['rule-1'] })));
      assert.equal(m.code, 'InvalidSecurityGroupRuleId.Malformed');
      await authorize(Array.from({ length: 8 }, (_, i) => tcp(1000 + i, '10.0.0.0/8')));
      const ports: number[] = [];
      let token: string | undefined;
      do {
        const page = await ec2.send(
          new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }], MaxResults: 5, NextToken: token }),
        );
        ports.push(...page.SecurityGroupRules!.map((r) => r.FromPort!));
        token = page.NextToken;
      } while (token);
      assert.deepEqual(ports, [-1, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007]);
      assert.equal((await awsError(ec2.send(new DescribeSecurityGroupRulesCommand({ MaxResults: 3 })))).code, 'InvalidParameterValue');
    });

    it('keeps accounts apart', async () => {
      const [rule] = await authorize([tcp(22, '10.0.0.0/8')]);
      const other = server.client({ accessKeyId: '111122223333' });
      const e = await awsError(other.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [rule!.SecurityGroupRuleId!] })));
      assert.equal(e.code, 'InvalidSecurityGroupRuleId.NotFound');
      const { SecurityGroupRules } = await other.send(new DescribeSecurityGroupRulesCommand({}));
      assert.ok(SecurityGroupRules!.every((r) => r.GroupOwnerId === '111122223333'));
    });
  });

  describe('ModifySecurityGroupRules', () => {
    it('replaces a rule in place, keeping its id, direction and tags', async () => {
      const authorized = await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [tcp(22, '10.0.0.0/8')],
          TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'k', Value: 'v' }] }],
        }),
      );
      const id = authorized.SecurityGroupRules![0]!.SecurityGroupRuleId!;
      const other = await newGroup(ec2, 'other', vpcId);
      const answer = await ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId: groupId,
          SecurityGroupRules: [{ SecurityGroupRuleId: id, SecurityGroupRule: { IpProtocol: '6', FromPort: 443, ToPort: 8443, ReferencedGroupId: other, Description: 'tls' } }],
        }),
      );
      assert.equal(answer.Return, true);
      const [after] = (await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [id] }))).SecurityGroupRules!;
      assert.equal(after!.IsEgress, false);
      assert.equal(after!.IpProtocol, 'tcp');
      assert.deepEqual([after!.FromPort, after!.ToPort], [443, 8443]);
      assert.equal(after!.CidrIpv4, undefined);
      assert.deepEqual(after!.ReferencedGroupInfo, { GroupId: other, UserId: '123456789012' });
      assert.equal(after!.Description, 'tls');
      assert.deepEqual(after!.Tags, [{ Key: 'k', Value: 'v' }]);
      const egressRule = (await rulesOf(ec2, groupId)).find((r) => r.IsEgress)!;
      await ec2.send(
        new ModifySecurityGroupRulesCommand({
          GroupId: groupId,
          SecurityGroupRules: [{ SecurityGroupRuleId: egressRule.SecurityGroupRuleId!, SecurityGroupRule: { IpProtocol: '-1', CidrIpv6: '::/0' } }],
        }),
      );
      assert.deepEqual((await describeGroup(ec2, groupId)).IpPermissionsEgress![0]!.Ipv6Ranges, [{ CidrIpv6: '::/0' }]);
    });

    it('refuses duplicates, unknown rules, rules of another group and bad rule values', async () => {
      const [a, b] = await authorize([tcp(22, '10.0.0.0/8'), tcp(80, '10.0.0.0/8')]);
      const modify = (SecurityGroupRuleId: string, SecurityGroupRule: object, GroupId = groupId) =>
        ec2.send(new ModifySecurityGroupRulesCommand({ GroupId, SecurityGroupRules: [{ SecurityGroupRuleId, SecurityGroupRule }] }));
      const duplicate = await awsError(modify(b!.SecurityGroupRuleId!, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8' }));
      assert.equal(duplicate.code, 'InvalidPermission.Duplicate');
      assert.equal(duplicate.message, 'the specified rule "peer: 10.0.0.0/8, TCP, from port: 22, to port: 22, ALLOW" already exists');
      const same = await modify(a!.SecurityGroupRuleId!, { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8', Description: 'same rule' });
      assert.equal(same.Return, true, 'a rule may be rewritten as itself');
      assert.equal((await awsError(modify('sgr-0123456789abcdef0', { IpProtocol: '-1', CidrIpv4: '1.1.1.1/32' }))).code, 'InvalidSecurityGroupRuleId.NotFound');
      const other = await newGroup(ec2, 'other', vpcId);
      const foreign = await awsError(modify(a!.SecurityGroupRuleId!, { IpProtocol: '-1', CidrIpv4: '1.1.1.1/32' }, other));
      assert.equal(foreign.code, 'InvalidSecurityGroupRuleId.NotFound');
      assert.equal((await awsError(modify(a!.SecurityGroupRuleId!, { IpProtocol: 'bogus', CidrIpv4: '1.1.1.1/32' }))).code, 'InvalidParameterValue');
      assert.equal((await awsError(modify(a!.SecurityGroupRuleId!, { IpProtocol: 'tcp', CidrIpv4: '1.1.1.1/32' }))).code, 'InvalidParameterValue');
      assert.equal((await awsError(modify(a!.SecurityGroupRuleId!, { IpProtocol: '-1' }))).code, 'MissingParameter');
      const two = await awsError(modify(a!.SecurityGroupRuleId!, { IpProtocol: '-1', CidrIpv4: '1.1.1.1/32', CidrIpv6: '::/0' }));
      assert.equal(two.code, 'InvalidParameterCombination');
      const elsewhere = await newGroup(ec2, 'elsewhere');
      const network = await awsError(modify(a!.SecurityGroupRuleId!, { IpProtocol: '-1', ReferencedGroupId: elsewhere }));
      assert.equal(network.code, 'InvalidGroup.NotFound');
      const dry = await awsError(
        ec2.send(
          new ModifySecurityGroupRulesCommand({
            GroupId: groupId,
            SecurityGroupRules: [{ SecurityGroupRuleId: a!.SecurityGroupRuleId!, SecurityGroupRule: { IpProtocol: 'udp', FromPort: 1, ToPort: 1, CidrIpv4: '1.1.1.1/32' } }],
            DryRun: true,
          }),
        ),
      );
      assert.equal(dry.code, 'DryRunOperation');
      assert.deepEqual(await ingressPorts(), [22, 80], 'nothing changed');
    });
  });

  describe('UpdateSecurityGroupRuleDescriptionsIngress / Egress', () => {
    it('sets descriptions by permission or by rule id, and clears one left out', async () => {
      const [a, b] = await authorize([tcp(22, '10.0.0.0/8'), tcp(80, '10.0.0.0/8')]);
      await ec2.send(
        new UpdateSecurityGroupRuleDescriptionsIngressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }] }],
          SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: b!.SecurityGroupRuleId!, Description: 'http' }],
        }),
      );
      const described = async () => new Map((await rulesOf(ec2, groupId)).map((r) => [r.SecurityGroupRuleId, r.Description]));
      let descriptions = await described();
      assert.equal(descriptions.get(a!.SecurityGroupRuleId), 'ssh');
      assert.equal(descriptions.get(b!.SecurityGroupRuleId), 'http');
      await ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: groupId, IpPermissions: [tcp(22, '10.0.0.0/8')] }));
      descriptions = await described();
      assert.equal(descriptions.get(a!.SecurityGroupRuleId), undefined);
      const egressRule = (await rulesOf(ec2, groupId)).find((r) => r.IsEgress)!;
      await ec2.send(
        new UpdateSecurityGroupRuleDescriptionsEgressCommand({
          GroupId: groupId,
          SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: egressRule.SecurityGroupRuleId!, Description: 'anywhere' }],
        }),
      );
      assert.deepEqual((await describeGroup(ec2, groupId)).IpPermissionsEgress![0]!.IpRanges, [{ CidrIp: '0.0.0.0/0', Description: 'anywhere' }]);
    });

    it('answers InvalidPermission.NotFound for a permission without a rule and keeps everything', async () => {
      await authorize([tcp(22, '10.0.0.0/8')]);
      const e = await awsError(
        ec2.send(
          new UpdateSecurityGroupRuleDescriptionsIngressCommand({
            GroupId: groupId,
            IpPermissions: [
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'x' }] },
              { IpProtocol: 'tcp', FromPort: 23, ToPort: 23, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'x' }] },
            ],
          }),
        ),
      );
      assert.equal(e.code, 'InvalidPermission.NotFound');
      assert.equal((await rulesOf(ec2, groupId)).find((r) => r.FromPort === 22)!.Description, undefined);
      const missing = await awsError(ec2.send(new UpdateSecurityGroupRuleDescriptionsEgressCommand({ GroupId: groupId })));
      assert.equal(missing.code, 'MissingParameter');
      const wrongWay = await awsError(
        ec2.send(
          new UpdateSecurityGroupRuleDescriptionsEgressCommand({
            GroupId: groupId,
            SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: (await rulesOf(ec2, groupId)).find((r) => !r.IsEgress)!.SecurityGroupRuleId!, Description: 'x' }],
          }),
        ),
      );
      assert.equal(wrongWay.code, 'InvalidSecurityGroupRuleId.NotFound');
    });

    it('answers DryRunOperation without changing the description', async () => {
      await authorize([tcp(22, '10.0.0.0/8')]);
      const e = await awsError(
        ec2.send(
          new UpdateSecurityGroupRuleDescriptionsIngressCommand({
            GroupId: groupId,
            IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'x' }] }],
            DryRun: true,
          }),
        ),
      );
      assert.equal(e.code, 'DryRunOperation');
      assert.equal((await rulesOf(ec2, groupId)).find((r) => r.FromPort === 22)!.Description, undefined);
    });
  });
});
