/**
 * SEAM for the instances work (root volumes made by RunInstances): the EBS volumes DescribeVolumes answers with.
 * Until volumes exist there are none: DescribeVolumes answers an empty list, and InvalidVolume.NotFound for any
 * id. The instances code installs its own lookup once, when its module loads:
 *
 *     provideVolumeLookup(async (ctx, ids) => the caller's volumes as model Volume shapes, tags included)
 */
import type { Volume } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';

/**
 * The caller's volumes with the given ids (unknown ids are simply missing), or all of the caller's volumes when
 * `ids` is undefined, each with its `Tags`. Order does not matter: callers sort.
 */
export type VolumeLookup = (ctx: RequestContext, ids: readonly string[] | undefined) => Promise<Volume[]>;

const noVolumes: VolumeLookup = async () => [];
let current: VolumeLookup = noVolumes;

export function provideVolumeLookup(lookup: VolumeLookup): void {
  current = lookup;
}

export function resetVolumeLookup(): void {
  current = noVolumes;
}

export const findVolumes: VolumeLookup = (ctx, ids) => current(ctx, ids);
