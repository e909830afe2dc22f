/**
 * The DHCP options set every account has in every region (its id is account_regions.dhcp_options_id, and every
 * VPC uses it): the region's domain name - `ec2.internal` in us-east-1, `<region>.compute.internal` elsewhere -
 * and the Amazon-provided DNS server.
 */
import type { DhcpConfiguration, DhcpOptions, Tag } from '../../protocol/generated/ec2-shapes.js';
import { privateDnsSuffix, type RegionInfo } from '../regions/catalog.js';

export function defaultDhcpConfigurations(region: RegionInfo): DhcpConfiguration[] {
  return [
    { Key: 'domain-name', Values: [{ Value: privateDnsSuffix(region.name) }] },
    { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
  ];
}

export function toDhcpOptions(id: string, ownerId: string, region: RegionInfo, tags: Tag[]): DhcpOptions {
  return { DhcpOptionsId: id, OwnerId: ownerId, DhcpConfigurations: defaultDhcpConfigurations(region), Tags: tags };
}
