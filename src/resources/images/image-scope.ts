/**
 * Which images a DescribeImages call may return, from `Owner.N` and `ExecutableBy.N` (instances.md §6.2, the
 * API reference): owners are ORed (`self`, an alias such as `amazon`, or an account id); `ExecutableBy` `all`
 * means public images, `self` or the caller's own id images shared with the caller, another account id images
 * shared with that account. vpclite's images are all public and shared with no one in particular.
 */
import { userIdMalformed } from '../../errors/images.js';
import type { Image } from '../../protocol/generated/ec2-shapes.js';

const OWNER_ALIASES = new Set(['amazon', 'aws-marketplace', 'aws-backup-vault']);
const ACCOUNT_ID = /^\d{12}$/;

/** Checks the values of `Owner.N` and `ExecutableBy.N` before anything is looked up. */
export function validateImageScope(owners: string[] | undefined, executableBy: string[] | undefined): void {
  for (const owner of owners ?? []) {
    if (owner !== 'self' && !OWNER_ALIASES.has(owner) && !ACCOUNT_ID.test(owner)) throw userIdMalformed(owner);
  }
  for (const user of executableBy ?? []) {
    if (user !== 'self' && user !== 'all' && !ACCOUNT_ID.test(user)) throw userIdMalformed(user);
  }
}

function ownedBy(image: Image, owner: string, caller: string): boolean {
  if (owner === 'self') return image.OwnerId === caller;
  if (OWNER_ALIASES.has(owner)) return image.ImageOwnerAlias === owner;
  return image.OwnerId === owner;
}

/** Built-in images carry no launch permissions beyond being public. */
function executableBy(image: Image, user: string): boolean {
  return user === 'all' && image.Public === true;
}

export function inImageScope(
  image: Image,
  caller: string,
  owners: string[] | undefined,
  users: string[] | undefined,
): boolean {
  if (owners && owners.length > 0 && !owners.some((o) => ownedBy(image, o, caller))) return false;
  if (users && users.length > 0 && !users.some((u) => executableBy(image, u))) return false;
  return true;
}
