import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateTrunkInterfaceCommand,
  AttachNetworkInterfaceCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  DescribeTrunkInterfaceAssociationsCommand,
  DisassociateTrunkInterfaceCommand,
  type AssociateTrunkInterfaceCommandInput,
  type EC2Client,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet } from './helpers/network.js';
import { bootstrap, defaultSubnet, type SubnetInfo } from './helpers/eni-fixtures.js';
import { runOne } from './helpers/instance-fixtures.js';

const OTHER = '111122223333';

describe('trunk and branch network interfaces', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let subnet: SubnetInfo;

  const createEni = async (interfaceType?: 'trunk', subnetId = subnet.id, client = ec2): Promise<NetworkInterface> =>
    eniInSubnet(client, subnetId, { InterfaceType: interfaceType });
  const eniNow = async (id: string): Promise<NetworkInterface> =>
    (await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces![0]!;
  const associate = (input: Partial<AssociateTrunkInterfaceCommandInput> & { BranchInterfaceId: string; TrunkInterfaceId: string }) =>
    ec2.send(new AssociateTrunkInterfaceCommand(input));
  const describeAll = async (input: ConstructorParameters<typeof DescribeTrunkInterfaceAssociationsCommand>[0] = {}) =>
    (await ec2.send(new DescribeTrunkInterfaceAssociationsCommand(input))).InterfaceAssociations!;

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    await bootstrap(ec2);
    subnet = await defaultSubnet(server);
  });

  it('associates a branch on a VLAN: the branch shows type branch and in-use until it is disassociated', async () => {
    const trunk = await createEni('trunk');
    const branch = await createEni();
    const { InterfaceAssociation } = await associate({ BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 7 });
    assert.match(InterfaceAssociation!.AssociationId!, /^trunk-assoc-[0-9a-f]{17}$/);
    assert.deepEqual({ ...InterfaceAssociation, AssociationId: undefined, Tags: undefined }, {
      AssociationId: undefined, BranchInterfaceId: branch.NetworkInterfaceId, TrunkInterfaceId: trunk.NetworkInterfaceId,
      InterfaceProtocol: 'VLAN', VlanId: 7, Tags: undefined,
    });
    const carried = await eniNow(branch.NetworkInterfaceId!);
    assert.deepEqual([carried.InterfaceType, carried.Status], ['branch', 'in-use']);
    assert.deepEqual(await describeAll(), [{ ...InterfaceAssociation, Tags: [] }]);
    const available = (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'status', Values: ['available'] }] })))
      .NetworkInterfaces!.map((n) => n.NetworkInterfaceId);
    assert.ok(!available.includes(branch.NetworkInterfaceId), 'a carried branch is not an available ENI');

    const out = await ec2.send(new DisassociateTrunkInterfaceCommand({ AssociationId: InterfaceAssociation!.AssociationId }));
    assert.equal(out.Return, true);
    const freed = await eniNow(branch.NetworkInterfaceId!);
    assert.deepEqual([freed.InterfaceType, freed.Status], ['interface', 'available']);
    assert.deepEqual(await describeAll(), []);
    const again = await awsError(ec2.send(new DisassociateTrunkInterfaceCommand({ AssociationId: InterfaceAssociation!.AssociationId })));
    assert.equal(again.code, 'InvalidAssociationID.NotFound');
  });

  it('associates over GRE keys', async () => {
    const trunk = await createEni('trunk');
    const branch = await createEni();
    const { InterfaceAssociation } = await associate({ BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, GreKey: 0 });
    assert.deepEqual([InterfaceAssociation!.InterfaceProtocol, InterfaceAssociation!.GreKey, InterfaceAssociation!.VlanId], ['GRE', 0, undefined]);
    const other = await createEni();
    const dup = await awsError(associate({ BranchInterfaceId: other.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, GreKey: 0 }));
    assert.equal(dup.code, 'InvalidParameterValue');
  });

  it('uses a VLAN id once per trunk (InvalidVlanId.Duplicate), and again on another trunk', async () => {
    const [trunkA, trunkB] = [await createEni('trunk'), await createEni('trunk')];
    const [one, two, three] = [await createEni(), await createEni(), await createEni()];
    await associate({ BranchInterfaceId: one.NetworkInterfaceId!, TrunkInterfaceId: trunkA.NetworkInterfaceId!, VlanId: 1 });
    const e = await awsError(associate({ BranchInterfaceId: two.NetworkInterfaceId!, TrunkInterfaceId: trunkA.NetworkInterfaceId!, VlanId: 1 }));
    assert.equal(e.code, 'InvalidVlanId.Duplicate');
    assert.equal(e.message, "VlanId '1' is in use");
    assert.equal((await eniNow(two.NetworkInterfaceId!)).InterfaceType, 'interface', 'the refused branch is untouched');
    await associate({ BranchInterfaceId: two.NetworkInterfaceId!, TrunkInterfaceId: trunkB.NetworkInterfaceId!, VlanId: 1 });
    await associate({ BranchInterfaceId: three.NetworkInterfaceId!, TrunkInterfaceId: trunkA.NetworkInterfaceId!, VlanId: 2 });
    assert.equal((await describeAll()).length, 3);
  });

  it('refuses bad parameters, a trunk that is not one, and branches that cannot be one', async () => {
    const trunk = await createEni('trunk');
    const plain = await createEni();
    const branch = await createEni();
    const ids = { BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId! };
    const code = async (input: Parameters<typeof associate>[0]) => (await awsError(associate(input))).code;

    assert.equal(await code({ ...ids }), 'MissingParameter');
    assert.equal(await code({ ...ids, VlanId: 3, GreKey: 3 }), 'InvalidParameterCombination');
    assert.equal(await code({ ...ids, VlanId: 0 }), 'InvalidParameterValue');
    assert.equal(await code({ ...ids, VlanId: 4095 }), 'InvalidParameterValue');
    assert.equal(await code({ ...ids, GreKey: -1 }), 'InvalidParameterValue');
    assert.equal((await awsError(ec2.send(new AssociateTrunkInterfaceCommand({ TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 3 } as AssociateTrunkInterfaceCommandInput)))).code, 'MissingParameter');
    assert.equal(await code({ ...ids, BranchInterfaceId: 'eni-0123456789abcdef0', VlanId: 3 }), 'InvalidNetworkInterfaceID.NotFound');
    assert.equal(await code({ ...ids, TrunkInterfaceId: 'eni-nope', VlanId: 3 }), 'InvalidNetworkInterfaceId.Malformed');
    assert.equal(await code({ ...ids, TrunkInterfaceId: plain.NetworkInterfaceId!, VlanId: 3 }), 'InvalidParameterValue');
    assert.equal(await code({ ...ids, BranchInterfaceId: trunk.NetworkInterfaceId!, VlanId: 3 }), 'InvalidParameterValue');

    const attached = await createEni();
    const instance = await runOne(ec2, { SubnetId: subnet.id });
    await ec2.send(new AttachNetworkInterfaceCommand({ InstanceId: instance, NetworkInterfaceId: attached.NetworkInterfaceId!, DeviceIndex: 1 }));
    assert.equal(await code({ ...ids, BranchInterfaceId: attached.NetworkInterfaceId!, VlanId: 3 }), 'InvalidNetworkInterface.InUse');

    const elsewhere = await createEni(undefined, (await defaultSubnet(server, {}, 'us-east-1b')).id);
    assert.equal(await code({ ...ids, BranchInterfaceId: elsewhere.NetworkInterfaceId!, VlanId: 3 }), 'InvalidParameterValue');

    const first = await associate({ ...ids, VlanId: 3 });
    const twice = await awsError(associate({ ...ids, VlanId: 4 }));
    assert.equal(twice.code, 'Resource.AlreadyAssociated');
    assert.ok(twice.message.includes(first.InterfaceAssociation!.AssociationId!));
    assert.equal((await describeAll()).length, 1);
  });

  it('answers a repeated ClientToken with the same association', async () => {
    const trunk = await createEni('trunk');
    const branch = await createEni();
    const input = { BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 9, ClientToken: 'trunk-token-1' };
    const first = await associate(input);
    const second = await associate(input);
    assert.equal(second.InterfaceAssociation!.AssociationId, first.InterfaceAssociation!.AssociationId);
    assert.equal(second.ClientToken, 'trunk-token-1');
    assert.equal((await describeAll()).length, 1);
  });

  it('describes by AssociationId.N, filters and pages of 5-255', async () => {
    const [trunkA, trunkB] = [await createEni('trunk'), await createEni('trunk')];
    const made = [];
    for (let i = 0; i < 7; i++) {
      const branch = await createEni();
      const trunk = i < 4 ? trunkA : trunkB;
      made.push((await associate({ BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, ...(i === 6 ? { GreKey: 99 } : { VlanId: 100 + i }) })).InterfaceAssociation!);
    }
    const ids = (list: { AssociationId?: string }[]) => list.map((a) => a.AssociationId);
    assert.deepEqual(ids(await describeAll({ AssociationIds: [made[2]!.AssociationId!] })), [made[2]!.AssociationId]);
    const unknown = await awsError(ec2.send(new DescribeTrunkInterfaceAssociationsCommand({ AssociationIds: ['trunk-assoc-0123456789abcdef0'] })));
    assert.equal(unknown.code, 'InvalidAssociationID.NotFound');

    const filtered = async (Name: string, Values: string[]) => ids(await describeAll({ Filters: [{ Name, Values }] }));
    assert.deepEqual(await filtered('trunk-interface-association.trunk-interface-id', [trunkA.NetworkInterfaceId!]), ids(made.slice(0, 4)));
    assert.deepEqual(await filtered('trunk-interface-association.branch-interface-id', [made[5]!.BranchInterfaceId!]), [made[5]!.AssociationId]);
    assert.deepEqual(await filtered('trunk-interface-association.association-id', [made[1]!.AssociationId!]), [made[1]!.AssociationId]);
    assert.deepEqual(await filtered('interface-protocol', ['GRE']), [made[6]!.AssociationId]);
    assert.deepEqual(await filtered('gre-key', ['99']), [made[6]!.AssociationId]);
    assert.deepEqual(await filtered('vlan-id', ['101', '105']), [made[1]!.AssociationId, made[5]!.AssociationId]);
    assert.equal((await awsError(describeAll({ Filters: [{ Name: 'branch', Values: ['x'] }] }))).code, 'InvalidParameterValue');

    const first = await ec2.send(new DescribeTrunkInterfaceAssociationsCommand({ MaxResults: 5 }));
    assert.equal(first.InterfaceAssociations!.length, 5);
    const rest = await ec2.send(new DescribeTrunkInterfaceAssociationsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    assert.deepEqual([...ids(first.InterfaceAssociations!), ...ids(rest.InterfaceAssociations!)], ids(made));
    assert.equal(rest.NextToken, undefined);
    assert.equal((await awsError(describeAll({ MaxResults: 4 }))).code, 'InvalidParameterValue');
    assert.equal((await awsError(describeAll({ MaxResults: 256 }))).code, 'InvalidParameterValue');
  });

  it('deleting a carried branch ends its association; deleting a trunk frees its branches', async () => {
    const trunk = await createEni('trunk');
    const [gone, kept] = [await createEni(), await createEni()];
    await associate({ BranchInterfaceId: gone.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 1 });
    await associate({ BranchInterfaceId: kept.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 2 });
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: gone.NetworkInterfaceId }));
    assert.deepEqual((await describeAll()).map((a) => a.BranchInterfaceId), [kept.NetworkInterfaceId]);
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: trunk.NetworkInterfaceId }));
    assert.deepEqual(await describeAll(), []);
    const freed = await eniNow(kept.NetworkInterfaceId!);
    assert.deepEqual([freed.InterfaceType, freed.Status], ['interface', 'available']);
  });

  it('keeps accounts apart and changes nothing on DryRun', async () => {
    const trunk = await createEni('trunk');
    const branch = await createEni();
    const dry = await awsError(associate({ BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 5, DryRun: true }));
    assert.equal(dry.code, 'DryRunOperation');
    assert.deepEqual(await describeAll(), []);
    const { InterfaceAssociation } = await associate({ BranchInterfaceId: branch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 5 });

    const other = server.client({ accessKeyId: OTHER });
    assert.deepEqual((await other.send(new DescribeTrunkInterfaceAssociationsCommand({}))).InterfaceAssociations, []);
    assert.equal((await awsError(other.send(new DisassociateTrunkInterfaceCommand({ AssociationId: InterfaceAssociation!.AssociationId })))).code, 'InvalidAssociationID.NotFound');
    await bootstrap(other);
    const theirBranch = await createEni(undefined, (await defaultSubnet(server, { account: OTHER })).id, other);
    assert.equal(
      (await awsError(other.send(new AssociateTrunkInterfaceCommand({ BranchInterfaceId: theirBranch.NetworkInterfaceId!, TrunkInterfaceId: trunk.NetworkInterfaceId!, VlanId: 6 })))).code,
      'InvalidNetworkInterfaceID.NotFound',
    );
    assert.equal((await awsError(ec2.send(new DisassociateTrunkInterfaceCommand({ AssociationId: InterfaceAssociation!.AssociationId, DryRun: true })))).code, 'DryRunOperation');
    assert.equal((await describeAll()).length, 1);
  });
});
