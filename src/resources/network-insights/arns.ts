/**
 * ARNs of the resources a path can name, and the reverse: `arn:aws:ec2:<region>:<account>:<type>/<id>`. The
 * analyzer accepts either an id or an ARN wherever it takes a resource, and always answers both.
 */
export const RESOURCE_TYPES_BY_PREFIX: Record<string, string> = {
  i: 'instance',
  eni: 'network-interface',
  igw: 'internet-gateway',
  sg: 'security-group',
  acl: 'network-acl',
  rtb: 'route-table',
  subnet: 'subnet',
  vpc: 'vpc',
  nip: 'network-insights-path',
  nia: 'network-insights-analysis',
};

export const prefixOf = (id: string): string => id.slice(0, Math.max(id.lastIndexOf('-'), 0));

export function arnOf(region: string, account: string, id: string): string {
  const type = RESOURCE_TYPES_BY_PREFIX[prefixOf(id)] ?? 'resource';
  return `arn:aws:ec2:${region}:${account}:${type}/${id}`;
}

export interface ParsedArn {
  region: string;
  account: string;
  type: string;
  id: string;
}

/** The parts of an EC2 ARN, or undefined when `text` is not one. */
export function parseArn(text: string): ParsedArn | undefined {
  const match = /^arn:aws[a-z-]*:ec2:([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/.exec(text);
  if (!match) return undefined;
  return { region: match[1]!, account: match[2]!, type: match[3]!, id: match[4]! };
}
