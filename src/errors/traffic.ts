// Errors of vpclite's traffic extension (POST /_vpclite/traffic, POST /_vpclite/clock): JSON answers
// {"error": code, "message"} with AWS-style codes, so clients tell a bad request from a dropped packet.
import { clientError } from './aws-error.js';
import { invalidParameterValue, missingParameter } from './protocol.js';

export const malformedJson = (detail: string) => clientError('SerializationException', `The body is not a JSON object: ${detail}`);
export const missingField = (name: string) => missingParameter(name);
export const invalidField = (name: string, value: unknown, expected: string) =>
  invalidParameterValue(`Value (${JSON.stringify(value)}) for parameter ${name} is invalid. Expected ${expected}.`);
export const unknownRegion = (region: string) => invalidParameterValue(`The region '${region}' does not exist.`);
export const invalidAccount = (account: string) =>
  invalidParameterValue(`The account '${account}' is not a 12-digit AWS account id.`);
