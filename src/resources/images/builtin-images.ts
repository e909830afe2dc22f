/**
 * The public images every account sees (instances.md §6.2): current Amazon Linux 2023 (x86_64 and arm64),
 * Amazon Linux 2 (the `amzn2-ami-hvm-*-x86_64-gp2` image Terraform's acceptance scenario looks up), Ubuntu
 * 22.04 and 24.04 from Canonical, and Windows Server 2022. Ids, snapshots and dates are fixed so that a
 * configuration that names one keeps working across restarts and releases; names and descriptions follow the
 * publishers' own patterns so that name filters written for AWS find them. No image is deprecated (no
 * DeprecationTime), so `IncludeDeprecated` never hides one.
 */
import type { BlockDeviceMapping, Image } from '../../protocol/generated/ec2-shapes.js';

/** Owner accounts and aliases as AWS shows them. */
export const AMAZON_OWNER_ID = '137112412989';
export const AMAZON_WINDOWS_OWNER_ID = '801119661308';
export const CANONICAL_OWNER_ID = '099720109477';

function rootVolume(device: string, snapshotId: string, sizeGiB: number, volumeType: 'gp2' | 'gp3'): BlockDeviceMapping {
  return {
    DeviceName: device,
    Ebs: {
      DeleteOnTermination: true,
      SnapshotId: snapshotId,
      VolumeSize: sizeGiB,
      VolumeType: volumeType,
      Encrypted: false,
      ...(volumeType === 'gp3' ? { Iops: 3000, Throughput: 125 } : {}),
    },
  };
}

const linux = {
  State: 'available',
  Public: true,
  ImageType: 'machine',
  RootDeviceType: 'ebs',
  VirtualizationType: 'hvm',
  Hypervisor: 'xen',
  EnaSupport: true,
  SriovNetSupport: 'simple',
  PlatformDetails: 'Linux/UNIX',
  UsageOperation: 'RunInstances',
} as const satisfies Image;

export const BUILTIN_IMAGES: readonly Image[] = [
  {
    ...linux,
    ImageId: 'ami-0d4f99c1465459a1b',
    ImageLocation: 'amazon/al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
    OwnerId: AMAZON_OWNER_ID,
    ImageOwnerAlias: 'amazon',
    CreationDate: '2024-12-12T19:06:52.000Z',
    Architecture: 'x86_64',
    Name: 'al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64',
    Description: 'Amazon Linux 2023 AMI 2023.6.20241212.0 x86_64 HVM kernel-6.1',
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: [rootVolume('/dev/xvda', 'snap-0da01a702a6c126d8', 8, 'gp3')],
    BootMode: 'uefi-preferred',
    ImdsSupport: 'v2.0',
  },
  {
    ...linux,
    ImageId: 'ami-0be31b302e6612013',
    ImageLocation: 'amazon/al2023-ami-2023.6.20241212.0-kernel-6.1-arm64',
    OwnerId: AMAZON_OWNER_ID,
    ImageOwnerAlias: 'amazon',
    CreationDate: '2024-12-12T19:06:55.000Z',
    Architecture: 'arm64',
    Name: 'al2023-ami-2023.6.20241212.0-kernel-6.1-arm64',
    Description: 'Amazon Linux 2023 AMI 2023.6.20241212.0 arm64 HVM kernel-6.1',
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: [rootVolume('/dev/xvda', 'snap-0c1455038a10f2cdc', 8, 'gp3')],
    BootMode: 'uefi',
    ImdsSupport: 'v2.0',
  },
  {
    ...linux,
    ImageId: 'ami-0c9914fc68f617531',
    ImageLocation: 'amazon/amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2',
    OwnerId: AMAZON_OWNER_ID,
    ImageOwnerAlias: 'amazon',
    CreationDate: '2024-12-17T21:36:15.000Z',
    Architecture: 'x86_64',
    Name: 'amzn2-ami-hvm-2.0.20241217.0-x86_64-gp2',
    Description: 'Amazon Linux 2 AMI 2.0.20241217.0 x86_64 HVM gp2',
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: [rootVolume('/dev/xvda', 'snap-0433e22b74d0a5581', 8, 'gp2')],
  },
  {
    ...linux,
    ImageId: 'ami-0f9f24d5c0f5a407e',
    ImageLocation: `${CANONICAL_OWNER_ID}/ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241206`,
    OwnerId: CANONICAL_OWNER_ID,
    CreationDate: '2024-12-06T04:12:09.000Z',
    Architecture: 'x86_64',
    Name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241206',
    Description: 'Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-12-06',
    RootDeviceName: '/dev/sda1',
    BlockDeviceMappings: [
      rootVolume('/dev/sda1', 'snap-07b1cde1967df49d4', 8, 'gp2'),
      { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
      { DeviceName: '/dev/sdc', VirtualName: 'ephemeral1' },
    ],
    BootMode: 'uefi-preferred',
  },
  {
    ...linux,
    ImageId: 'ami-029bc3a1290c8eed0',
    ImageLocation: `${CANONICAL_OWNER_ID}/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206`,
    OwnerId: CANONICAL_OWNER_ID,
    CreationDate: '2024-12-06T05:20:31.000Z',
    Architecture: 'x86_64',
    Name: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241206',
    Description: 'Canonical, Ubuntu, 24.04, amd64 noble image',
    RootDeviceName: '/dev/sda1',
    BlockDeviceMappings: [
      rootVolume('/dev/sda1', 'snap-01b854ff736004a34', 8, 'gp3'),
      { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
      { DeviceName: '/dev/sdc', VirtualName: 'ephemeral1' },
    ],
    BootMode: 'uefi-preferred',
  },
  {
    State: 'available',
    Public: true,
    ImageType: 'machine',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EnaSupport: true,
    SriovNetSupport: 'simple',
    ImageId: 'ami-00b9bc5373a9ced09',
    ImageLocation: 'amazon/Windows_Server-2022-English-Full-Base-2024.12.11',
    OwnerId: AMAZON_WINDOWS_OWNER_ID,
    ImageOwnerAlias: 'amazon',
    CreationDate: '2024-12-11T18:01:20.000Z',
    Architecture: 'x86_64',
    // AWS answers `windows` in lower case although the model's enum spells it `Windows`.
    Platform: 'windows' as Image['Platform'],
    PlatformDetails: 'Windows',
    UsageOperation: 'RunInstances:0002',
    Name: 'Windows_Server-2022-English-Full-Base-2024.12.11',
    Description: 'Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon',
    RootDeviceName: '/dev/sda1',
    BlockDeviceMappings: [rootVolume('/dev/sda1', 'snap-0abf5be60a9278fda', 30, 'gp2')],
  },
];

const byId = new Map(BUILTIN_IMAGES.map((image) => [image.ImageId!, image]));

/** A built-in image by id (for RunInstances' ImageId check and its root volume). */
export function findBuiltinImage(imageId: string): Image | undefined {
  return byId.get(imageId);
}
