/**
 * Where a flow log delivers, from its LogDestination / LogGroupName (routing-and-traffic.md §4.1): a CloudWatch
 * Logs log group (`arn:aws:logs:<region>:<account>:log-group:<name>`), an S3 bucket with an optional prefix
 * (`arn:aws:s3:::<bucket>[/<prefix>/]`) or a Firehose delivery stream. Pure parsing; callers map undefined to
 * their error.
 */

/** CloudWatch Logs' own rule for group names: 1-512 of `.-_/#` letters and digits. */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export const isLogGroupName = (name: string): boolean => LOG_GROUP_NAME.test(name);

export const logGroupArn = (region: string, account: string, name: string): string =>
  `arn:aws:logs:${region}:${account}:log-group:${name}`;

/** The group name of a log group ARN (a trailing `:*`, as ARNs of groups often end, is allowed). */
export function logGroupNameOfArn(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:(.+?)(?::\*)?$/.exec(arn);
  return match && isLogGroupName(match[1]!) ? match[1] : undefined;
}

export interface S3Location {
  bucket: string;
  /** '' or a prefix ending in '/'. */
  prefix: string;
}

/** S3's bucket naming rules, in short: 3-63 of lower-case letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function s3LocationOfArn(arn: string): S3Location | undefined {
  const match = /^arn:aws[a-z-]*:s3:::([^/]+)(?:\/(.*))?$/.exec(arn);
  if (!match || !BUCKET.test(match[1]!)) return undefined;
  const rest = (match[2] ?? '').replace(/^\/+/, '');
  if (rest.split('/').some((part) => part === '..' || part === '.')) return undefined;
  return { bucket: match[1]!, prefix: rest === '' ? '' : rest.endsWith('/') ? rest : `${rest}/` };
}

/** AWS refuses a prefix that is (or starts with) `AWSLogs`, the folder it writes under. */
export const usesReservedPrefix = (location: S3Location): boolean => location.prefix.split('/')[0] === 'AWSLogs';

export const isFirehoseArn = (arn: string): boolean =>
  /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]{1,64}$/.test(arn);

/** The CloudWatch Logs stream of an ENI's records: `<eni-id>-all`, as AWS names them. */
export const logStreamNameOf = (networkInterfaceId: string): string => `${networkInterfaceId}-all`;
