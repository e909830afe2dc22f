/** The DescribeImages filters (botocore model documentation, instances.md §6.2) over Image shapes. */
import type { Image } from '../../protocol/generated/ec2-shapes.js';
import type { CatalogFilterTable } from '../common/catalog-filters.js';

const ebs = (image: Image) => (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs ? [m.Ebs] : []));

export const IMAGE_FILTERS: CatalogFilterTable<Image> = {
  architecture: (i) => i.Architecture,
  'block-device-mapping.delete-on-termination': (i) => ebs(i).map((e) => e.DeleteOnTermination),
  'block-device-mapping.device-name': (i) => (i.BlockDeviceMappings ?? []).map((m) => m.DeviceName),
  'block-device-mapping.snapshot-id': (i) => ebs(i).map((e) => e.SnapshotId),
  'block-device-mapping.volume-size': (i) => ebs(i).map((e) => e.VolumeSize),
  'block-device-mapping.volume-type': (i) => ebs(i).map((e) => e.VolumeType),
  'block-device-mapping.encrypted': (i) => ebs(i).map((e) => e.Encrypted),
  'creation-date': (i) => i.CreationDate,
  description: (i) => i.Description,
  'ena-support': (i) => i.EnaSupport,
  'free-tier-eligible': (i) => i.FreeTierEligible ?? false,
  hypervisor: (i) => i.Hypervisor,
  'image-allowed': (i) => i.ImageAllowed ?? true,
  'image-id': (i) => i.ImageId,
  'image-type': (i) => i.ImageType,
  'is-public': (i) => i.Public,
  'kernel-id': (i) => i.KernelId,
  'manifest-location': (i) => i.ImageLocation,
  name: (i) => i.Name,
  'owner-alias': (i) => i.ImageOwnerAlias,
  'owner-id': (i) => i.OwnerId,
  platform: (i) => i.Platform,
  'product-code': (i) => (i.ProductCodes ?? []).map((p) => p.ProductCodeId),
  'product-code.type': (i) => (i.ProductCodes ?? []).map((p) => p.ProductCodeType),
  'ramdisk-id': (i) => i.RamdiskId,
  'root-device-name': (i) => i.RootDeviceName,
  'root-device-type': (i) => i.RootDeviceType,
  'source-image-id': (i) => i.SourceImageId,
  'source-image-region': (i) => i.SourceImageRegion,
  'source-instance-id': (i) => i.SourceInstanceId,
  state: (i) => i.State,
  'state-reason-code': (i) => i.StateReason?.Code,
  'state-reason-message': (i) => i.StateReason?.Message,
  'sriov-net-support': (i) => i.SriovNetSupport,
  'virtualization-type': (i) => i.VirtualizationType,
};
