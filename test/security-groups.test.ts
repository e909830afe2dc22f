import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { deleteDefaultVpc } from './helpers/network.js';
import { defaultVpcId, describeGroup, newGroup, newVpc } from './helpers/security-groups.js';

describe('security groups', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  /** An account whose default VPC is gone (deleted as a user would). */
  const forgetDefaultVpc = () => deleteDefaultVpc(ec2);

  describe('CreateSecurityGroup', () => {
    it('creates a group in the given VPC with only the all-traffic IPv4 egress rule', async () => {
      const vpcId = await newVpc(ec2);
      const created = await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: 'web',
          Description: 'Web tier (ports 80/443) #1',
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'web' }] }],
        }),
      );
      assert.match(created.GroupId!, /^sg-[0-9a-f]{17}$/);
      assert.equal(created.SecurityGroupArn, `arn:aws:ec2:us-east-1:123456789012:security-group/${created.GroupId}`);
      assert.deepEqual(created.Tags, [{ Key: 'Name', Value: 'web' }]);
      const group = await describeGroup(ec2, created.GroupId!);
      assert.equal(group.GroupName, 'web');
      assert.equal(group.Description, 'Web tier (ports 80/443) #1');
      assert.equal(group.VpcId, vpcId);
      assert.equal(group.OwnerId, '123456789012');
      assert.deepEqual(group.IpPermissions, []);
      assert.deepEqual(group.IpPermissionsEgress, [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
      ]);
      assert.deepEqual(group.Tags, [{ Key: 'Name', Value: 'web' }]);
    });

    it('uses the default VPC when VpcId is left out, and trims trailing spaces from the name', async () => {
      const groupId = await newGroup(ec2, 'app  ');
      const group = await describeGroup(ec2, groupId);
      assert.equal(group.VpcId, await defaultVpcId(ec2));
      assert.equal(group.GroupName, 'app');
    });

    it('answers VPCIdNotSpecified without VpcId when the account has no default VPC', async () => {
      await forgetDefaultVpc();
      const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x' })));
      assert.equal(e.code, 'VPCIdNotSpecified');
      assert.match(e.message, /^No default VPC for this user/);
    });

    it('refuses a name already used in the VPC, in any case, but not in another VPC', async () => {
      const vpcId = await newVpc(ec2);
      await newGroup(ec2, 'web', vpcId);
      for (const name of ['web', 'WEB']) {
        const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'd', VpcId: vpcId })));
        assert.equal(e.code, 'InvalidGroup.Duplicate');
        assert.equal(e.message, `The security group '${name}' already exists for VPC '${vpcId}'`);
      }
      await newGroup(ec2, 'web'); // the default VPC is another VPC
    });

    it('reserves `default` and refuses names starting with sg-, bad characters and over-long values', async () => {
      const vpcId = await newVpc(ec2);
      const reserved = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'default', Description: 'd', VpcId: vpcId })));
      assert.equal(reserved.code, 'InvalidGroup.Reserved');
      const cases: [string, string][] = [
        ['sg-web', 'd'],
        ['web\'s', 'd'],
        ['x'.repeat(256), 'd'],
        ['web', 'caf\u00e9'],
        ['web', 'a'.repeat(256)],
        ['w\u00e9b', 'd'],
      ];
      for (const [name, description] of cases) {
        const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: description, VpcId: vpcId })));
        assert.equal(e.code, 'InvalidParameterValue', `${name} / ${description}`);
      }
      await newGroup(ec2, 'a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*', vpcId);
    });

    it('answers InvalidVpcID.NotFound / .Malformed for an unknown or malformed VPC', async () => {
      const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: 'vpc-0123456789abcdef0' })));
      assert.equal(e.code, 'InvalidVpcID.NotFound');
      assert.equal(e.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
      const m = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: 'vpc-zz' })));
      assert.equal(m.code, 'InvalidVpcID.Malformed');
    });

    it('requires GroupDescription on the wire', async () => {
      const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: undefined as unknown as string })));
      assert.equal(e.code, 'MissingParameter');
      assert.match(e.message, /GroupDescription/);
    });

    it('refuses a TagSpecification for another resource type', async () => {
      const e = await awsError(
        ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] })),
      );
      assert.equal(e.code, 'InvalidParameterValue');
      const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['x'] }] }));
      assert.deepEqual(SecurityGroups, []);
    });

    it('stops at 2,500 groups per region with SecurityGroupLimitExceeded', async () => {
      const vpcId = await defaultVpcId(ec2);
      // 2,500 CreateSecurityGroup calls would only test the loop; the rows are what the quota counts.
      await server.store.write(async (tx) => {
        const { n } = (await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM security_groups WHERE account = '123456789012'`))!;
        for (let i = Number(n); i < 2500; i++) {
          const id = `sg-${i.toString(16).padStart(17, '0')}`;
          await tx.run(
            `INSERT INTO security_groups (id, account, region, vpc_id, name, name_key, description, is_default)
             VALUES (?, '123456789012', 'us-east-1', ?, ?, ?, 'filler', 0)`,
            [id, vpcId, `filler-${i}`, `filler-${i}`],
          );
        }
      });
      const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'one-too-many', Description: 'x' })));
      assert.equal(e.code, 'SecurityGroupLimitExceeded');
      const other = server.client({ accessKeyId: '111122223333' });
      await newGroup(other, 'fine-elsewhere');
    });

    it('answers DryRunOperation for a valid request and creates nothing; an invalid one gets its real error', async () => {
      const e = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'dry', Description: 'x', DryRun: true })));
      assert.equal(e.code, 'DryRunOperation');
      assert.equal(e.status, 412);
      const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['dry'] }] }));
      assert.deepEqual(SecurityGroups, []);
      const invalid = await awsError(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'default', Description: 'x', DryRun: true })));
      assert.equal(invalid.code, 'InvalidGroup.Reserved');
    });
  });

  describe('DeleteSecurityGroup', () => {
    it('deletes by id, after which the group is not found', async () => {
      const groupId = await newGroup(ec2, 'gone');
      const answer = await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
      assert.equal(answer.Return, true);
      assert.equal(answer.GroupId, groupId);
      const e = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })));
      assert.equal(e.code, 'InvalidGroup.NotFound');
      assert.equal(e.message, `The security group '${groupId}' does not exist`);
    });

    it('deletes by name in the default VPC only', async () => {
      const vpcId = await newVpc(ec2);
      await newGroup(ec2, 'elsewhere', vpcId);
      const e = await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'elsewhere' })));
      assert.equal(e.code, 'InvalidGroup.NotFound');
      const groupId = await newGroup(ec2, 'here');
      const answer = await ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'here' }));
      assert.equal(answer.GroupId, groupId);
    });

    it('refuses the default group with CannotDelete', async () => {
      const vpcId = await newVpc(ec2);
      const { SecurityGroups } = await ec2.send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }),
      );
      const id = SecurityGroups![0]!.GroupId!;
      const e = await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
      assert.equal(e.code, 'CannotDelete');
      assert.equal(e.message, `the specified group: "${id}" name: "default" cannot be deleted by a user`);
    });

    it('refuses a group another group references, but not one that references only itself', async () => {
      const a = await newGroup(ec2, 'a');
      const b = await newGroup(ec2, 'b');
      const allFrom = (groupId: string) => ({ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId }] });
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: a, IpPermissions: [allFrom(a)] }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: b, IpPermissions: [allFrom(a)] }));
      const e = await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: a })));
      assert.equal(e.code, 'DependencyViolation');
      assert.equal(e.message, `resource ${a} has a dependent object`);
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: b }));
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: a }));
    });

    it('answers MissingParameter without a group, Malformed and NotFound for bad ids', async () => {
      assert.equal((await awsError(ec2.send(new DeleteSecurityGroupCommand({})))).code, 'MissingParameter');
      assert.equal((await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'sg-xyz' })))).code, 'InvalidGroupId.Malformed');
      const e = await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'sg-0123456789abcdef0' })));
      assert.equal(e.code, 'InvalidGroup.NotFound');
    });

    it('answers DryRunOperation and keeps the group', async () => {
      const groupId = await newGroup(ec2, 'kept');
      const e = await awsError(ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId, DryRun: true })));
      assert.equal(e.code, 'DryRunOperation');
      assert.equal((await describeGroup(ec2, groupId)).GroupName, 'kept');
    });
  });

  describe('DescribeSecurityGroups', () => {
    it('finds groups by GroupName.N in the default VPC, and says which name is missing', async () => {
      const web = await newGroup(ec2, 'web');
      const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web', 'default'] }));
      assert.deepEqual(SecurityGroups!.map((g) => g.GroupName).sort(), ['default', 'web']);
      assert.ok(SecurityGroups!.some((g) => g.GroupId === web));
      const e = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['nope'] })));
      assert.equal(e.code, 'InvalidGroup.NotFound');
      assert.equal(e.message, `The security group 'nope' does not exist in default VPC '${await defaultVpcId(ec2)}'`);
      // The default VPC goes (its group first); a group named web lives on in another VPC.
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: web }));
      await forgetDefaultVpc();
      await newGroup(ec2, 'web', await newVpc(ec2));
      const none = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] })));
      assert.equal(none.message, "The security group 'web' does not exist in default VPC 'none'");
    });

    it('fails the whole call for one unknown id, and refuses malformed ids', async () => {
      const web = await newGroup(ec2, 'web');
      const e = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web, 'sg-0123456789abcdef0'] })));
      assert.equal(e.code, 'InvalidGroup.NotFound');
      assert.equal(e.message, "The security group 'sg-0123456789abcdef0' does not exist");
      const m = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['web'] })));
      assert.equal(m.code, 'InvalidGroupId.Malformed');
    });

    it('filters on group fields and tags, with wildcards; values ORed, filters ANDed', async () => {
      const vpcId = await newVpc(ec2);
      const web = await newGroup(ec2, 'web-1', vpcId);
      const db = await newGroup(ec2, 'db-1', vpcId);
      await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: 'web-2',
          Description: 'second web',
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'tier', Value: 'front' }] }],
        }),
      );
      const names = async (filters: { Name: string; Values: string[] }[]) =>
        (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }))).SecurityGroups!.map((g) => g.GroupName);
      assert.deepEqual(await names([{ Name: 'vpc-id', Values: [vpcId] }]), ['default', 'web-1', 'db-1', 'web-2']);
      assert.deepEqual(await names([{ Name: 'group-name', Values: ['web-?'] }]), ['web-1', 'web-2']);
      assert.deepEqual(await names([{ Name: 'group-name', Values: ['db-1', 'web-1'] }]), ['web-1', 'db-1']);
      assert.deepEqual(await names([{ Name: 'group-name', Values: ['WEB-1'] }]), [], 'filters are case-sensitive');
      assert.deepEqual(await names([{ Name: 'description', Values: ['*web*'] }]), ['web-1', 'web-2']);
      assert.deepEqual(await names([{ Name: 'group-id', Values: [web, db] }, { Name: 'group-name', Values: ['db*'] }]), ['db-1']);
      assert.deepEqual(await names([{ Name: 'tag:tier', Values: ['fr*'] }]), ['web-2']);
      assert.deepEqual(await names([{ Name: 'tag-key', Values: ['tier'] }]), ['web-2']);
      assert.equal((await names([{ Name: 'owner-id', Values: ['123456789012'] }])).length, 5, 'two default groups and three made here');
      const e = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
      assert.equal(e.code, 'InvalidParameterValue');
      assert.equal(e.message, "The filter 'colour' is invalid");
    });

    it('pages in creation order with MaxResults and NextToken, within 5-1000', async () => {
      for (let i = 0; i < 6; i++) await newGroup(ec2, `g${i}`);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5, NextToken: token }));
        seen.push(...page.SecurityGroups!.map((g) => g.GroupName!));
        token = page.NextToken;
        pages++;
      } while (token);
      assert.equal(pages, 2);
      assert.deepEqual(seen, ['default', 'g0', 'g1', 'g2', 'g3', 'g4', 'g5']);
      for (const bad of [4, 1001]) {
        const e = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: bad })));
        assert.equal(e.code, 'InvalidParameterValue');
      }
      const t = await awsError(ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5, NextToken: 'garbage' })));
      assert.equal(t.code, 'InvalidNextToken');
    });

    it('keeps accounts apart', async () => {
      const other = server.client({ accessKeyId: '111122223333' });
      const mine = await newGroup(ec2, 'mine');
      const e = await awsError(other.send(new DescribeSecurityGroupsCommand({ GroupIds: [mine] })));
      assert.equal(e.code, 'InvalidGroup.NotFound');
      const { SecurityGroups } = await other.send(new DescribeSecurityGroupsCommand({}));
      assert.ok(SecurityGroups!.every((g) => g.OwnerId === '111122223333'));
      assert.equal((await awsError(other.send(new DeleteSecurityGroupCommand({ GroupId: mine })))).code, 'InvalidGroup.NotFound');
      const auth = await awsError(
        other.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: mine, IpProtocol: 'tcp', FromPort: 1, ToPort: 1, CidrIp: '1.1.1.1/32' })),
      );
      assert.equal(auth.code, 'InvalidGroup.NotFound');
      // The same name is free in the other account's own default VPC.
      await newGroup(other, 'mine');
    });
  });
});
