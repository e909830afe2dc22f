// Errors of DescribeVolumes.
import { clientError } from './aws-error.js';
import { malformedId } from './resources.js';

/** `The volume 'vol-…' does not exist.`; several: `The volumes 'vol-1, vol-2' do not exist.` (wording U). */
export const volumesNotFound = (ids: string[]) =>
  clientError(
    'InvalidVolume.NotFound',
    ids.length === 1 ? `The volume '${ids[0]}' does not exist.` : `The volumes '${ids.join(', ')}' do not exist.`,
  );

export const volumeIdMalformed = malformedId('InvalidVolumeID.Malformed', 'vol');
