/**
 * DescribeAccountAttributes (instances.md §6.5): the account's attributes in the caller's region. Every value is
 * fixed except `default-vpc`, which names the account's default VPC here or says `none` once it is deleted.
 * Without AttributeName.N every attribute is answered; with it, the ones asked for, in the order asked.
 */
import { invalidAccountAttributeName } from '../../errors/regions.js';
import type { AccountAttribute } from '../../protocol/generated/ec2-shapes.js';
import type { Handler } from '../context.js';
import { accountRegion } from './account-region.js';

/** The attributes in the order the API reference's example lists them; `null` marks the computed one. */
const ATTRIBUTES: [name: string, values: string[] | null][] = [
  ['supported-platforms', ['VPC']],
  ['vpc-max-security-groups-per-interface', ['5']],
  ['max-elastic-ips', ['5']],
  ['max-instances', ['20']],
  ['vpc-max-elastic-ips', ['5']],
  ['default-vpc', null],
];

const KNOWN = new Map(ATTRIBUTES);

export const describeAccountAttributes: Handler<'DescribeAccountAttributes'> = async (ctx, input) => {
  const asked = [...new Set<string>(input.AttributeNames ?? [])];
  for (const name of asked) if (!KNOWN.has(name)) throw invalidAccountAttributeName(name);
  const names = asked.length > 0 ? asked : ATTRIBUTES.map(([name]) => name);
  const { defaultVpcId } = await accountRegion(ctx);
  const attributes: AccountAttribute[] = names.map((name) => ({
    AttributeName: name,
    AttributeValues: (KNOWN.get(name) ?? [defaultVpcId || 'none']).map((value) => ({ AttributeValue: value })),
  }));
  return { AccountAttributes: attributes };
};
