import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateNetworkInterfacePermissionCommand,
  DeleteNetworkInterfaceCommand,
  DeleteNetworkInterfacePermissionCommand,
  DescribeNetworkInterfacePermissionsCommand,
  type CreateNetworkInterfacePermissionCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { attachForTest, bootstrap, defaultSubnet, type SubnetInfo } from './helpers/eni-fixtures.js';

describe('Create/Describe/DeleteNetworkInterfacePermission', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let subnet: SubnetInfo;
  let eniId: string;

  const newEni = async () => (await eniInSubnet(ec2, subnet.id)).NetworkInterfaceId!;
  const grant = (input: Partial<CreateNetworkInterfacePermissionCommandInput> = {}) =>
    ec2.send(
      new CreateNetworkInterfacePermissionCommand({ NetworkInterfaceId: eniId, Permission: 'INSTANCE-ATTACH', AwsAccountId: '111122223333', ...input }),
    );

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    subnet = await defaultSubnet(server);
    eniId = await newEni();
  });

  it('grants a permission to one account and describes it', async () => {
    const { InterfacePermission } = await grant();
    assert.match(InterfacePermission!.NetworkInterfacePermissionId!, /^eni-perm-[0-9a-f]{17}$/);
    assert.deepEqual(InterfacePermission, {
      NetworkInterfacePermissionId: InterfacePermission!.NetworkInterfacePermissionId,
      NetworkInterfaceId: eniId,
      AwsAccountId: '111122223333',
      Permission: 'INSTANCE-ATTACH',
      PermissionState: { State: 'granted' },
    });
    const eip = (await grant({ Permission: 'EIP-ASSOCIATE' })).InterfacePermission!;
    const all = await ec2.send(new DescribeNetworkInterfacePermissionsCommand({}));
    assert.deepEqual(all.NetworkInterfacePermissions, [InterfacePermission, eip]);
    const byId = await ec2.send(new DescribeNetworkInterfacePermissionsCommand({ NetworkInterfacePermissionIds: [eip.NetworkInterfacePermissionId!] }));
    assert.deepEqual(byId.NetworkInterfacePermissions, [eip]);
    const duplicate = await awsError(grant());
    assert.equal(duplicate.code, 'InvalidPermission.Duplicate');
  });

  it('refuses bad grants', async () => {
    const cases: [Partial<CreateNetworkInterfacePermissionCommandInput>, string][] = [
      [{ Permission: 'ATTACH-EVERYTHING' as 'INSTANCE-ATTACH' }, 'InvalidParameterValue'],
      [{ AwsAccountId: undefined }, 'MissingParameter'],
      [{ AwsAccountId: '1234' }, 'InvalidParameterValue'],
      [{ AwsAccountId: undefined, AwsService: 'elasticloadbalancing.amazonaws.com' }, 'InvalidParameterValue'],
      [{ AwsService: 'elasticloadbalancing.amazonaws.com' }, 'InvalidParameterCombination'],
      [{ NetworkInterfaceId: 'eni-0123456789abcdef0' }, 'InvalidNetworkInterfaceID.NotFound'],
      [{ NetworkInterfaceId: 'vpc-0123456789abcdef0' }, 'InvalidNetworkInterfaceId.Malformed'],
    ];
    for (const [input, code] of cases) assert.equal((await awsError(grant(input))).code, code, JSON.stringify(input));
    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(
      other.send(new CreateNetworkInterfacePermissionCommand({ NetworkInterfaceId: eniId, Permission: 'INSTANCE-ATTACH', AwsAccountId: '111122223333' })),
    );
    assert.equal(foreign.code, 'InvalidNetworkInterfaceID.NotFound');
    assert.deepEqual((await ec2.send(new DescribeNetworkInterfacePermissionsCommand({}))).NetworkInterfacePermissions, []);
  });

  it('filters by every permission field and pages 50 at a time by default', async () => {
    const first = (await grant()).InterfacePermission!;
    const eniIds = [eniId];
    for (let i = 0; i < 27; i++) {
      eniIds.push(await newEni());
      eniId = eniIds[eniIds.length - 1]!;
      await grant();
      await grant({ Permission: 'EIP-ASSOCIATE', AwsAccountId: '444455556666' });
    }
    const f = (name: string, value: string) => ({ Filters: [{ Name: `network-interface-permission.${name}`, Values: [value] }] });
    const count = async (input: object) => {
      let n = 0;
      let NextToken: string | undefined;
      do {
        const page = await ec2.send(new DescribeNetworkInterfacePermissionsCommand({ ...input, NextToken, MaxResults: 255 }));
        n += page.NetworkInterfacePermissions!.length;
        NextToken = page.NextToken;
      } while (NextToken);
      return n;
    };
    assert.equal(await count(f('network-interface-permission-id', first.NetworkInterfacePermissionId!)), 1);
    assert.equal(await count(f('network-interface-id', eniIds[5]!)), 2);
    assert.equal(await count(f('aws-account-id', '444455556666')), 27);
    assert.equal(await count(f('permission', 'INSTANCE-ATTACH')), 28);
    assert.equal(await count(f('aws-service', 'ec2.amazonaws.com')), 0);
    const bad = await awsError(ec2.send(new DescribeNetworkInterfacePermissionsCommand({ Filters: [{ Name: 'tag:Name', Values: ['x'] }] })));
    assert.equal(bad.code, 'InvalidParameterValue');

    const page1 = await ec2.send(new DescribeNetworkInterfacePermissionsCommand({}));
    assert.equal(page1.NetworkInterfacePermissions!.length, 50);
    assert.ok(page1.NextToken);
    const page2 = await ec2.send(new DescribeNetworkInterfacePermissionsCommand({ NextToken: page1.NextToken }));
    assert.equal(page2.NetworkInterfacePermissions!.length, 5);
    assert.equal(page2.NextToken, undefined);
    assert.equal((await awsError(ec2.send(new DescribeNetworkInterfacePermissionsCommand({ MaxResults: 256 })))).code, 'InvalidParameterValue');
    const unknown = await awsError(ec2.send(new DescribeNetworkInterfacePermissionsCommand({ NetworkInterfacePermissionIds: ['eni-perm-0123456789abcdef0'] })));
    assert.equal(unknown.code, 'InvalidNetworkInterfacePermissionID.NotFound');
    const other = server.client({ accessKeyId: '111122223333' });
    assert.deepEqual((await other.send(new DescribeNetworkInterfacePermissionsCommand({}))).NetworkInterfacePermissions, []);
  });

  it('deletes a grant, refusing without Force while the grantee has the ENI attached', async () => {
    const permission = (await grant()).InterfacePermission!;
    const permissionId = permission.NetworkInterfacePermissionId!;
    await attachForTest(server, eniId, 'i-0123456789abcdef0', 1, '111122223333');
    const inUse = await awsError(ec2.send(new DeleteNetworkInterfacePermissionCommand({ NetworkInterfacePermissionId: permissionId })));
    assert.equal(inUse.code, 'OperationNotPermitted');
    const forced = await ec2.send(new DeleteNetworkInterfacePermissionCommand({ NetworkInterfacePermissionId: permissionId, Force: true }));
    assert.equal(forced.Return, true);
    const again = await awsError(ec2.send(new DeleteNetworkInterfacePermissionCommand({ NetworkInterfacePermissionId: permissionId })));
    assert.equal(again.code, 'InvalidNetworkInterfacePermissionID.NotFound');

    eniId = await newEni();
    const plain = (await grant()).InterfacePermission!;
    const other = server.client({ accessKeyId: '111122223333' });
    const foreign = await awsError(other.send(new DeleteNetworkInterfacePermissionCommand({ NetworkInterfacePermissionId: plain.NetworkInterfacePermissionId! })));
    assert.equal(foreign.code, 'InvalidNetworkInterfacePermissionID.NotFound');
    await ec2.send(new DeleteNetworkInterfacePermissionCommand({ NetworkInterfacePermissionId: plain.NetworkInterfacePermissionId! }));
    assert.deepEqual((await ec2.send(new DescribeNetworkInterfacePermissionsCommand({}))).NetworkInterfacePermissions, []);
  });

  it('removes the grants of a deleted ENI', async () => {
    await grant();
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eniId }));
    assert.deepEqual((await ec2.send(new DescribeNetworkInterfacePermissionsCommand({}))).NetworkInterfacePermissions, []);
  });
});
