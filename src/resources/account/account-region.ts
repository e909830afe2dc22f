/**
 * The first request of an account in a region finds what a new AWS account has there (addressing.md §1): a
 * default DHCP options set and a default VPC, 172.31.0.0/16 with a /20 default subnet per AZ, an attached
 * internet gateway and a main route to it. Runs once per account and region; the row in account_regions
 * records that it ran.
 */
import { parseIpv4Cidr } from '../../net/ipv4.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { insertRoute } from '../route-tables/main-route-table.js';
import { insertSubnet } from '../subnets/insert-subnet.js';
import { provisionVpc } from '../vpcs/provision-vpc.js';

const DEFAULT_VPC_CIDR = '172.31.0.0/16';
const DEFAULT_SUBNET_PREFIX = 20;

export interface AccountRegion {
  defaultVpcId: string;
  dhcpOptionsId: string;
}

export async function findAccountRegion(ctx: RequestContext): Promise<AccountRegion | undefined> {
  const row = await ctx.tx.get<{ default_vpc_id: string; dhcp_options_id: string }>(
    'SELECT default_vpc_id, dhcp_options_id FROM account_regions WHERE account = ? AND region = ?',
    [ctx.account, ctx.region.name],
  );
  return row && { defaultVpcId: row.default_vpc_id, dhcpOptionsId: row.dhcp_options_id };
}

export async function accountRegion(ctx: RequestContext): Promise<AccountRegion> {
  const found = await findAccountRegion(ctx);
  if (!found) throw new Error(`account ${ctx.account} in ${ctx.region.name} was not bootstrapped`);
  return found;
}

/** Creates the default VPC with its subnets and internet gateway; returns its id. */
export async function createDefaultVpc(ctx: RequestContext, dhcpOptionsId: string): Promise<string> {
  const vpcCidr = parseIpv4Cidr(DEFAULT_VPC_CIDR)!;
  const vpcId = await provisionVpc(ctx, {
    cidr: vpcCidr, instanceTenancy: 'default', isDefault: true, amazonProvidedIpv6: false, dhcpOptionsId,
  });
  const subnetSize = 2 ** (32 - DEFAULT_SUBNET_PREFIX);
  for (const [i, zone] of ctx.region.zones.entries()) {
    await insertSubnet(ctx, {
      vpcId,
      cidr: { base: vpcCidr.base + i * subnetSize, prefix: DEFAULT_SUBNET_PREFIX },
      availabilityZone: zone,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
    });
  }
  const igwId = newId('igw');
  await ctx.tx.run('INSERT INTO internet_gateways (id, account, region, vpc_id, created_at) VALUES (?, ?, ?, ?, ?)', [
    igwId, ctx.account, ctx.region.name, vpcId, ctx.now.toISOString(),
  ]);
  const main = await ctx.tx.get<{ route_table_id: string }>(
    'SELECT route_table_id FROM route_table_associations WHERE vpc_id = ? AND is_main = 1',
    [vpcId],
  );
  await insertRoute(ctx, {
    routeTableId: main!.route_table_id, destination: '0.0.0.0/0', family: 'ipv4', gatewayId: igwId, origin: 'CreateRoute',
  });
  return vpcId;
}

/** Makes sure the account has its regional defaults; safe to call on every request. */
export async function bootstrapAccountRegion(ctx: RequestContext): Promise<void> {
  if (await findAccountRegion(ctx)) return;
  const dhcpOptionsId = newId('dopt');
  await ctx.tx.run(
    'INSERT INTO account_regions (account, region, default_vpc_id, dhcp_options_id, created_at) VALUES (?, ?, ?, ?, ?)',
    [ctx.account, ctx.region.name, '', dhcpOptionsId, ctx.now.toISOString()],
  );
  const vpcId = await createDefaultVpc(ctx, dhcpOptionsId);
  await ctx.tx.run('UPDATE account_regions SET default_vpc_id = ? WHERE account = ? AND region = ?', [
    vpcId, ctx.account, ctx.region.name,
  ]);
}
