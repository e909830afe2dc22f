/**
 * ModifySubnetAttribute (addressing.md §2): exactly one attribute per call (MapCustomerOwnedIpOnLaunch and
 * CustomerOwnedIpv4Pool count as one, as the API reference says). Answers `<return>true</return>`.
 */
import { missingParameter } from '../../errors/protocol.js';
import {
  assignIpv6WithoutBlock,
  dns64WithoutBlock,
  invalidHostnameType,
  invalidLniDeviceIndex,
  ipv6NativeNeedsAssignIpv6,
  ipv6NativeNeedsResourceName,
  multipleSubnetAttributes,
  noSubnetAttribute,
  notAnOutpostSubnet,
} from '../../errors/subnets.js';
import type { AttributeBooleanValue, ModifySubnetAttributeRequest } from '../../protocol/generated/ec2-shapes.js';
import type { Handler, RequestContext } from '../context.js';
import { requireSubnet, type SubnetRow } from './subnet-records.js';

type Input = ModifySubnetAttributeRequest;

/** Each attribute: its wire name (as AWS names it in errors) and whether the request carries it. */
const ATTRIBUTES: { name: string; present: (input: Input) => boolean }[] = [
  { name: 'assignIpv6AddressOnCreation', present: (i) => i.AssignIpv6AddressOnCreation !== undefined },
  { name: 'mapPublicIpOnLaunch', present: (i) => i.MapPublicIpOnLaunch !== undefined },
  {
    name: 'mapCustomerOwnedIpOnLaunch',
    present: (i) => i.MapCustomerOwnedIpOnLaunch !== undefined || i.CustomerOwnedIpv4Pool !== undefined,
  },
  { name: 'enableDns64', present: (i) => i.EnableDns64 !== undefined },
  { name: 'privateDnsHostnameTypeOnLaunch', present: (i) => i.PrivateDnsHostnameTypeOnLaunch !== undefined },
  { name: 'enableResourceNameDnsARecordOnLaunch', present: (i) => i.EnableResourceNameDnsARecordOnLaunch !== undefined },
  {
    name: 'enableResourceNameDnsAAAARecordOnLaunch',
    present: (i) => i.EnableResourceNameDnsAAAARecordOnLaunch !== undefined,
  },
  { name: 'enableLniAtDeviceIndex', present: (i) => i.EnableLniAtDeviceIndex !== undefined },
  { name: 'disableLniAtDeviceIndex', present: (i) => i.DisableLniAtDeviceIndex !== undefined },
];

const HOSTNAME_TYPES = ['ip-name', 'resource-name'];

function flag(value: AttributeBooleanValue | undefined, parameter: string): boolean {
  if (value?.Value === undefined) throw missingParameter(`${parameter}.Value`);
  return value.Value;
}

/** One column update, decided from the (validated) request and the subnet it applies to. */
interface Change {
  column: string;
  value: number | string;
}

async function hasIpv6Block(ctx: RequestContext, subnetId: string): Promise<boolean> {
  return (await ctx.tx.get('SELECT 1 AS x FROM subnet_ipv6_cidr_blocks WHERE subnet_id = ? LIMIT 1', [subnetId])) !== undefined;
}

async function decideChange(ctx: RequestContext, input: Input, subnet: SubnetRow): Promise<Change> {
  if (input.AssignIpv6AddressOnCreation !== undefined) {
    const on = flag(input.AssignIpv6AddressOnCreation, 'AssignIpv6AddressOnCreation');
    if (on && !(await hasIpv6Block(ctx, subnet.id))) throw assignIpv6WithoutBlock(subnet.id);
    if (!on && subnet.ipv6_native === 1) throw ipv6NativeNeedsAssignIpv6(subnet.id);
    return { column: 'assign_ipv6_address_on_creation', value: on ? 1 : 0 };
  }
  if (input.MapPublicIpOnLaunch !== undefined) {
    return { column: 'map_public_ip_on_launch', value: flag(input.MapPublicIpOnLaunch, 'MapPublicIpOnLaunch') ? 1 : 0 };
  }
  if (input.MapCustomerOwnedIpOnLaunch !== undefined || input.CustomerOwnedIpv4Pool !== undefined) {
    // Customer-owned addresses exist only on Outpost subnets, and vpclite has no Outposts: only "off" is possible.
    const on = input.MapCustomerOwnedIpOnLaunch === undefined || flag(input.MapCustomerOwnedIpOnLaunch, 'MapCustomerOwnedIpOnLaunch');
    if (on || input.CustomerOwnedIpv4Pool !== undefined) throw notAnOutpostSubnet(subnet.id);
    return { column: 'map_customer_owned_ip_on_launch', value: 0 };
  }
  if (input.EnableDns64 !== undefined) {
    const on = flag(input.EnableDns64, 'EnableDns64');
    if (on && !(await hasIpv6Block(ctx, subnet.id))) throw dns64WithoutBlock(subnet.id);
    return { column: 'enable_dns64', value: on ? 1 : 0 };
  }
  if (input.PrivateDnsHostnameTypeOnLaunch !== undefined) {
    if (input.PrivateDnsHostnameTypeOnLaunch === 'ip-name' && subnet.ipv6_native === 1) {
      throw ipv6NativeNeedsResourceName(subnet.id);
    }
    return { column: 'hostname_type', value: input.PrivateDnsHostnameTypeOnLaunch };
  }
  if (input.EnableResourceNameDnsARecordOnLaunch !== undefined) {
    const on = flag(input.EnableResourceNameDnsARecordOnLaunch, 'EnableResourceNameDnsARecordOnLaunch');
    return { column: 'enable_rbn_a', value: on ? 1 : 0 };
  }
  if (input.EnableResourceNameDnsAAAARecordOnLaunch !== undefined) {
    const on = flag(input.EnableResourceNameDnsAAAARecordOnLaunch, 'EnableResourceNameDnsAAAARecordOnLaunch');
    return { column: 'enable_rbn_aaaa', value: on ? 1 : 0 };
  }
  // EnableLniAtDeviceIndex / DisableLniAtDeviceIndex: local network interfaces exist only on Outpost servers.
  throw notAnOutpostSubnet(subnet.id);
}

export const modifySubnetAttribute: Handler<'ModifySubnetAttribute'> = async (ctx, input) => {
  const given = ATTRIBUTES.filter((a) => a.present(input)).map((a) => a.name);
  if (given.length === 0) throw noSubnetAttribute();
  if (given.length > 1) throw multipleSubnetAttributes(given);
  const hostname = input.PrivateDnsHostnameTypeOnLaunch;
  if (hostname !== undefined && !HOSTNAME_TYPES.includes(hostname)) throw invalidHostnameType(hostname);
  if (input.EnableLniAtDeviceIndex !== undefined && input.EnableLniAtDeviceIndex < 1) {
    throw invalidLniDeviceIndex(input.EnableLniAtDeviceIndex);
  }
  const subnet = await requireSubnet(ctx, input.SubnetId);
  const change = await decideChange(ctx, input, subnet);
  // `change.column` comes from the fixed list above, never from the request.
  await ctx.tx.run(`UPDATE subnets SET ${change.column} = ? WHERE id = ?`, [change.value, subnet.id]);
};
