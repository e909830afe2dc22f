import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { cidrRanges, describeGroup, newGroup, newVpc, rulesOf } from './helpers/security-groups.js';

describe('AuthorizeSecurityGroupIngress / Egress', () => {
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

  const ingress = (IpPermissions: IpPermission[], id = groupId) =>
    ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions }));
  const egress = (IpPermissions: IpPermission[], id = groupId) =>
    ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: id, IpPermissions }));
  const tcp = (port: number, cidr: string, to = port): IpPermission => ({
    IpProtocol: 'tcp', FromPort: port, ToPort: to, IpRanges: [{ CidrIp: cidr }],
  });

  it('creates one rule per peer, each with its own id, and answers them', async () => {
    const answer = await ingress([
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'office' }, { CidrIp: '192.168.1.0/24' }],
        Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
      },
    ]);
    assert.equal(answer.Return, true);
    const rules = answer.SecurityGroupRules!;
    assert.equal(rules.length, 3);
    assert.equal(new Set(rules.map((r) => r.SecurityGroupRuleId)).size, 3);
    for (const rule of rules) {
      assert.match(rule.SecurityGroupRuleId!, /^sgr-[0-9a-f]{17}$/);
      assert.equal(rule.GroupId, groupId);
      assert.equal(rule.GroupOwnerId, '123456789012');
      assert.equal(rule.IsEgress, false);
      assert.equal(rule.IpProtocol, 'tcp');
      assert.equal(rule.FromPort, 22);
      assert.equal(rule.ToPort, 22);
      assert.equal(rule.SecurityGroupRuleArn, `arn:aws:ec2:us-east-1:123456789012:security-group-rule/${rule.SecurityGroupRuleId}`);
    }
    assert.deepEqual(rules.map((r) => r.CidrIpv4 ?? r.CidrIpv6), ['10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32']);
    assert.equal(rules[0]!.Description, 'office');
    assert.equal(rules[1]!.Description, undefined);
  });

  it('canonicalises CIDRs and treats a non-canonical CIDR as the same rule', async () => {
    const answer = await ingress([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '100.68.0.18/18' }], Ipv6Ranges: [{ CidrIpv6: '2001:DB8:0:0::1/64' }] },
    ]);
    assert.deepEqual(answer.SecurityGroupRules!.map((r) => r.CidrIpv4 ?? r.CidrIpv6), ['100.68.0.0/18', '2001:db8::/64']);
    const e = await awsError(ingress([tcp(443, '100.68.0.1/18')]));
    assert.equal(e.code, 'InvalidPermission.Duplicate');
    assert.equal(e.message, 'the specified rule "peer: 100.68.0.0/18, TCP, from port: 443, to port: 443, ALLOW" already exists');
  });

  it('stores protocol numbers 6/17/1/58 and any case as names, and other protocols as numbers without ports', async () => {
    const answer = await ingress([
      { IpProtocol: '6', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      { IpProtocol: 'UDP', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      { IpProtocol: '1', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      { IpProtocol: '58', Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      { IpProtocol: '50', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      { IpProtocol: '-1', FromPort: 5, ToPort: 6, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ]);
    assert.deepEqual(
      answer.SecurityGroupRules!.map((r) => [r.IpProtocol, r.FromPort, r.ToPort]),
      [['tcp', 80, 80], ['udp', 53, 53], ['icmp', 8, -1], ['icmpv6', -1, -1], ['50', -1, -1], ['-1', -1, -1]],
    );
    const group = await describeGroup(ec2, groupId);
    const shapes = group.IpPermissions!.map((p) => [p.IpProtocol, p.FromPort, p.ToPort]);
    assert.deepEqual(shapes, [
      ['tcp', 80, 80], ['udp', 53, 53], ['icmp', 8, -1], ['icmpv6', -1, -1], ['50', undefined, undefined], ['-1', undefined, undefined],
    ]);
  });

  it('refuses bad protocols, ports, CIDRs, descriptions and peers with AWS codes', async () => {
    const cases: [IpPermission, string][] = [
      [{ FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'foo', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: '256', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidPermission.Malformed'],
      [{ IpProtocol: 'udp', FromPort: 0, ToPort: 70000, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidPermission.Malformed'],
      [{ IpProtocol: 'tcp', FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'icmp', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'icmp', FromPort: 300, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidPermission.Malformed'],
      [{ IpProtocol: 'icmp', FromPort: -1, ToPort: 3, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }, 'InvalidParameterValue'],
      [tcp(22, '10.0.0.0'), 'InvalidParameterValue'],
      [tcp(22, '10.0.0.0/33'), 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '2001:db8::/129' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: "it's" }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }, 'MissingParameter'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'prefix' }] }, 'InvalidPrefixListId.Malformed'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-bad' }] }, 'InvalidGroupId.Malformed'],
    ];
    for (const [permission, code] of cases) {
      const e = await awsError(ingress([permission]));
      assert.equal(e.code, code, JSON.stringify(permission));
    }
    const tcpNoPorts = await awsError(ingress([{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }]));
    assert.equal(tcpNoPorts.message, "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    const none = await awsError(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId })));
    assert.equal(none.code, 'MissingParameter');
    assert.deepEqual((await describeGroup(ec2, groupId)).IpPermissions, [], 'nothing was added');
  });

  it('fails the whole request on a rule that already exists, with AWS\'s exact wording', async () => {
    await ingress([tcp(22, '0.0.0.0/0')]);
    const e = await awsError(ingress([tcp(80, '0.0.0.0/0'), { ...tcp(22, '0.0.0.0/0'), IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'other text' }] }]));
    assert.equal(e.code, 'InvalidPermission.Duplicate');
    assert.equal(e.status, 400);
    assert.equal(e.message, 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists');
    const rules = await rulesOf(ec2, groupId);
    assert.deepEqual(rules.filter((r) => !r.IsEgress).map((r) => r.FromPort), [22], 'port 80 was not added');
  });

  it('names every kind of rule in the duplicate message as AWS does', async () => {
    const other = await newGroup(ec2, 'other', vpcId);
    const permissions: [IpPermission, string][] = [
      [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId: other }] }, `"peer: ${other}, TCP, from port: 0, to port: 65535, ALLOW"`],
      [{ IpProtocol: 'udp', FromPort: 50000, ToPort: 60000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, '"peer: 0.0.0.0/0, UDP, from port: 50000, to port: 60000, ALLOW"'],
      [{ IpProtocol: '50', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, '"peer: 0.0.0.0/0, protocol: 50, ALLOW"'],
      [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, '"peer: 0.0.0.0/0, ALL, ALLOW"'],
    ];
    for (const [permission, text] of permissions) {
      await ingress([permission]);
      const e = await awsError(ingress([permission]));
      assert.equal(e.message, `the specified rule ${text} already exists`);
    }
    const icmp = { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/24' }] };
    await ingress([icmp]);
    assert.equal((await awsError(ingress([icmp]))).code, 'InvalidPermission.Duplicate');
    const e = await awsError(egress([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]));
    assert.equal(e.message, 'the specified rule "peer: 0.0.0.0/0, ALL, ALLOW" already exists', 'a new group already has this egress rule');
  });

  it('refuses the same rule twice in one request', async () => {
    const e = await awsError(ingress([{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '10.1.0.0/8' }] }]));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('allows 60 rules per direction and family, counting group references for both families', async () => {
    await ingress([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: cidrRanges(59) }]);
    const over = await awsError(ingress([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: cidrRanges(2, 100) }]));
    assert.equal(over.code, 'RulesPerSecurityGroupLimitExceeded');
    assert.equal(over.message, 'The maximum number of rules per security group has been reached.');
    assert.equal((await describeGroup(ec2, groupId)).IpPermissions![0]!.IpRanges!.length, 59, 'the failed request added nothing');
    await ingress([tcp(80, '10.200.0.0/16')]);
    const ipv6 = Array.from({ length: 60 }, (_, i) => ({ CidrIpv6: `2001:db8:${i.toString(16)}::/48` }));
    await ingress([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: ipv6 }]);
    const reference = await awsError(ingress([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: groupId }] }]));
    assert.equal(reference.code, 'RulesPerSecurityGroupLimitExceeded');
    // Egress counts on its own: a new group's one egress rule leaves room for 59.
    await egress([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: cidrRanges(59) }]);
    assert.equal((await awsError(egress([tcp(443, '10.250.0.0/16')]))).code, 'RulesPerSecurityGroupLimitExceeded');
  });

  it('references groups of the same VPC by id or, in the default VPC, by name', async () => {
    const other = await newGroup(ec2, 'other', vpcId);
    const answer = await ingress([{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: other, Description: 'app' }] }]);
    assert.deepEqual(answer.SecurityGroupRules![0]!.ReferencedGroupInfo, { GroupId: other, UserId: '123456789012' });
    const pairs = (await describeGroup(ec2, groupId)).IpPermissions![0]!.UserIdGroupPairs;
    assert.deepEqual(pairs, [{ GroupId: other, UserId: '123456789012', Description: 'app' }]);

    const inDefault = await newGroup(ec2, 'front');
    const back = await newGroup(ec2, 'back');
    const byName = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupName: 'back', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupName: 'front' }] }] }),
    );
    assert.equal(byName.SecurityGroupRules![0]!.GroupId, back);
    assert.equal(byName.SecurityGroupRules![0]!.ReferencedGroupInfo!.GroupId, inDefault);
  });

  it('refuses unknown referenced groups and groups of another VPC', async () => {
    const unknown = await awsError(ingress([{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] }]));
    assert.equal(unknown.code, 'InvalidGroup.NotFound');
    const elsewhere = await newGroup(ec2, 'elsewhere');
    const e = await awsError(ingress([{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: elsewhere }] }]));
    assert.equal(e.code, 'InvalidGroup.NotFound');
    assert.equal(e.message, 'You have specified two resources that belong to different networks.');
    const target = await awsError(ingress([tcp(1, '10.0.0.0/8')], 'sg-0123456789abcdef0'));
    assert.equal(target.code, 'InvalidGroup.NotFound');
    assert.equal(target.message, "The security group 'sg-0123456789abcdef0' does not exist");
    assert.equal((await awsError(ingress([tcp(1, '10.0.0.0/8')], 'sg-1'))).code, 'InvalidGroupId.Malformed');
  });

  it('accepts the legacy flat parameters, a source group name granting ICMP, TCP and UDP', async () => {
    const flat = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.0/24' }),
    );
    assert.equal(flat.SecurityGroupRules![0]!.CidrIpv4, '203.0.113.0/24');
    const source = await newGroup(ec2, 'source');
    const target = await newGroup(ec2, 'target');
    const named = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupName: 'target', SourceSecurityGroupName: 'source' }));
    assert.deepEqual(
      named.SecurityGroupRules!.map((r) => [r.IpProtocol, r.FromPort, r.ToPort, r.ReferencedGroupInfo!.GroupId, r.GroupId]),
      [['icmp', -1, -1, source, target], ['tcp', 0, 65535, source, target], ['udp', 0, 65535, source, target]],
    );
  });

  it('tags each new rule from TagSpecification security-group-rule', async () => {
    const answer = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 2, IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '10.1.0.0/16' }] }],
        TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'team', Value: 'net' }] }],
      }),
    );
    for (const rule of answer.SecurityGroupRules!) assert.deepEqual(rule.Tags, [{ Key: 'team', Value: 'net' }]);
    const described = (await rulesOf(ec2, groupId)).filter((r) => !r.IsEgress);
    assert.deepEqual(described.map((r) => r.Tags), [[{ Key: 'team', Value: 'net' }], [{ Key: 'team', Value: 'net' }]]);
    const e = await awsError(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [tcp(9, '10.0.0.0/8')],
          TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'a', Value: 'b' }] }],
        }),
      ),
    );
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal((await rulesOf(ec2, groupId)).filter((r) => r.FromPort === 9).length, 0);
  });

  it('answers DryRunOperation and adds nothing; an invalid DryRun gets the real error', async () => {
    const e = await awsError(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [tcp(22, '10.0.0.0/8')], DryRun: true })));
    assert.equal(e.code, 'DryRunOperation');
    assert.equal(e.status, 412);
    assert.deepEqual((await describeGroup(ec2, groupId)).IpPermissions, []);
    const invalid = await awsError(ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [tcp(22, 'x')], DryRun: true })));
    assert.equal(invalid.code, 'InvalidParameterValue');
  });

  describe('as DescribeSecurityGroups shows them', () => {
    it('folds rules sharing protocol and ports into one IpPermission, in first-rule order', async () => {
      const other = await newGroup(ec2, 'other', vpcId);
      await ingress([tcp(22, '10.0.0.0/8')]);
      await ingress([tcp(443, '0.0.0.0/0')]);
      await ingress([
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '192.168.0.0/16', Description: 'vpn' }],
          Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
          PrefixListIds: [{ PrefixListId: 'pl-63a5400a', Description: 's3' }],
          UserIdGroupPairs: [{ GroupId: other }],
        },
      ]);
      await egress([tcp(5432, '10.0.0.0/8')]);
      const group = await describeGroup(ec2, groupId);
      assert.deepEqual(group.IpPermissions, [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '192.168.0.0/16', Description: 'vpn' }],
          Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }],
          PrefixListIds: [{ PrefixListId: 'pl-63a5400a', Description: 's3' }],
          UserIdGroupPairs: [{ GroupId: other, UserId: '123456789012' }],
        },
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      ]);
      assert.deepEqual(group.IpPermissionsEgress!.map((p) => [p.IpProtocol, p.FromPort]), [['-1', undefined], ['tcp', 5432]]);
    });

    it('filters on ingress and egress rules; different rules may satisfy different filters', async () => {
      const other = await newGroup(ec2, 'other', vpcId);
      const quiet = await newGroup(ec2, 'quiet', vpcId);
      await ingress([tcp(22, '10.0.0.0/8'), { IpProtocol: 'udp', FromPort: 53, ToPort: 54, IpRanges: [{ CidrIp: '192.168.0.0/16' }] }]);
      await ingress([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }], PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }], UserIdGroupPairs: [{ GroupId: other }] }]);
      await egress([tcp(5432, '172.16.0.0/12')]);
      const ids = async (Name: string, Values: string[], more: { Name: string; Values: string[] }[] = []) =>
        (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name, Values }, ...more] }))).SecurityGroups!.map(
          (g) => g.GroupId,
        );
      assert.deepEqual(await ids('ip-permission.cidr', ['10.*']), [groupId]);
      assert.deepEqual(await ids('ip-permission.cidr', ['172.16.0.0/12']), [], 'egress CIDRs are not ingress CIDRs');
      assert.deepEqual(await ids('egress.ip-permission.cidr', ['172.16.0.0/12']), [groupId]);
      const allOut = await ids('egress.ip-permission.cidr', ['0.0.0.0/0']);
      assert.deepEqual(allOut.slice(1), [groupId, other, quiet], 'every group of the VPC, its default group first');
      assert.deepEqual(await ids('ip-permission.from-port', ['53']), [groupId]);
      assert.deepEqual(await ids('ip-permission.to-port', ['54']), [groupId]);
      assert.deepEqual(await ids('ip-permission.protocol', ['17']), [groupId], 'protocol numbers find named rules');
      assert.deepEqual(await ids('ip-permission.protocol', ['udp']), [groupId]);
      assert.deepEqual(await ids('ip-permission.ipv6-cidr', ['2001:db8::/32']), [groupId]);
      assert.deepEqual(await ids('ip-permission.prefix-list-id', ['pl-*']), [groupId]);
      assert.deepEqual(await ids('ip-permission.group-id', [other]), [groupId]);
      assert.deepEqual(await ids('ip-permission.group-name', ['oth?r']), [groupId]);
      const referencing = await ids('ip-permission.user-id', ['123456789012']);
      assert.deepEqual(referencing.slice(1), [groupId], 'the VPC\'s default group references itself, then ours');
      assert.deepEqual(await ids('egress.ip-permission.protocol', ['tcp']), [groupId]);
      assert.deepEqual(await ids('egress.ip-permission.to-port', ['5432']), [groupId]);
      // tcp/22 from 10.0.0.0/8 and udp/53 from 192.168.0.0/16: "udp" and "10.0.0.0/8" are matched by two rules.
      assert.deepEqual(await ids('ip-permission.protocol', ['udp'], [{ Name: 'ip-permission.cidr', Values: ['10.0.0.0/8'] }]), [groupId]);
      assert.deepEqual(await ids('ip-permission.protocol', ['icmp'], [{ Name: 'ip-permission.cidr', Values: ['10.0.0.0/8'] }]), []);
    });
  });
});
