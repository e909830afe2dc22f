// Errors of DescribeImages (instances.md §1, §6.2).
import { clientError } from './aws-error.js';
import { malformedId } from './resources.js';

/** `The image id '[ami-…]' does not exist` (T); several: `The image ids '[ami-1, ami-2]' do not exist`. */
export const imagesNotFound = (ids: string[]) =>
  clientError(
    'InvalidAMIID.NotFound',
    ids.length === 1 ? `The image id '[${ids[0]}]' does not exist` : `The image ids '[${ids.join(', ')}]' do not exist`,
  );

/** `Invalid id: "x" (expecting "ami-...")` (instances.md §1). */
export const imageIdMalformed = malformedId('InvalidAMIID.Malformed', 'ami');

/** An `Owner.N` / `ExecutableBy.N` that is neither an alias nor a 12-digit account (wording U). */
export const userIdMalformed = (value: string) => clientError('InvalidUserID.Malformed', `User ID '${value}' is invalid`);
