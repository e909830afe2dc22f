/**
 * What AWS charges for what the audit finds. AWS charges for every public IPv4 address, in use or idle, Elastic IPs
 * included: $0.005 per address per hour since 1 February 2024 (Amazon VPC pricing, "Public IPv4 Address" tab,
 * https://aws.amazon.com/vpc/pricing/; the EC2 API reference says "Amazon charges for all public IPv4 addresses,
 * including public IPv4 addresses associated with running instances and Elastic IP addresses"). An ENI itself
 * costs nothing: an unattached ENI costs what the public IPv4 addresses it holds cost.
 */
export const PUBLIC_IPV4_HOURLY_USD = 0.005;
/** The month AWS's price pages use: 730 hours. */
export const HOURS_PER_MONTH = 730;
export const publicIpv4MonthlyUsd = (count: number): number => Math.round(count * PUBLIC_IPV4_HOURLY_USD * HOURS_PER_MONTH * 100) / 100;
