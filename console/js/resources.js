// EC2's XML resources as plain objects, and the Describe calls the pages share.
import { ec2 } from './api.js';
import { child, items, tagsOf, text } from './xml.js';

export function eniOf(item) {
  const attachment = child(item, 'attachment');
  const association = child(item, 'association');
  const privateIps = items(item, 'privateIpAddressesSet').map((p) => ({
    address: text(p, 'privateIpAddress'),
    primary: text(p, 'primary') === 'true',
    publicIp: text(child(p, 'association'), 'publicIp'),
    allocationId: text(child(p, 'association'), 'allocationId'),
    associationId: text(child(p, 'association'), 'associationId'),
  }));
  const tags = tagsOf(item);
  return {
    id: text(item, 'networkInterfaceId'),
    name: tags.Name ?? '',
    tags,
    subnetId: text(item, 'subnetId'),
    vpcId: text(item, 'vpcId'),
    availabilityZone: text(item, 'availabilityZone'),
    description: text(item, 'description'),
    ownerId: text(item, 'ownerId'),
    status: text(item, 'status'),
    macAddress: text(item, 'macAddress'),
    interfaceType: text(item, 'interfaceType'),
    privateIp: text(item, 'privateIpAddress'),
    privateDnsName: text(item, 'privateDnsName'),
    secondaryIps: privateIps.filter((p) => !p.primary).map((p) => p.address),
    privateIps,
    ipv6: items(item, 'ipv6AddressesSet').map((a) => text(a, 'ipv6Address')),
    sourceDestCheck: text(item, 'sourceDestCheck') === 'true',
    requesterManaged: text(item, 'requesterManaged') === 'true',
    groups: items(item, 'groupSet').map((g) => ({ id: text(g, 'groupId'), name: text(g, 'groupName') })),
    publicIp: text(association, 'publicIp'),
    publicIps: privateIps.filter((p) => p.publicIp).map((p) => p.publicIp),
    attachment: attachment
      ? {
          id: text(attachment, 'attachmentId'),
          instanceId: text(attachment, 'instanceId'),
          deviceIndex: text(attachment, 'deviceIndex'),
          status: text(attachment, 'status'),
          deleteOnTermination: text(attachment, 'deleteOnTermination') === 'true',
        }
      : undefined,
  };
}

/** One page of ENIs: {enis, nextToken}. */
export async function describeEnis({ filters = [], maxResults, nextToken, ids } = {}) {
  const root = await ec2('DescribeNetworkInterfaces', {
    NetworkInterfaceId: ids,
    Filter: filters.length ? filters : undefined,
    MaxResults: maxResults,
    NextToken: nextToken,
  });
  return { enis: items(root, 'networkInterfaceSet').map(eniOf), nextToken: text(root, 'nextToken') };
}

export async function describeEni(id) {
  const { enis } = await describeEnis({ ids: [id] });
  return enis[0];
}

// The largest MaxResults each action takes (the service model's bounds); DescribeAddresses is never paged.
const PAGE_LIMITS = { DescribeRouteTables: 100, DescribeAddresses: undefined };

/** Every page of a Describe call, up to `limit` items (pages bounded by MaxResults, never one giant answer). */
export async function allPages(action, params, setName, map, limit = 5000) {
  const all = [];
  let nextToken;
  const pageSize = action in PAGE_LIMITS ? PAGE_LIMITS[action] : 1000;
  do {
    const root = await ec2(action, { ...params, MaxResults: pageSize, NextToken: nextToken });
    all.push(...items(root, setName).map(map));
    nextToken = text(root, 'nextToken');
  } while (nextToken && all.length < limit);
  return { items: all, truncated: Boolean(nextToken) };
}

export const subnetOf = (item) => ({
  id: text(item, 'subnetId'),
  vpcId: text(item, 'vpcId'),
  cidr: text(item, 'cidrBlock'),
  availabilityZone: text(item, 'availabilityZone'),
  name: tagsOf(item).Name ?? '',
  ipv6Cidrs: items(item, 'ipv6CidrBlockAssociationSet').map((a) => text(a, 'ipv6CidrBlock')),
  isDefault: text(item, 'defaultForAz') === 'true',
});

export const groupOf = (item) => ({
  id: text(item, 'groupId'),
  name: text(item, 'groupName'),
  vpcId: text(item, 'vpcId'),
  description: text(item, 'groupDescription'),
});

export const vpcOf = (item) => ({
  id: text(item, 'vpcId'),
  cidr: text(item, 'cidrBlock'),
  name: tagsOf(item).Name ?? '',
  isDefault: text(item, 'isDefault') === 'true',
});

export const addressOf = (item) => ({
  publicIp: text(item, 'publicIp'),
  allocationId: text(item, 'allocationId'),
  associationId: text(item, 'associationId'),
  networkInterfaceId: text(item, 'networkInterfaceId'),
  privateIp: text(item, 'privateIpAddress'),
  instanceId: text(item, 'instanceId'),
  name: tagsOf(item).Name ?? '',
});

/** Instances (flattened out of their reservations). */
export async function describeInstances(filters) {
  const root = await ec2('DescribeInstances', { Filter: filters, MaxResults: 1000 });
  const instances = [];
  for (const reservation of items(root, 'reservationSet')) {
    for (const item of items(reservation, 'instancesSet')) {
      instances.push({
        id: text(item, 'instanceId'),
        state: text(child(item, 'instanceState'), 'name'),
        type: text(item, 'instanceType'),
        subnetId: text(item, 'subnetId'),
        vpcId: text(item, 'vpcId'),
        availabilityZone: text(child(item, 'placement'), 'availabilityZone'),
        privateIp: text(item, 'privateIpAddress'),
        publicIp: text(item, 'ipAddress'),
        name: tagsOf(item).Name ?? '',
      });
    }
  }
  return instances;
}

export const nameAndId = (resource) => (resource.name ? `${resource.name} (${resource.id})` : resource.id);
