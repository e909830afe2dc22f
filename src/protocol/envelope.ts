/**
 * Parameters that frame an EC2 Query request rather than belong to the action's input: the action and version,
 * SigV2's fields and SigV4's presigned-URL fields (`X-Amz-*`). The input decoder skips them.
 */
const ENVELOPE = new Set([
  'Action', 'Version', 'AWSAccessKeyId', 'SignatureVersion', 'SignatureMethod', 'Signature', 'Timestamp', 'Expires',
  'SecurityToken',
]);

export const isEnvelopeKey = (key: string): boolean => ENVELOPE.has(key) || key.startsWith('X-Amz-');
