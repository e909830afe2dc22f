/**
 * The fields a flow log record can carry (routing-and-traffic.md §4.2), with the version that introduced each, and
 * how a LogFormat string names them. The default format is the version-2 fields in the documented order; a custom
 * format's `${version}` is the highest version among the fields it chose.
 */

/** Field name → the flow log version that introduced it. Versions past 5 are marked U in the spec. */
export const FIELD_VERSIONS: ReadonlyMap<string, number> = new Map([
  ['version', 2], ['account-id', 2], ['interface-id', 2], ['srcaddr', 2], ['dstaddr', 2], ['srcport', 2],
  ['dstport', 2], ['protocol', 2], ['packets', 2], ['bytes', 2], ['start', 2], ['end', 2], ['action', 2],
  ['log-status', 2],
  ['vpc-id', 3], ['subnet-id', 3], ['instance-id', 3], ['tcp-flags', 3], ['type', 3], ['pkt-srcaddr', 3],
  ['pkt-dstaddr', 3],
  ['region', 4], ['az-id', 4], ['sublocation-type', 4], ['sublocation-id', 4],
  ['pkt-src-aws-service', 5], ['pkt-dst-aws-service', 5], ['flow-direction', 5], ['traffic-path', 5],
  ['ecs-cluster-arn', 7], ['ecs-cluster-name', 7], ['ecs-container-instance-arn', 7], ['ecs-container-instance-id', 7],
  ['ecs-container-id', 7], ['ecs-second-container-id', 7], ['ecs-service-name', 7], ['ecs-task-definition-arn', 7],
  ['ecs-task-arn', 7], ['ecs-task-id', 7],
  ['reject-reason', 8],
  ['resource-id', 9],
  ['encryption-status', 10],
  ['instance-tag', 10], ['instance-tag-2', 10], ['interface-tag', 10], ['interface-tag-2', 10], ['asg-tag', 10],
  ['asg-tag-2', 10], ['interface-type', 10], ['next-hop-interface-id', 10], ['next-hop-subnet-id', 10],
  ['next-hop-az-id', 10], ['next-hop-vpc-id', 10], ['next-hop-interface-type', 10],
]);

export const DEFAULT_FIELDS = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets',
  'bytes', 'start', 'end', 'action', 'log-status',
] as const;

/** `${version} ${account-id} …`: what DescribeFlowLogs reports as the format of a flow log created without one. */
export const DEFAULT_LOG_FORMAT = DEFAULT_FIELDS.map((f) => `\${${f}}`).join(' ');

/**
 * The field names of a LogFormat, or undefined when it is not a space-separated list of at least one known
 * `${field}`.
 */
export function parseLogFormat(format: string): string[] | undefined {
  const tokens = format.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0) return undefined;
  const fields: string[] = [];
  for (const token of tokens) {
    const match = /^\$\{([a-z0-9-]+)\}$/.exec(token);
    if (!match || !FIELD_VERSIONS.has(match[1]!)) return undefined;
    fields.push(match[1]!);
  }
  return fields;
}

/** The `${version}` a record in this format carries: the highest version among its fields. */
export function formatVersion(fields: readonly string[]): number {
  return Math.max(2, ...fields.map((f) => FIELD_VERSIONS.get(f) ?? 2));
}
