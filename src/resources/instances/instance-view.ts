/**
 * Instance rows → the model's Instance shape (instances.md §1.1, §4) and Reservations. The network section comes
 * from the attached ENIs themselves (their NetworkInterface shapes, from eni-view.ts, recast as
 * InstanceNetworkInterface): the instance's private address, DNS names, public address, groups and source/dest
 * check are those of its eth0. Child rows of a whole page (ENIs, volumes, tags) are read in bulk.
 */
import type {
  Instance,
  InstanceNetworkInterface,
  InstanceNetworkInterfaceAssociation,
  NetworkInterface,
  NetworkInterfaceAssociation,
  Reservation,
} from '../../protocol/generated/ec2-shapes.js';
import type { RequestContext } from '../context.js';
import { placeholders } from '../common/describe.js';
import type { EniRow } from '../network-interfaces/eni-records.js';
import { toNetworkInterfaces } from '../network-interfaces/eni-view.js';
import { tagsFor } from '../tags/tag-store.js';
import type { InstanceRow } from './instance-records.js';
import { stateOf } from './instance-states.js';
import { blockDevicesOf } from './volume-records.js';

/** The instance view of an address association: no allocation or association ids (instances.md §4). */
function instanceAssociation(a: NetworkInterfaceAssociation | undefined): InstanceNetworkInterfaceAssociation | undefined {
  if (!a) return undefined;
  return { PublicIp: a.PublicIp, PublicDnsName: a.PublicDnsName ?? '', IpOwnerId: a.IpOwnerId, CarrierIp: a.CarrierIp };
}

export function toInstanceNetworkInterface(eni: NetworkInterface): InstanceNetworkInterface {
  const a = eni.Attachment!;
  return {
    NetworkInterfaceId: eni.NetworkInterfaceId,
    SubnetId: eni.SubnetId,
    VpcId: eni.VpcId,
    Description: eni.Description,
    OwnerId: eni.OwnerId,
    Status: eni.Status,
    MacAddress: eni.MacAddress,
    PrivateIpAddress: eni.PrivateIpAddress,
    PrivateDnsName: eni.PrivateDnsName,
    SourceDestCheck: eni.SourceDestCheck,
    Groups: eni.Groups,
    Attachment: {
      AttachmentId: a.AttachmentId,
      DeviceIndex: a.DeviceIndex,
      NetworkCardIndex: a.NetworkCardIndex,
      Status: a.Status,
      AttachTime: a.AttachTime,
      DeleteOnTermination: a.DeleteOnTermination,
      EnaSrdSpecification: a.EnaSrdSpecification,
      EnaQueueCount: a.EnaQueueCount,
    },
    Association: instanceAssociation(eni.Association),
    PrivateIpAddresses: (eni.PrivateIpAddresses ?? []).map((p) => ({
      PrivateIpAddress: p.PrivateIpAddress,
      PrivateDnsName: p.PrivateDnsName,
      Primary: p.Primary,
      Association: instanceAssociation(p.Association),
    })),
    Ipv6Addresses: (eni.Ipv6Addresses ?? []).map((v) => ({ Ipv6Address: v.Ipv6Address, IsPrimaryIpv6: v.IsPrimaryIpv6 })),
    Ipv4Prefixes: eni.Ipv4Prefixes,
    Ipv6Prefixes: eni.Ipv6Prefixes,
    InterfaceType: eni.InterfaceType,
    ConnectionTrackingConfiguration: eni.ConnectionTrackingConfiguration,
    Operator: eni.Operator,
  };
}

/** The ENIs attached to each instance, eth0 first, then by card and device index. */
async function interfacesOf(ctx: RequestContext, ids: string[]): Promise<Map<string, NetworkInterface[]>> {
  const result = new Map<string, NetworkInterface[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = await ctx.tx.all<EniRow>(
    `SELECT * FROM network_interfaces WHERE instance_id IN (${placeholders(ids)})
     ORDER BY instance_id, network_card_index, device_index`,
    ids,
  );
  const shapes = await toNetworkInterfaces(ctx, rows);
  rows.forEach((row, i) => result.get(row.instance_id)?.push(shapes[i]!));
  return result;
}

const isPrimary = (eni: NetworkInterface) => eni.Attachment?.DeviceIndex === 0 && eni.Attachment?.NetworkCardIndex === 0;

function toInstance(row: InstanceRow, enis: NetworkInterface[], extra: Pick<Instance, 'BlockDeviceMappings' | 'Tags'>): Instance {
  const terminated = row.state === 'terminated';
  const eth0 = enis.find(isPrimary);
  const publicAddress = eth0?.Association;
  return {
    InstanceId: row.id,
    ImageId: row.image_id,
    State: stateOf(row.state),
    PrivateDnsName: eth0?.PrivateDnsName ?? '',
    PublicDnsName: publicAddress?.PublicDnsName ?? '',
    StateTransitionReason: row.transition_reason,
    KeyName: row.key_name || undefined,
    AmiLaunchIndex: Number(row.launch_index),
    ProductCodes: [],
    InstanceType: row.instance_type as Instance['InstanceType'],
    LaunchTime: new Date(row.launch_time),
    Placement: {
      AvailabilityZone: row.availability_zone,
      AvailabilityZoneId: row.availability_zone_id,
      GroupName: '',
      Tenancy: row.tenancy as NonNullable<Instance['Placement']>['Tenancy'],
    },
    Platform: (row.platform || undefined) as Instance['Platform'],
    Monitoring: { State: row.monitoring_state as NonNullable<Instance['Monitoring']>['State'] },
    // A terminated instance has left its subnet: its interfaces and addresses are gone (instances.md §3).
    SubnetId: terminated ? undefined : row.subnet_id,
    VpcId: terminated ? undefined : row.vpc_id,
    PrivateIpAddress: eth0?.PrivateIpAddress,
    PublicIpAddress: publicAddress?.PublicIp,
    Architecture: row.architecture as Instance['Architecture'],
    RootDeviceType: 'ebs',
    RootDeviceName: row.root_device_name,
    BlockDeviceMappings: extra.BlockDeviceMappings,
    VirtualizationType: 'hvm',
    ClientToken: row.client_token,
    Tags: extra.Tags,
    SecurityGroups: eth0?.Groups ?? [],
    SourceDestCheck: eth0?.SourceDestCheck,
    Hypervisor: 'xen',
    NetworkInterfaces: enis.map(toInstanceNetworkInterface),
    EbsOptimized: row.ebs_optimized === 1,
    EnaSupport: row.ena_support === 1,
    SriovNetSupport: row.sriov_net_support || undefined,
    StateReason: row.state_reason_code
      ? { Code: row.state_reason_code, Message: row.state_reason_message }
      : undefined,
    CpuOptions: { CoreCount: Number(row.cpu_core_count), ThreadsPerCore: Number(row.cpu_threads_per_core) },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: row.hibernation_configured === 1 },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: row.metadata_http_tokens as 'optional' | 'required',
      HttpPutResponseHopLimit: Number(row.metadata_hop_limit),
      HttpEndpoint: row.metadata_http_endpoint as 'enabled' | 'disabled',
      HttpProtocolIpv6: row.metadata_http_ipv6 as 'enabled' | 'disabled',
      InstanceMetadataTags: row.metadata_tags as 'enabled' | 'disabled',
    },
    EnclaveOptions: { Enabled: row.enclave_enabled === 1 },
    BootMode: (row.boot_mode || undefined) as Instance['BootMode'],
    CurrentInstanceBootMode: row.current_boot_mode as Instance['CurrentInstanceBootMode'],
    PlatformDetails: row.platform_details,
    UsageOperation: row.usage_operation,
    UsageOperationUpdateTime: new Date(row.launch_time),
    PrivateDnsNameOptions: {
      HostnameType: row.hostname_type as 'ip-name' | 'resource-name',
      EnableResourceNameDnsARecord: row.dns_a_record === 1,
      EnableResourceNameDnsAAAARecord: row.dns_aaaa_record === 1,
    },
    Ipv6Address: eth0?.Ipv6Address,
    MaintenanceOptions: { AutoRecovery: 'default' },
    NetworkPerformanceOptions: { BandwidthWeighting: 'default' },
    Operator: { Managed: false },
  };
}

/** The Instance shapes of `rows`, in the same order. */
export async function toInstances(ctx: RequestContext, rows: InstanceRow[]): Promise<Instance[]> {
  const ids = rows.map((r) => r.id);
  const [enis, devices, tags] = await Promise.all([interfacesOf(ctx, ids), blockDevicesOf(ctx, ids), tagsFor(ctx, ids)]);
  return rows.map((row) =>
    toInstance(row, enis.get(row.id)!, { BlockDeviceMappings: devices.get(row.id)!, Tags: tags.get(row.id)! }),
  );
}

/** Groups instances into their reservations, in order of first appearance (VPC launches have no reservation groups). */
export function toReservations(rows: InstanceRow[], instances: Instance[]): Reservation[] {
  const byId = new Map<string, Reservation>();
  rows.forEach((row, i) => {
    let reservation = byId.get(row.reservation_id);
    if (!reservation) {
      reservation = { ReservationId: row.reservation_id, OwnerId: row.account, Groups: [], Instances: [] };
      byId.set(row.reservation_id, reservation);
    }
    reservation.Instances!.push(instances[i]!);
  });
  return [...byId.values()];
}
