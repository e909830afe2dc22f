/**
 * RunInstances against the store (instances.md §1), in AWS's order once the parameters are read: the image and
 * its architecture, each interface's subnet or existing ENI, the zone (Placement, and every interface in eth0's
 * zone), the groups, then what the instance type allows (ENIs per instance and per card, EFA, addresses per ENI)
 * and how many instances the subnets have room for (MinCount / MaxCount). Nothing is written here.
 */
import { imagesNotFound } from '../../errors/images.js';
import {
  architectureMismatch,
  attachmentLimitExceeded,
  efaNotSupported,
  groupNameNotFound,
  groupNamesOutsideDefaultVpc,
  interfaceAddressLimitExceeded,
  interfaceInUse,
  invalidNetworkCardIndex,
  invalidPlacementZone,
  ipv6NotSupported,
  noDefaultSubnet,
  noDefaultVpc,
  placementGroupUnknown,
  placementZoneMismatch,
  zoneMismatch,
} from '../../errors/instances.js';
import { insufficientFreeAddresses } from '../../errors/network-interfaces.js';
import { PREFIX_BLOCK } from '../../net/ipv4-subnet-space.js';
import type { Image, RunInstancesRequest } from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import { findBuiltinImage } from '../images/builtin-images.js';
import type { InstanceTypeRecord } from '../instance-types/instance-type-record.js';
import { addressUsage } from '../network-interfaces/address-limits.js';
import { placeInSubnet } from '../network-interfaces/create-request.js';
import { resolveGroups } from '../network-interfaces/eni-groups.js';
import { requireEni, type EniRow } from '../network-interfaces/eni-records.js';
import type { NewNetworkInterface } from '../network-interfaces/insert-network-interface.js';
import { freeIpv4Count, requireSubnetSpace, type SubnetSpace } from '../network-interfaces/subnet-space.js';
import type { LaunchInterfaceRequest } from './launch-interfaces-request.js';
import type { LaunchOptions } from './launch-options.js';
import { planVolumes, type VolumePlan } from './launch-volumes.js';

export interface PlannedInterface {
  request: LaunchInterfaceRequest;
  subnetId: string;
  vpcId: string;
  zone: string;
  zoneId: string;
  /** The ENI to create (one per instance), for a new interface. */
  create?: NewNetworkInterface;
  /** The ENI to attach, for an existing one. */
  existing?: EniRow;
  /** Whether a new eth0 asks for an auto-assigned public IPv4 (the launch flag, else the subnet's setting). */
  associatePublicIp: boolean;
}

export interface LaunchPlan {
  image: Image;
  type: InstanceTypeRecord;
  interfaces: PlannedInterface[];
  volumes: VolumePlan[];
  /** How many instances to launch: MaxCount, or fewer when the subnets have room for fewer (never < MinCount). */
  count: number;
}

/** The x86_64 / arm64 family a type runs (i386 types also run x86_64 images). */
const typeArchitectures = (type: InstanceTypeRecord) => type.architectures.filter((a) => a !== 'i386');

async function defaultVpcId(ctx: RequestContext): Promise<string | undefined> {
  const row = await ctx.tx.get<{ id: string }>('SELECT id FROM vpcs WHERE account = ? AND region = ? AND is_default = 1', [
    ctx.account, ctx.region.name,
  ]);
  return row?.id;
}

/** An instance-level launch without SubnetId goes to a default subnet: Placement's zone, else the first zone's. */
async function defaultSubnetId(ctx: RequestContext, zone: string | undefined): Promise<string> {
  const vpcId = await defaultVpcId(ctx);
  if (vpcId === undefined) throw noDefaultVpc();
  const row = await ctx.tx.get<{ id: string }>(
    `SELECT id FROM subnets WHERE vpc_id = ? AND default_for_az = 1 ${zone ? 'AND availability_zone = ?' : ''}
     ORDER BY availability_zone LIMIT 1`,
    zone ? [vpcId, zone] : [vpcId],
  );
  if (!row) throw zone ? noDefaultSubnet(zone) : noDefaultVpc();
  return row.id;
}

/** SecurityGroup.N names: only in the default VPC, each one a group there. */
async function groupIdsByName(ctx: RequestContext, names: string[], space: SubnetSpace): Promise<string[]> {
  if (names.length === 0) return [];
  const vpcId = await defaultVpcId(ctx);
  if (vpcId === undefined || space.row.vpc_id !== vpcId) throw groupNamesOutsideDefaultVpc();
  const rows = await ctx.tx.all<{ id: string; name: string }>(
    `SELECT id, name FROM security_groups WHERE vpc_id = ? AND account = ? AND region = ? AND name IN (${placeholders(names)})`,
    [vpcId, ctx.account, ctx.region.name, ...names],
  );
  const byName = new Map(rows.map((r) => [r.name, r.id]));
  return names.map((name) => {
    const id = byName.get(name);
    if (id === undefined) throw groupNameNotFound(name, vpcId);
    return id;
  });
}

async function planNewInterface(
  ctx: RequestContext,
  request: LaunchInterfaceRequest,
  options: LaunchOptions,
): Promise<PlannedInterface> {
  const subnetId = request.subnetId ?? (await defaultSubnetId(ctx, options.zone));
  const space = await requireSubnetSpace(ctx, subnetId);
  const named = await groupIdsByName(ctx, request.groupNames, space);
  const groupIds = await resolveGroups(ctx, [...new Set([...request.groupIds, ...named])], space.row.vpc_id, space.row.id);
  return {
    request,
    subnetId: space.row.id,
    vpcId: space.row.vpc_id,
    zone: space.row.availability_zone,
    zoneId: space.row.availability_zone_id,
    create: { ...placeInSubnet(request.eni!, space), groupIds },
    associatePublicIp: request.associatePublicIp ?? space.row.map_public_ip_on_launch === 1,
  };
}

async function planExistingInterface(ctx: RequestContext, request: LaunchInterfaceRequest): Promise<PlannedInterface> {
  const eni = await requireEni(ctx, request.existingEniId!);
  if (eni.attachment_id !== '' || eni.status !== 'available' || eni.requester_managed === 1) throw interfaceInUse(eni.id);
  return {
    request,
    subnetId: eni.subnet_id,
    vpcId: eni.vpc_id,
    zone: eni.availability_zone,
    zoneId: eni.availability_zone_id,
    existing: eni,
    // An existing eth0 keeps the auto-assign setting it took from its subnet when it was made (addressing.md §6).
    associatePublicIp: eni.associate_public_ip === 1,
  };
}

/** Addresses of one interface that count against the type's per-ENI limits (each prefix counts as one). */
async function addressesOf(ctx: RequestContext, planned: PlannedInterface): Promise<{ ipv4: number; ipv6: number }> {
  if (planned.existing) return addressUsage(ctx, planned.existing.id);
  const c = planned.create!;
  const ipv4 = c.withoutIpv4
    ? 0
    : 1 + c.secondaryIpv4.length + c.secondaryIpv4Count + c.ipv4Prefixes.length + c.ipv4PrefixCount;
  return { ipv4, ipv6: c.ipv6.length + c.ipv6Count + c.ipv6PrefixBlocks.length + c.ipv6PrefixCount };
}

async function checkTypeLimits(ctx: RequestContext, type: InstanceTypeRecord, interfaces: PlannedInterface[]): Promise<void> {
  const n = type.network;
  if (interfaces.length > n.maxInterfaces) throw attachmentLimitExceeded(interfaces.length, type.type);
  const perCard = new Map<number, number>();
  for (const planned of interfaces) {
    const card = planned.request.networkCardIndex;
    const limits = n.cards.find((c) => c.index === card);
    if (card >= n.maxCards || !limits) throw invalidNetworkCardIndex(card, type.type);
    perCard.set(card, (perCard.get(card) ?? 0) + 1);
    if (perCard.get(card)! > limits.maxInterfaces) throw attachmentLimitExceeded(interfaces.length, type.type);
    const interfaceType = planned.existing?.interface_type ?? planned.create!.interfaceType;
    if ((interfaceType === 'efa' || interfaceType === 'efa-only') && !n.efaSupported) throw efaNotSupported(type.type);
    const used = await addressesOf(ctx, planned);
    if (used.ipv6 > 0 && !n.ipv6Supported) throw ipv6NotSupported(type.type);
    if (used.ipv4 > n.ipv4PerInterface || used.ipv6 > n.ipv6PerInterface) throw interfaceAddressLimitExceeded(type.type);
  }
}

/** How many instances the subnets have IPv4 room for, at most `max`; refuses fewer than `min`. */
async function launchableCount(ctx: RequestContext, interfaces: PlannedInterface[], min: number, max: number): Promise<number> {
  const drawBySubnet = new Map<string, number>();
  for (const planned of interfaces) {
    const c = planned.create;
    if (!c || c.withoutIpv4) continue;
    const addresses = 1 + c.secondaryIpv4.length + c.secondaryIpv4Count + PREFIX_BLOCK * (c.ipv4Prefixes.length + c.ipv4PrefixCount);
    drawBySubnet.set(planned.subnetId, (drawBySubnet.get(planned.subnetId) ?? 0) + addresses);
  }
  let count = max;
  for (const [subnetId, draw] of drawBySubnet) {
    const room = Math.floor((await freeIpv4Count(ctx, subnetId)) / draw);
    if (room < min) throw insufficientFreeAddresses(subnetId);
    count = Math.min(count, room);
  }
  return count;
}

export async function planLaunch(
  ctx: RequestContext,
  input: RunInstancesRequest,
  options: LaunchOptions,
  requests: LaunchInterfaceRequest[],
): Promise<LaunchPlan> {
  const image = findBuiltinImage(options.imageId);
  if (!image) throw imagesNotFound([options.imageId]);
  const type = options.type;
  if (!type.architectures.includes(image.Architecture!)) {
    throw architectureMismatch(typeArchitectures(type).join(', '), image.Architecture!);
  }
  const volumes = planVolumes(image, input.BlockDeviceMappings);
  if (options.zone !== undefined && !ctx.region.zones.includes(options.zone)) throw invalidPlacementZone(options.zone);
  if (options.placementGroup !== undefined) throw placementGroupUnknown(options.placementGroup);

  const interfaces: PlannedInterface[] = [];
  for (const request of requests) {
    interfaces.push(request.existingEniId ? await planExistingInterface(ctx, request) : await planNewInterface(ctx, request, options));
  }
  const primary = interfaces[0]!;
  if (options.zone !== undefined && options.zone !== primary.zone) {
    throw placementZoneMismatch(options.zone, primary.subnetId, primary.zone);
  }
  // Secondary interfaces may come from another VPC of the account, never from another zone (network-interfaces.md §3).
  if (interfaces.some((i) => i.zone !== primary.zone)) throw zoneMismatch();

  await checkTypeLimits(ctx, type, interfaces);
  const count = await launchableCount(ctx, interfaces, options.minCount, options.maxCount);
  return { image, type, interfaces, volumes, count };
}
