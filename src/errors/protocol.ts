// Errors of the wire protocol and of authentication (wire-protocol.md §1, §4, §5, §6, §7, §8, §9).
import { AwsError, clientError } from './aws-error.js';

export const missingAction = () => clientError('MissingAction', 'The request must contain the parameter Action');
export const invalidAction = (action: string) =>
  clientError('InvalidAction', `The action ${action} is not valid for this web service.`);
export const noSuchVersion = (version: string) =>
  clientError('NoSuchVersion', `The requested version (${version}) of service AmazonEC2 does not exist`);
export const missingParameter = (name: string) =>
  clientError('MissingParameter', `The request must contain the parameter ${name}`);
export const unknownParameter = (name: string) =>
  clientError('UnknownParameter', `The parameter ${name} is not recognized`);
export const invalidParameterValue = (message: string) => clientError('InvalidParameterValue', message);
export const invalidParameter = (message: string) => clientError('InvalidParameter', message);
export const invalidParameterCombination = (message: string) =>
  clientError('InvalidParameterCombination', message);
export const malformedQuery = (detail: string) =>
  clientError('MalformedQueryString', `The query string is malformed: ${detail}`);
/** Bytes the HTTP parser could not take as a request at all (bad request line, header, chunk or length). */
export const malformedHttpRequest = (reason: string) =>
  clientError('ValidationError', `The request could not be parsed as HTTP/1.1: ${reason}`);
export const headersTooLarge = () =>
  new AwsError('ValidationError', 'The request headers exceed the size limit.', 431);
export const requestTooLarge = (limit: number) =>
  new AwsError('RequestEntityTooLarge', `The request body exceeds the limit of ${limit} bytes.`, 413);

export const dryRunOperation = () =>
  new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
export const idempotentParameterMismatch = (token: string) =>
  clientError(
    'IdempotentParameterMismatch',
    `The client token '${token}' has already been used with different request parameters.`,
  );

export const invalidMaxResults = (value: number, min: number, max: number) =>
  invalidParameterValue(
    value < min
      ? `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value greater than ${min}.`
      : `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value less than ${max}.`,
  );
export const invalidNextToken = (token: string) =>
  clientError('InvalidNextToken', `The token '${token}' is invalid.`);
export const idsWithMaxResults = (idsParameter: string) =>
  invalidParameterCombination(`The parameter ${idsParameter} cannot be used with the parameter maxResults`);
export const invalidFilter = (name: string) => invalidParameterValue(`The filter '${name}' is invalid`);
export const filterValueTooLong = () =>
  clientError('FilterLimitExceeded', 'The maximum length for a filter value is 255 characters');

export const authFailure = () =>
  new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
export const signatureDoesNotMatch = () =>
  new AwsError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    403,
  );
export const invalidRegionScope = (region: string) =>
  new AwsError('AuthFailure', `Credential should be scoped to a valid region, not '${region}'.`, 401);
export const incompleteSignature = (detail: string) => clientError('IncompleteSignature', detail);
export const missingAuthentication = () =>
  clientError('MissingParameter', 'The request must contain the parameter AWSAccessKeyId');
export const requestExpired = (detail: string) => clientError('RequestExpired', detail);

export const internalError = () =>
  new AwsError('InternalError', 'An internal error has occurred', 500);
