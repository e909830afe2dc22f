// Errors of tagging (CreateTags, DeleteTags, TagSpecification on every create).
import { clientError } from './aws-error.js';
import { invalidParameterValue } from './protocol.js';

export const invalidTaggableResourceType = (type: string) =>
  invalidParameterValue(`'${type}' is not a valid taggable resource type for this operation.`);
export const reservedTagKey = () =>
  invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
export const tagKeyTooLong = (key: string) =>
  invalidParameterValue(`Tag key exceeds the maximum length of 128 characters: ${key.slice(0, 20)}…`);
export const tagValueTooLong = () => invalidParameterValue('Tag value exceeds the maximum length of 256 characters');
export const emptyTagKey = () => invalidParameterValue('Tag key must not be empty');
export const tagLimitExceeded = () =>
  clientError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
export const invalidResourceId = (id: string) => clientError('InvalidID', `The ID '${id}' is not valid`);
