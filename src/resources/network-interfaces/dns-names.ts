/** The DNS names AWS gives ENI addresses (network-interfaces.md §1). */
import { privateDnsSuffix } from '../regions/catalog.js';

/** `ip-10-0-1-5.ec2.internal` in us-east-1, `ip-10-0-1-5.us-west-2.compute.internal` elsewhere. */
export function privateDnsName(ip: string, region: string): string {
  return `ip-${ip.replaceAll('.', '-')}.${privateDnsSuffix(region)}`;
}

/** The suffix of public DNS names: `compute-1.amazonaws.com` in us-east-1, `<region>.compute.amazonaws.com` elsewhere. */
export function publicDnsSuffix(region: string): string {
  return region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`;
}

/** `ec2-203-0-113-25.compute-1.amazonaws.com`; only shown when the VPC has DNS support and DNS hostnames on. */
export function publicDnsName(ip: string, region: string): string {
  return `ec2-${ip.replaceAll('.', '-')}.${publicDnsSuffix(region)}`;
}
