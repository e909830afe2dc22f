/**
 * What instances give the code that was written before them, through the seams it left:
 * - the Terraform reads (terraform-reads/): DescribeInstanceCreditSpecifications and GetInstanceUefiData see the
 *   caller's instances, DescribeVolumes their volumes;
 * - the ENI address actions (network-interfaces/address-limits.ts): an attached ENI gets the per-interface address
 *   limits of its instance's type, so Assign* on it answers PrivateIpAddressLimitExceeded past them;
 * - the route actions (route-tables/route-targets.ts): CreateRoute / ReplaceRoute accept `InstanceId`.
 */
import type { RequestContext } from '../context.js';
import { instanceTypeLimits } from '../instance-types/catalog.js';
import { provideInstanceAddressHooks } from '../addresses/instance-hooks.js';
import { setInstanceTypeLimits, type AddressLimits } from '../network-interfaces/address-limits.js';
import { instanceAddressHooks } from './address-hooks.js';
import { provideInstanceLookup, type InstanceFacts } from '../terraform-reads/instance-lookup.js';
import { provideVolumeLookup } from '../terraform-reads/volume-lookup.js';
import { provideInstanceTargetLookup } from '../route-tables/route-targets.js';
import { instanceRouteTarget } from './route-target.js';
import { visibleSql, findInstanceRows, type InstanceRow } from './instance-records.js';
import { visibilityCutoff } from './instance-states.js';
import { lookupVolumes } from './volume-records.js';

const facts = (row: InstanceRow): InstanceFacts => ({
  instanceId: row.id,
  instanceType: row.instance_type,
  cpuCredits: (row.cpu_credits || undefined) as InstanceFacts['cpuCredits'],
});

async function lookupInstances(ctx: RequestContext, ids: readonly string[] | undefined): Promise<InstanceFacts[]> {
  if (ids !== undefined) return (await findInstanceRows(ctx, ids)).map(facts);
  const rows = await ctx.tx.all<InstanceRow>(
    `SELECT * FROM instances i WHERE i.account = ? AND i.region = ? AND ${visibleSql('i')} ORDER BY i.seq`,
    [ctx.account, ctx.region.name, visibilityCutoff(ctx.now)],
  );
  return rows.map(facts);
}

async function limitsOfInstance(ctx: RequestContext, instanceId: string): Promise<AddressLimits> {
  const row = await ctx.tx.get<{ instance_type: string }>(
    'SELECT instance_type FROM instances WHERE id = ? AND account = ? AND region = ?',
    [instanceId, ctx.account, ctx.region.name],
  );
  const limits = row ? instanceTypeLimits(row.instance_type) : undefined;
  if (!limits) return {};
  return { ipv4: limits.ipv4AddressesPerInterface, ipv6: limits.ipv6AddressesPerInterface };
}

/** Installs the seams; the instances table of the registry calls it once, when it loads. */
export function installInstanceSeams(): void {
  provideInstanceLookup(lookupInstances);
  provideVolumeLookup(lookupVolumes);
  setInstanceTypeLimits(limitsOfInstance);
  provideInstanceAddressHooks(instanceAddressHooks);
  provideInstanceTargetLookup(instanceRouteTarget);
}
