/**
 * Volume rows → the model's Volume shape (DescribeVolumes in terraform-reads/) and the instance's
 * blockDeviceMapping entries. Tags are read in bulk.
 */
import type { InstanceBlockDeviceMapping, Volume } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { tagsFor } from '../tags/tag-store.js';

export interface VolumeRow {
  seq: number;
  id: string;
  account: string;
  region: string;
  availability_zone: string;
  availability_zone_id: string;
  size: number;
  volume_type: string;
  iops: number;
  throughput: number;
  encrypted: number;
  snapshot_id: string;
  state: string;
  create_time: string;
  instance_id: string;
  device: string;
  attach_time: string;
  delete_on_termination: number;
}

/** The caller's volumes with these ids, or all of them when `ids` is undefined, as Volume shapes. */
export async function lookupVolumes(ctx: RequestContext, ids: readonly string[] | undefined): Promise<Volume[]> {
  const scope = [ctx.account, ctx.region.name];
  const rows =
    ids === undefined
      ? await ctx.tx.all<VolumeRow>('SELECT * FROM volumes WHERE account = ? AND region = ? ORDER BY seq', scope)
      : ids.length === 0
        ? []
        : await ctx.tx.all<VolumeRow>(
            `SELECT * FROM volumes WHERE id IN (${placeholders(ids)}) AND account = ? AND region = ? ORDER BY seq`,
            [...ids, ...scope],
          );
  const tags = await tagsFor(ctx, rows.map((r) => r.id));
  return rows.map((row) => toVolume(row, tags.get(row.id)!));
}

export function toVolume(row: VolumeRow, tags: Volume['Tags']): Volume {
  const attached = row.instance_id !== '';
  return {
    VolumeId: row.id,
    Size: Number(row.size),
    SnapshotId: row.snapshot_id,
    AvailabilityZone: row.availability_zone,
    AvailabilityZoneId: row.availability_zone_id,
    State: row.state as Volume['State'],
    CreateTime: new Date(row.create_time),
    Attachments: attached
      ? [
          {
            AttachTime: new Date(row.attach_time),
            Device: row.device,
            InstanceId: row.instance_id,
            State: 'attached',
            VolumeId: row.id,
            DeleteOnTermination: row.delete_on_termination === 1,
          },
        ]
      : [],
    VolumeType: row.volume_type as Volume['VolumeType'],
    Iops: row.iops > 0 ? Number(row.iops) : undefined,
    Throughput: row.throughput > 0 ? Number(row.throughput) : undefined,
    Encrypted: row.encrypted === 1,
    MultiAttachEnabled: false,
    Tags: tags,
  };
}

/** The block device mappings of each instance, in creation order (the root volume first). */
export async function blockDevicesOf(
  ctx: RequestContext,
  instanceIds: string[],
): Promise<Map<string, InstanceBlockDeviceMapping[]>> {
  const result = new Map<string, InstanceBlockDeviceMapping[]>(instanceIds.map((id) => [id, []]));
  if (instanceIds.length === 0) return result;
  const rows = await ctx.tx.all<VolumeRow>(
    `SELECT * FROM volumes WHERE instance_id IN (${placeholders(instanceIds)}) ORDER BY seq`,
    instanceIds,
  );
  for (const row of rows) {
    result.get(row.instance_id)?.push({
      DeviceName: row.device,
      Ebs: {
        AttachTime: new Date(row.attach_time),
        DeleteOnTermination: row.delete_on_termination === 1,
        Status: 'attached',
        VolumeId: row.id,
      },
    });
  }
  return result;
}
