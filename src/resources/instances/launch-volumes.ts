/**
 * The EBS volumes a launch creates: the image's root volume (resized or retyped by a BlockDeviceMapping for the
 * root device) and one volume per other EBS mapping of the request. DescribeVolumes finds them, and Terraform reads
 * the root volume by the id in the instance's blockDeviceMapping (ACTIONS.md). Instance-store (`ephemeral…`)
 * mappings and `NoDevice` entries make no volume.
 */
import { invalidVolumeSize, invalidVolumeType } from '../../errors/instances.js';
import { missingParameter } from '../../errors/protocol.js';
import type { BlockDeviceMapping, EbsBlockDevice, Image } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';

const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'];

export interface VolumePlan {
  device: string;
  size: number;
  volumeType: string;
  iops: number;
  throughput: number;
  encrypted: boolean;
  snapshotId: string;
  deleteOnTermination: boolean;
}

/** gp2 gives 3 IOPS per GiB between 100 and 16,000; gp3 has a 3,000 / 125 MiB/s baseline. */
function performance(type: string, size: number, ebs: EbsBlockDevice | undefined): { iops: number; throughput: number } {
  switch (type) {
    case 'gp2':
      return { iops: Math.min(16000, Math.max(100, 3 * size)), throughput: 0 };
    case 'gp3':
      return { iops: ebs?.Iops ?? 3000, throughput: ebs?.Throughput ?? 125 };
    case 'io1':
    case 'io2':
      return { iops: ebs?.Iops ?? 100, throughput: 0 };
    default:
      return { iops: 0, throughput: 0 };
  }
}

function plan(device: string, base: EbsBlockDevice | undefined, override: EbsBlockDevice | undefined): VolumePlan {
  const volumeType = override?.VolumeType ?? base?.VolumeType ?? 'gp2';
  if (!VOLUME_TYPES.includes(volumeType)) throw invalidVolumeType(volumeType);
  const snapshotSize = base?.VolumeSize;
  const size = override?.VolumeSize ?? snapshotSize;
  if (size === undefined) throw missingParameter('BlockDeviceMapping.Ebs.VolumeSize');
  if (snapshotSize !== undefined && size < snapshotSize) throw invalidVolumeSize(size, snapshotSize);
  // The image's IOPS and throughput hold only while the request keeps its volume type.
  const sameType = volumeType === base?.VolumeType;
  const { iops, throughput } = performance(volumeType, size, {
    Iops: override?.Iops ?? (sameType ? base?.Iops : undefined),
    Throughput: override?.Throughput ?? (sameType ? base?.Throughput : undefined),
  });
  return {
    device,
    size,
    volumeType,
    iops,
    throughput,
    encrypted: override?.Encrypted ?? base?.Encrypted ?? false,
    snapshotId: override?.SnapshotId ?? base?.SnapshotId ?? '',
    deleteOnTermination: override?.DeleteOnTermination ?? base?.DeleteOnTermination ?? true,
  };
}

/** The volumes for an instance of `image` given the request's mappings; the root volume first. */
export function planVolumes(image: Image, requested: BlockDeviceMapping[] | undefined): VolumePlan[] {
  const byDevice = new Map((requested ?? []).map((m) => [m.DeviceName ?? '', m]));
  const plans: VolumePlan[] = [];
  const imageMappings = image.BlockDeviceMappings ?? [];
  const root = imageMappings.find((m) => m.DeviceName === image.RootDeviceName && m.Ebs);
  const ordered = [...(root ? [root] : []), ...imageMappings.filter((m) => m !== root)];
  for (const mapping of ordered) {
    const device = mapping.DeviceName ?? '';
    const asked = byDevice.get(device);
    byDevice.delete(device);
    if (!mapping.Ebs || asked?.NoDevice !== undefined) continue;
    plans.push(plan(device, mapping.Ebs, asked?.Ebs));
  }
  for (const [device, mapping] of byDevice) {
    if (!mapping.Ebs || mapping.NoDevice !== undefined) continue;
    plans.push(plan(device, undefined, mapping.Ebs));
  }
  return plans;
}

/** Creates the planned volumes, attached to `instanceId`; returns their ids in order. */
export async function createVolumes(
  ctx: RequestContext,
  instance: { id: string; availabilityZone: string; availabilityZoneId: string },
  plans: VolumePlan[],
): Promise<string[]> {
  const ids: string[] = [];
  const now = ctx.now.toISOString();
  for (const p of plans) {
    const id = newId('vol');
    await ctx.tx.run(
      `INSERT INTO volumes (id, account, region, availability_zone, availability_zone_id, size, volume_type, iops,
         throughput, encrypted, snapshot_id, state, create_time, instance_id, device, attach_time, delete_on_termination)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in-use', ?, ?, ?, ?, ?)`,
      [
        id, ctx.account, ctx.region.name, instance.availabilityZone, instance.availabilityZoneId, p.size, p.volumeType,
        p.iops, p.throughput, p.encrypted ? 1 : 0, p.snapshotId, now, instance.id, p.device, now,
        p.deleteOnTermination ? 1 : 0,
      ],
    );
    ids.push(id);
  }
  return ids;
}
