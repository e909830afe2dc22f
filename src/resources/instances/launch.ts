/**
 * Writing a planned launch (launch-plan.ts): one reservation, `count` instances, each with its interfaces (new
 * ENIs created and attached, an existing one attached) at their device indexes, its auto-assigned public IPv4
 * when eligible (addressing.md §6), its EBS volumes and its tags. Instances are stored `running`: the answer shows
 * them `pending` (run-instances.ts), every later read `running`.
 */
import type { Tag } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { newId } from '../ids.js';
import { insertNetworkInterface } from '../network-interfaces/insert-network-interface.js';
import { assignAutoPublicIp } from '../public-ipv4/auto-assigned.js';
import { putTags } from '../tags/tag-store.js';
import { attachEni } from './attachments.js';
import type { LaunchOptions } from './launch-options.js';
import type { LaunchPlan, PlannedInterface } from './launch-plan.js';
import { createVolumes } from './launch-volumes.js';

export interface LaunchTags {
  instance: Tag[];
  volume: Tag[];
  networkInterface: Tag[];
}

/** How an image boots on a type: UEFI when the image needs it, or prefers it and the type can. */
function currentBootMode(imageBootMode: string, typeBootModes: string[]): string {
  if (imageBootMode === 'uefi') return 'uefi';
  if (imageBootMode === 'uefi-preferred' && typeBootModes.includes('uefi')) return 'uefi';
  return 'legacy-bios';
}

async function dnsNameDefaults(ctx: RequestContext, subnetId: string): Promise<{ type: string; a: number; aaaa: number }> {
  const row = await ctx.tx.get<{ hostname_type: string; enable_rbn_a: number; enable_rbn_aaaa: number }>(
    'SELECT hostname_type, enable_rbn_a, enable_rbn_aaaa FROM subnets WHERE id = ?',
    [subnetId],
  );
  return { type: row?.hostname_type || 'ip-name', a: Number(row?.enable_rbn_a ?? 0), aaaa: Number(row?.enable_rbn_aaaa ?? 0) };
}

async function insertInstance(
  ctx: RequestContext,
  plan: LaunchPlan,
  options: LaunchOptions,
  ids: { instanceId: string; reservationId: string; launchIndex: number; clientToken: string },
): Promise<void> {
  const { image, type } = plan;
  const primary = plan.interfaces[0]!;
  const v2Only = image.ImdsSupport === 'v2.0';
  const m = options.metadata;
  const dns = await dnsNameDefaults(ctx, primary.subnetId);
  const flag = (value: boolean | undefined, fallback: number) => (value === undefined ? fallback : value ? 1 : 0);
  const now = ctx.now.toISOString();
  await ctx.tx.run(
    `INSERT INTO instances (id, account, region, reservation_id, image_id, instance_type, state, subnet_id, vpc_id,
       availability_zone, availability_zone_id, launch_index, launch_time, client_token, architecture, platform,
       platform_details, usage_operation, root_device_name, boot_mode, current_boot_mode, key_name, user_data,
       disable_api_termination, disable_api_stop, shutdown_behavior, ebs_optimized, monitoring_state, cpu_credits,
       tenancy, ena_support, sriov_net_support, metadata_http_tokens, metadata_hop_limit, metadata_http_endpoint,
       metadata_http_ipv6, metadata_tags, hibernation_configured, enclave_enabled, hostname_type, dns_a_record,
       dns_aaaa_record, cpu_core_count, cpu_threads_per_core, eni_count, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
       ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ids.instanceId, ctx.account, ctx.region.name, ids.reservationId, image.ImageId!, type.type, primary.subnetId,
      primary.vpcId, primary.zone, primary.zoneId, ids.launchIndex, now, ids.clientToken, image.Architecture!,
      image.Platform ?? '', image.PlatformDetails ?? 'Linux/UNIX', image.UsageOperation ?? 'RunInstances',
      image.RootDeviceName ?? '', image.BootMode ?? '', currentBootMode(image.BootMode ?? '', type.bootModes),
      options.keyName, options.userData, options.disableApiTermination ? 1 : 0, options.disableApiStop ? 1 : 0,
      options.shutdownBehavior, options.ebsOptimized ? 1 : 0, options.monitoring ? 'enabled' : 'disabled',
      options.cpuCredits, options.tenancy, image.EnaSupport ? 1 : 0, image.SriovNetSupport ?? '',
      m?.tokens ?? (v2Only ? 'required' : 'optional'), m?.hopLimit ?? (v2Only ? 2 : 1), m?.endpoint ?? 'enabled',
      m?.ipv6 ?? 'disabled', m?.tags ?? 'disabled', options.hibernation ? 1 : 0, options.enclave ? 1 : 0,
      options.dnsNames?.hostnameType ?? dns.type, flag(options.dnsNames?.a, dns.a), flag(options.dnsNames?.aaaa, dns.aaaa),
      options.cpu?.cores ?? type.cores, options.cpu?.threadsPerCore ?? type.threadsPerCore, plan.interfaces.length, now,
    ],
  );
}

/** Creates or takes the ENI of one planned interface and attaches it to the instance; returns the ENI id. */
async function attachPlanned(ctx: RequestContext, instanceId: string, planned: PlannedInterface, tags: Tag[]): Promise<string> {
  let eniId: string;
  if (planned.existing) {
    eniId = planned.existing.id;
  } else {
    eniId = await insertNetworkInterface(ctx, planned.create!);
    if (planned.request.deviceIndex === 0 && planned.request.networkCardIndex === 0) {
      await ctx.tx.run('UPDATE network_interfaces SET associate_public_ip = ? WHERE id = ?', [
        planned.associatePublicIp ? 1 : 0, eniId,
      ]);
    }
    if (tags.length > 0) await putTags(ctx, eniId, 'network-interface', tags);
  }
  await attachEni(ctx, {
    eniId,
    instanceId,
    deviceIndex: planned.request.deviceIndex,
    networkCardIndex: planned.request.networkCardIndex,
    deleteOnTermination: planned.request.deleteOnTermination,
  });
  return eniId;
}

/** Writes the launch; returns the reservation id and the instance ids in launch-index order. */
export async function launch(
  ctx: RequestContext,
  plan: LaunchPlan,
  options: LaunchOptions,
  tags: LaunchTags,
  clientToken: string,
): Promise<{ reservationId: string; instanceIds: string[] }> {
  const reservationId = newId('r');
  const instanceIds: string[] = [];
  const primary = plan.interfaces[0]!;
  for (let launchIndex = 0; launchIndex < plan.count; launchIndex++) {
    const instanceId = newId('i');
    await insertInstance(ctx, plan, options, { instanceId, reservationId, launchIndex, clientToken });
    const eniIds: string[] = [];
    for (const planned of plan.interfaces) eniIds.push(await attachPlanned(ctx, instanceId, planned, tags.networkInterface));
    // A public IPv4 only for an instance launched with a single interface (addressing.md §6).
    if (plan.interfaces.length === 1 && primary.associatePublicIp) await assignAutoPublicIp(ctx, eniIds[0]!);
    const volumeIds = await createVolumes(
      ctx,
      { id: instanceId, availabilityZone: primary.zone, availabilityZoneId: primary.zoneId },
      plan.volumes,
    );
    for (const volumeId of volumeIds) if (tags.volume.length > 0) await putTags(ctx, volumeId, 'volume', tags.volume);
    if (tags.instance.length > 0) await putTags(ctx, instanceId, 'instance', tags.instance);
    instanceIds.push(instanceId);
  }
  return { reservationId, instanceIds };
}
