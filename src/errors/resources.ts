// Error shapes shared by every resource type: unknown ids and malformed ids (network-interfaces.md §1).
import { clientError } from './aws-error.js';

/** `The vpc ID 'vpc-1' does not exist` / `The vpc IDs 'vpc-1, vpc-2' do not exist`. */
export const idsNotFound = (code: string, noun: string) => (ids: string[]) =>
  clientError(
    code,
    ids.length === 1
      ? `The ${noun} ID '${ids[0]}' does not exist`
      : `The ${noun} IDs '${ids.join(', ')}' do not exist`,
  );

/** `Invalid id: "foo" (expecting "vpc-...")`. */
export const malformedId = (code: string, prefix: string) => (id: string) =>
  clientError(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);

/**
 * An association id (`rtbassoc-…`, `aclassoc-…`, `eipassoc-…`) that is not one of the caller's:
 * `The association ID 'rtbassoc-…' does not exist`.
 */
export const associationNotFound = (id: string) =>
  clientError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
