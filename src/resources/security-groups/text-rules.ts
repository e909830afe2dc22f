/**
 * What EC2 accepts as a group name, a group description and a rule description (security.md §1): at most 255
 * characters from a-z A-Z 0-9, space and `._-:/()#,@[]+=&;{}!$*`. Group names lose trailing spaces, may not start
 * with `sg-`, and `default` is taken by the group every VPC is born with.
 */
import {
  groupDescriptionMissing,
  groupNameReserved,
  groupNameSgPrefix,
  invalidGroupDescription,
  invalidGroupName,
  invalidRuleDescription,
  nonAsciiValue,
} from '../../errors/security-groups.js';
import { DEFAULT_GROUP_NAME } from './default-group.js';

const MAX_LENGTH = 255;
const ALLOWED = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

const fits = (text: string) => text.length <= MAX_LENGTH && ALLOWED.test(text);

export function validateGroupName(raw: string): string {
  const name = raw.replace(/ +$/, '');
  if (NON_ASCII.test(name)) throw nonAsciiValue('GroupName', name);
  if (name.length === 0 || !fits(name)) throw invalidGroupName();
  if (name.toLowerCase() === DEFAULT_GROUP_NAME) throw groupNameReserved(name);
  if (name.startsWith('sg-')) throw groupNameSgPrefix(name);
  return name;
}

export function validateGroupDescription(raw: string): string {
  if (raw === '') throw groupDescriptionMissing();
  if (NON_ASCII.test(raw)) throw nonAsciiValue('GroupDescription', raw);
  if (!fits(raw)) throw invalidGroupDescription();
  return raw;
}

/** A rule description; undefined stays undefined (no description). */
export function validateRuleDescription(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!fits(raw)) throw invalidRuleDescription();
  return raw;
}
