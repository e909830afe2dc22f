/** The DescribeVolumes filters (botocore model documentation) over Volume shapes. */
import type { Volume } from '../../protocol/generated/ec2-shapes.js';
import type { CatalogFilterTable } from '../common/catalog-filters.js';

const attachments = (v: Volume) => v.Attachments ?? [];
const iso = (d: Date | undefined) => (d === undefined ? undefined : new Date(d).toISOString());

export const VOLUME_FILTERS: CatalogFilterTable<Volume> = {
  'attachment.attach-time': (v) => attachments(v).map((a) => iso(a.AttachTime)),
  'attachment.delete-on-termination': (v) => attachments(v).map((a) => a.DeleteOnTermination),
  'attachment.device': (v) => attachments(v).map((a) => a.Device),
  'attachment.instance-id': (v) => attachments(v).map((a) => a.InstanceId),
  'attachment.status': (v) => attachments(v).map((a) => a.State),
  'availability-zone': (v) => v.AvailabilityZone,
  'availability-zone-id': (v) => v.AvailabilityZoneId,
  'create-time': (v) => iso(v.CreateTime),
  encrypted: (v) => v.Encrypted,
  'fast-restored': (v) => v.FastRestored ?? false,
  'multi-attach-enabled': (v) => v.MultiAttachEnabled ?? false,
  'operator.managed': (v) => v.Operator?.Managed ?? false,
  'operator.principal': (v) => v.Operator?.Principal,
  size: (v) => v.Size,
  'snapshot-id': (v) => v.SnapshotId,
  status: (v) => v.State,
  'volume-id': (v) => v.VolumeId,
  'volume-type': (v) => v.VolumeType,
};
