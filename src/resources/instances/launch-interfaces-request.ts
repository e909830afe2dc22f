/**
 * The network interfaces a RunInstances request asks for (instances.md §1), read on their own before anything is
 * looked up. Both wire forms end up as one list: the instance-level form (SubnetId, SecurityGroupId.N,
 * SecurityGroup.N, PrivateIpAddress, Ipv6AddressCount / Ipv6Address.N) is one interface at device index 0, and
 * NetworkInterface.N items are taken as they are. The exclusivity rules of instances.md §1 are checked here: the
 * two forms do not mix, AssociatePublicIpAddress only on a new eth0 launched alone, DeleteOnTermination=true only
 * for ENIs the launch creates, one interface per device index and network card, an eth0 on card 0.
 */
import {
  associatePublicIpNotOnPrimary,
  associatePublicIpOnExistingInterface,
  associatePublicIpWithSeveralInterfaces,
  deleteOnTerminationForExisting,
  duplicateDeviceIndex,
  existingInterfaceWithCount,
  existingInterfaceWithSettings,
  interfacesWithInstanceLevel,
  interfacesWithSubnet,
  interfaceWithoutSubnet,
  invalidDeviceIndex,
  invalidLaunchInterfaceType,
  invalidNetworkCard,
  missingDeviceIndex,
  noPrimaryInterface,
  primaryOnOtherCard,
  privateAddressWithCount,
} from '../../errors/instances.js';
import type {
  CreateNetworkInterfaceRequest,
  InstanceNetworkInterfaceSpecification,
  RunInstancesRequest,
} from '../../protocol/generated/ec2-shapes.js';
import { readCreateRequest, type CreateRequest } from '../network-interfaces/create-request.js';
import { checkEniIdForm } from '../network-interfaces/eni-records.js';

export const LAUNCH_INTERFACE_TYPES = ['interface', 'efa', 'efa-only'];

export interface LaunchInterfaceRequest {
  deviceIndex: number;
  networkCardIndex: number;
  /** An existing ENI to attach (NetworkInterface.N.NetworkInterfaceId). */
  existingEniId?: string;
  /** The subnet of a new ENI; undefined for an instance-level launch without SubnetId (the default VPC's). */
  subnetId?: string;
  groupIds: string[];
  /** SecurityGroup.N: group names, only in the instance-level form (default VPC only). */
  groupNames: string[];
  /** What a new ENI holds, read as CreateNetworkInterface reads it. */
  eni?: CreateRequest;
  associatePublicIp?: boolean;
  deleteOnTermination: boolean;
}

/** True when the ENI request names any address or prefix itself (refused for launches of several instances). */
export function namesAddresses(eni: CreateRequest): boolean {
  return (
    eni.primaryIpv4 !== undefined || eni.secondaryIpv4.length > 0 || eni.ipv4Prefixes.length > 0 ||
    eni.ipv6.length > 0 || eni.ipv6Prefixes.length > 0
  );
}

/** The instance-level form as a CreateNetworkInterface request for eth0. */
function instanceLevelEni(input: RunInstancesRequest): CreateRequest {
  const request: CreateNetworkInterfaceRequest = {
    SubnetId: input.SubnetId ?? '',
    PrivateIpAddress: input.PrivateIpAddress,
    Ipv6AddressCount: input.Ipv6AddressCount,
    Ipv6Addresses: input.Ipv6Addresses,
    EnablePrimaryIpv6: input.EnablePrimaryIpv6,
  };
  return readCreateRequest(request);
}

function itemEni(item: InstanceNetworkInterfaceSpecification): CreateRequest {
  return readCreateRequest({
    SubnetId: item.SubnetId ?? '',
    Description: item.Description,
    Groups: item.Groups,
    PrivateIpAddress: item.PrivateIpAddress,
    PrivateIpAddresses: item.PrivateIpAddresses,
    SecondaryPrivateIpAddressCount: item.SecondaryPrivateIpAddressCount,
    Ipv6AddressCount: item.Ipv6AddressCount,
    Ipv6Addresses: item.Ipv6Addresses,
    Ipv4Prefixes: item.Ipv4Prefixes,
    Ipv4PrefixCount: item.Ipv4PrefixCount,
    Ipv6Prefixes: item.Ipv6Prefixes,
    Ipv6PrefixCount: item.Ipv6PrefixCount,
    InterfaceType: item.InterfaceType as CreateNetworkInterfaceRequest['InterfaceType'],
    EnablePrimaryIpv6: item.PrimaryIpv6,
    ConnectionTrackingSpecification: item.ConnectionTrackingSpecification,
  });
}

/** Settings that only make sense for an ENI the launch creates. */
function hasNewEniSettings(item: InstanceNetworkInterfaceSpecification): boolean {
  return (
    item.SubnetId !== undefined || (item.Groups ?? []).length > 0 || item.Description !== undefined ||
    item.PrivateIpAddress !== undefined || (item.PrivateIpAddresses ?? []).length > 0 ||
    item.SecondaryPrivateIpAddressCount !== undefined || item.Ipv6AddressCount !== undefined ||
    (item.Ipv6Addresses ?? []).length > 0 || (item.Ipv4Prefixes ?? []).length > 0 || item.Ipv4PrefixCount !== undefined ||
    (item.Ipv6Prefixes ?? []).length > 0 || item.Ipv6PrefixCount !== undefined || item.InterfaceType !== undefined
  );
}

function readItem(item: InstanceNetworkInterfaceSpecification): LaunchInterfaceRequest {
  if (item.DeviceIndex === undefined) throw missingDeviceIndex();
  if (item.DeviceIndex < 0) throw invalidDeviceIndex(item.DeviceIndex);
  const networkCardIndex = item.NetworkCardIndex ?? 0;
  if (networkCardIndex < 0) throw invalidNetworkCard(networkCardIndex);
  if (item.NetworkInterfaceId !== undefined) {
    checkEniIdForm(item.NetworkInterfaceId);
    if (hasNewEniSettings(item)) throw existingInterfaceWithSettings(item.NetworkInterfaceId);
    if (item.AssociatePublicIpAddress !== undefined) throw associatePublicIpOnExistingInterface();
    if (item.DeleteOnTermination === true) throw deleteOnTerminationForExisting();
    return {
      deviceIndex: item.DeviceIndex,
      networkCardIndex,
      existingEniId: item.NetworkInterfaceId,
      groupIds: [],
      groupNames: [],
      deleteOnTermination: false,
    };
  }
  if (item.InterfaceType !== undefined && !LAUNCH_INTERFACE_TYPES.includes(item.InterfaceType)) {
    throw invalidLaunchInterfaceType(item.InterfaceType);
  }
  if (item.SubnetId === undefined) throw interfaceWithoutSubnet(item.DeviceIndex);
  if (item.AssociatePublicIpAddress !== undefined && (item.DeviceIndex !== 0 || networkCardIndex !== 0)) throw associatePublicIpNotOnPrimary();
  return {
    deviceIndex: item.DeviceIndex,
    networkCardIndex,
    subnetId: item.SubnetId,
    groupIds: [...new Set(item.Groups ?? [])],
    groupNames: [],
    eni: itemEni(item),
    associatePublicIp: item.AssociatePublicIpAddress,
    deleteOnTermination: item.DeleteOnTermination ?? true,
  };
}

/** The interfaces of the launch, eth0 first then by card and device index. */
export function readLaunchInterfaces(input: RunInstancesRequest, maxCount: number): LaunchInterfaceRequest[] {
  const items = input.NetworkInterfaces ?? [];
  let interfaces: LaunchInterfaceRequest[];
  if (items.length === 0) {
    interfaces = [
      {
        deviceIndex: 0,
        networkCardIndex: 0,
        subnetId: input.SubnetId,
        groupIds: [...new Set(input.SecurityGroupIds ?? [])],
        groupNames: [...new Set(input.SecurityGroups ?? [])],
        eni: instanceLevelEni(input),
        deleteOnTermination: true,
      },
    ];
  } else {
    if (input.SubnetId !== undefined) throw interfacesWithSubnet();
    if ((input.SecurityGroupIds ?? []).length > 0 || (input.SecurityGroups ?? []).length > 0) {
      throw interfacesWithInstanceLevel('security groups');
    }
    if (input.PrivateIpAddress !== undefined) throw interfacesWithInstanceLevel('private IP address');
    if (input.Ipv6AddressCount !== undefined || (input.Ipv6Addresses ?? []).length > 0) {
      throw interfacesWithInstanceLevel('IPv6 address');
    }
    interfaces = items.map(readItem);
    if (items.length > 1 && items.some((i) => i.AssociatePublicIpAddress !== undefined)) {
      throw associatePublicIpWithSeveralInterfaces();
    }
  }

  const slots = new Set<string>();
  for (const i of interfaces) {
    const slot = `${i.networkCardIndex}/${i.deviceIndex}`;
    if (slots.has(slot)) throw duplicateDeviceIndex(i.deviceIndex);
    slots.add(slot);
  }
  // eth0 is device 0 on card 0; device 0 of another card is an ordinary secondary interface.
  const primary = interfaces.find((i) => i.deviceIndex === 0 && i.networkCardIndex === 0);
  if (!primary) throw interfaces.some((i) => i.deviceIndex === 0) ? primaryOnOtherCard() : noPrimaryInterface();
  if (maxCount > 1) {
    if (interfaces.some((i) => i.existingEniId !== undefined)) throw existingInterfaceWithCount();
    if (interfaces.some((i) => i.eni && namesAddresses(i.eni))) throw privateAddressWithCount();
  }
  return [primary, ...interfaces.filter((i) => i !== primary).sort((a, b) => a.networkCardIndex - b.networkCardIndex || a.deviceIndex - b.deviceIndex)];
}
