import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeImagesCommand,
  type DescribeImagesCommandInput,
  type EC2Client,
  type Filter,
  type Image,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

const AL2_X86 = 'ami-0c9914fc68f617531';
const AL2023_ARM = 'ami-0be31b302e6612013';
const WINDOWS_2022 = 'ami-00b9bc5373a9ced09';
const CANONICAL = '099720109477';

describe('DescribeImages', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());

  const describeImages = async (input: DescribeImagesCommandInput): Promise<Image[]> =>
    (await ec2.send(new DescribeImagesCommand(input))).Images ?? [];
  const filtered = (...filters: Filter[]) => describeImages({ Filters: filters });
  const names = (images: Image[]) => images.map((i) => i.Name!).sort();

  it('serves the built-in public images with the fields Terraform reads', async () => {
    const images = await describeImages({});
    assert.equal(images.length, 6);
    assert.deepEqual(names(images), [
      'Windows_Server-2022-English-Full-Base-2024.12.11',
      'al2023-ami-2023.6.20241212.0-kernel-6.1-arm64',
      'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
      'amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2',
      'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206',
      'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241206',
    ]);
    for (const image of images) {
      assert.match(image.ImageId!, /^ami-[0-9a-f]{17}$/);
      assert.equal(image.State, 'available');
      assert.match(image.OwnerId!, /^\d{12}$/);
      assert.equal(image.Public, true);
      assert.equal(image.ImageType, 'machine');
      assert.equal(image.RootDeviceType, 'ebs');
      assert.equal(image.VirtualizationType, 'hvm');
      assert.equal(image.Hypervisor, 'xen');
      assert.equal(image.EnaSupport, true);
      assert.match(image.CreationDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(image.Description && image.PlatformDetails && image.UsageOperation);
      const root = image.BlockDeviceMappings!.find((m) => m.DeviceName === image.RootDeviceName)!;
      assert.match(root.Ebs!.SnapshotId!, /^snap-[0-9a-f]{17}$/);
      assert.ok(root.Ebs!.VolumeSize! >= 8);
      assert.equal(root.Ebs!.DeleteOnTermination, true);
    }
    const ids = images.map((i) => i.ImageId);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("answers Terraform's aws_ami lookup (Owner amazon, name amzn2-ami-hvm-*-x86_64-gp2)", async () => {
    const images = await describeImages({
      Owners: ['amazon'],
      Filters: [{ Name: 'name', Values: ['amzn2-ami-hvm-*-x86_64-gp2'] }],
      IncludeDeprecated: false,
    });
    assert.equal(images.length, 1);
    const image = images[0]!;
    assert.equal(image.ImageId, AL2_X86);
    assert.equal(image.Architecture, 'x86_64');
    assert.equal(image.RootDeviceName, '/dev/xvda');
    assert.equal(image.PlatformDetails, 'Linux/UNIX');
    assert.equal(image.UsageOperation, 'RunInstances');
    assert.equal(image.ImageOwnerAlias, 'amazon');
    assert.equal(image.BlockDeviceMappings![0]!.Ebs!.VolumeType, 'gp2');
  });

  it('scopes by Owner.N: aliases, account ids and self', async () => {
    assert.equal((await describeImages({ Owners: ['amazon'] })).length, 4);
    const canonical = await describeImages({ Owners: [CANONICAL] });
    assert.equal(canonical.length, 2);
    assert.ok(canonical.every((i) => i.OwnerId === CANONICAL && i.Name!.startsWith('ubuntu/')));
    assert.equal((await describeImages({ Owners: ['amazon', CANONICAL] })).length, 6);
    assert.deepEqual(await describeImages({ Owners: ['self'] }), []);
    assert.deepEqual(await describeImages({ Owners: ['aws-marketplace'] }), []);
    const e = await awsError(ec2.send(new DescribeImagesCommand({ Owners: ['not-an-owner'] })));
    assert.equal(e.code, 'InvalidUserID.Malformed');
  });

  it('scopes by ExecutableBy.N: all means public, self means shared with me', async () => {
    assert.equal((await describeImages({ ExecutableUsers: ['all'] })).length, 6);
    assert.deepEqual(await describeImages({ ExecutableUsers: ['self'] }), []);
  });

  it('filters on architecture, platform, image-id, owner, state, root device, virtualization, is-public', async () => {
    assert.deepEqual((await filtered({ Name: 'architecture', Values: ['arm64'] })).map((i) => i.ImageId), [AL2023_ARM]);
    const windows = await filtered({ Name: 'platform', Values: ['windows'] });
    assert.deepEqual(windows.map((i) => i.ImageId), [WINDOWS_2022]);
    assert.equal(windows[0]!.Platform, 'windows');
    assert.equal(windows[0]!.PlatformDetails, 'Windows');
    assert.deepEqual((await filtered({ Name: 'image-id', Values: [AL2_X86] })).map((i) => i.ImageId), [AL2_X86]);
    assert.equal((await filtered({ Name: 'owner-alias', Values: ['amazon'] })).length, 4);
    assert.equal((await filtered({ Name: 'owner-id', Values: [CANONICAL] })).length, 2);
    assert.equal((await filtered({ Name: 'state', Values: ['available'] })).length, 6);
    assert.deepEqual(await filtered({ Name: 'state', Values: ['pending'] }), []);
    assert.equal((await filtered({ Name: 'root-device-type', Values: ['ebs'] })).length, 6);
    assert.equal((await filtered({ Name: 'root-device-name', Values: ['/dev/sda1'] })).length, 3);
    assert.equal((await filtered({ Name: 'virtualization-type', Values: ['hvm'] })).length, 6);
    assert.deepEqual(await filtered({ Name: 'virtualization-type', Values: ['paravirtual'] }), []);
    assert.equal((await filtered({ Name: 'is-public', Values: ['true'] })).length, 6);
    assert.deepEqual(await filtered({ Name: 'is-public', Values: ['false'] }), []);
    assert.deepEqual(
      names(await filtered({ Name: 'name', Values: ['al2023-*'] }, { Name: 'architecture', Values: ['x86_64'] })),
      ['al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64'],
    );
    assert.equal((await filtered({ Name: 'block-device-mapping.volume-type', Values: ['gp3'] })).length, 3);
    assert.deepEqual(await filtered({ Name: 'tag:Name', Values: ['*'] }), []);
    const e = await awsError(ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'flavour', Values: ['x'] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('finds images by ImageId.N and refuses unknown and malformed ids', async () => {
    const images = await describeImages({ ImageIds: [WINDOWS_2022, AL2_X86] });
    assert.deepEqual(images.map((i) => i.ImageId).sort(), [AL2_X86, WINDOWS_2022].sort());
    const unknown = 'ami-0123456789abcdef0';
    const e = await awsError(ec2.send(new DescribeImagesCommand({ ImageIds: [AL2_X86, unknown] })));
    assert.equal(e.code, 'InvalidAMIID.NotFound');
    assert.equal(e.message, `The image id '[${unknown}]' does not exist`);
    const m = await awsError(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-xyz'] })));
    assert.equal(m.code, 'InvalidAMIID.Malformed');
    assert.equal(m.message, 'Invalid id: "ami-xyz" (expecting "ami-...")');
    const c = await awsError(ec2.send(new DescribeImagesCommand({ ImageIds: [AL2_X86], MaxResults: 5 })));
    assert.equal(c.code, 'InvalidParameterCombination');
  });

  it('pages with MaxResults and NextToken', async () => {
    const first = await ec2.send(new DescribeImagesCommand({ MaxResults: 5 }));
    assert.equal(first.Images!.length, 5);
    assert.ok(first.NextToken);
    const second = await ec2.send(new DescribeImagesCommand({ MaxResults: 5, NextToken: first.NextToken }));
    assert.equal(second.Images!.length, 1);
    assert.equal(second.NextToken, undefined);
    const all = [...first.Images!, ...second.Images!].map((i) => i.ImageId).sort();
    assert.deepEqual(all, (await describeImages({})).map((i) => i.ImageId).sort());
    const e = await awsError(ec2.send(new DescribeImagesCommand({ NextToken: 'not-a-token' })));
    assert.equal(e.code, 'InvalidNextToken');
  });
});
