/**
 * The reads Terraform makes for aws_instance, aws_ami and aws_eip that are not DescribeInstances /
 * DescribeAddresses themselves (ACTIONS.md), answered from the instances' and Elastic IPs' own tables.
 */
import type { ActionTable } from '../context.js';
import { describeAddressesAttribute } from './describe-addresses-attribute.js';
import { describeInstanceCreditSpecifications } from './describe-instance-credit-specifications.js';
import { describeVolumes } from './describe-volumes.js';
import { getInstanceUefiData } from './get-instance-uefi-data.js';

export const terraformReadActions: ActionTable = {
  DescribeInstanceCreditSpecifications: describeInstanceCreditSpecifications,
  DescribeVolumes: describeVolumes,
  GetInstanceUefiData: getInstanceUefiData,
  DescribeAddressesAttribute: describeAddressesAttribute,
};
