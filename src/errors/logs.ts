/**
 * Errors of the CloudWatch Logs API subset (logs/logs-endpoint.ts). The Logs JSON protocol answers
 * `{"__type": "<code>", "message": "<text>"}` with HTTP 400; codes and messages as CloudWatch Logs gives them
 * (messages U where not commonly seen).
 */
import { AwsError, clientError } from './aws-error.js';

export const resourceNotFound = (message: string) => clientError('ResourceNotFoundException', message);
export const logGroupNotFound = () => resourceNotFound('The specified log group does not exist.');
export const logStreamNotFound = () => resourceNotFound('The specified log stream does not exist.');
export const logGroupAlreadyExists = () =>
  clientError('ResourceAlreadyExistsException', 'The specified log group already exists');
export const logsInvalidParameter = (message: string) => clientError('InvalidParameterException', message);
export const logsValidation = (message: string) => clientError('ValidationException', message);
export const unknownLogsOperation = (target: string) =>
  clientError('UnknownOperationException', `The operation ${target} is not supported by vpclite's CloudWatch Logs.`);
export const serializationException = () => clientError('SerializationException', 'The request body is not valid JSON.');
export const invalidLogsNextToken = () => logsInvalidParameter('The specified nextToken is invalid.');
export const invalidFilterPattern = () => logsInvalidParameter('Invalid character(s) in term');

/** The Logs service's names for the EC2 gateway's authentication failures. */
export function logsAuthError(ec2: AwsError): AwsError {
  switch (ec2.code) {
    case 'AuthFailure':
      return new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
    case 'SignatureDoesNotMatch':
      return new AwsError('InvalidSignatureException', ec2.message, 400);
    case 'RequestExpired':
      return new AwsError('InvalidSignatureException', ec2.message, 400);
    case 'IncompleteSignature':
      return new AwsError('IncompleteSignatureException', ec2.message, 400);
    case 'MissingParameter':
      return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
    default:
      return ec2;
  }
}
