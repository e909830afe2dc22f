/** The three VPC attributes of Modify/DescribeVpcAttribute (addressing.md §1), in the model's member order. */
export interface VpcAttribute {
  /** Wire name, as DescribeVpcAttribute's `Attribute` takes it and as AWS lists it in errors. */
  name: 'enableDnsHostnames' | 'enableDnsSupport' | 'enableNetworkAddressUsageMetrics';
  /** The member in ModifyVpcAttribute's input and DescribeVpcAttribute's output. */
  member: 'EnableDnsHostnames' | 'EnableDnsSupport' | 'EnableNetworkAddressUsageMetrics';
  column: 'enable_dns_hostnames' | 'enable_dns_support' | 'enable_nau_metrics';
}

export const VPC_ATTRIBUTES: VpcAttribute[] = [
  { name: 'enableDnsHostnames', member: 'EnableDnsHostnames', column: 'enable_dns_hostnames' },
  { name: 'enableDnsSupport', member: 'EnableDnsSupport', column: 'enable_dns_support' },
  { name: 'enableNetworkAddressUsageMetrics', member: 'EnableNetworkAddressUsageMetrics', column: 'enable_nau_metrics' },
];
