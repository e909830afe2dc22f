// Request throttling (wire-protocol.md §4 and §11): the one error a throttled EC2 call answers, 503 so SDKs retry it.
import { AwsError } from './aws-error.js';

export const requestLimitExceeded = () => new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
