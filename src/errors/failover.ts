// Failover groups (vpclite's extension, /_vpclite/failover/*): answered as JSON {error, message} with these statuses.
import { AwsError, clientError } from './aws-error.js';

export const groupNameInvalid = (name: string) =>
  clientError(
    'InvalidParameterValue',
    `The failover group name '${name}' is invalid: use 1-64 letters, digits, '.', '_' or '-'.`,
  );
export const groupNotFound = (name: string) =>
  new AwsError('FailoverGroup.NotFound', `The failover group '${name}' does not exist in this account and region.`, 404);
export const groupDuplicate = (name: string) =>
  new AwsError('FailoverGroup.Duplicate', `A failover group named '${name}' already exists in this account and region.`, 409);
export const primaryInAnotherGroup = (instanceId: string, group: string) =>
  new AwsError(
    'FailoverGroup.PrimaryInUse',
    `The instance '${instanceId}' is already the primary of failover group '${group}'; delete that group first.`,
    409,
  );
export const sameInstance = () =>
  clientError('InvalidParameterCombination', 'The primary and the standby must be two different instances.');
export const zonesDiffer = (primaryZone: string, standbyZone: string) =>
  clientError(
    'InvalidParameterCombination',
    `The primary is in ${primaryZone} and the standby in ${standbyZone}: an ENI attaches only to an instance in its own Availability Zone.`,
  );
export const missingField = (field: string) => clientError('MissingParameter', `The request must contain the field '${field}'.`);
export const malformedJson = () => clientError('InvalidParameterValue', 'The request body must be a JSON object.');
