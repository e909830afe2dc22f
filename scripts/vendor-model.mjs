#!/usr/bin/env node
// Vendors a trimmed copy of the official EC2 2016-11-15 service model into model/ec2.json.
//
// The source is botocore's `data/ec2/2016-11-15/service-2.json(.gz)` (found through python3, or given as the
// first argument). We keep only the operations vpclite serves (OPERATIONS below) and the shapes they reach,
// and drop documentation strings: the result is small enough to read and review. Run it again (npm run
// vendor-model) when an operation is added; `npm run generate` then regenerates the TypeScript from it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

export const OPERATIONS = [
  // account, region and zone reads
  'DescribeRegions', 'DescribeAvailabilityZones', 'DescribeAccountAttributes',
  // VPCs
  'CreateVpc', 'DescribeVpcs', 'DeleteVpc', 'ModifyVpcAttribute', 'DescribeVpcAttribute',
  'AssociateVpcCidrBlock', 'DisassociateVpcCidrBlock', 'CreateDefaultVpc', 'DescribeDhcpOptions',
  // subnets
  'CreateSubnet', 'DescribeSubnets', 'DeleteSubnet', 'ModifySubnetAttribute',
  'AssociateSubnetCidrBlock', 'DisassociateSubnetCidrBlock',
  // security groups
  'CreateSecurityGroup', 'DescribeSecurityGroups', 'DeleteSecurityGroup',
  'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
  'DescribeSecurityGroupRules', 'ModifySecurityGroupRules',
  'UpdateSecurityGroupRuleDescriptionsIngress', 'UpdateSecurityGroupRuleDescriptionsEgress',
  // tags
  'CreateTags', 'DeleteTags', 'DescribeTags',
  // network interfaces
  'CreateNetworkInterface', 'DeleteNetworkInterface', 'DescribeNetworkInterfaces',
  'DescribeNetworkInterfaceAttribute', 'ModifyNetworkInterfaceAttribute', 'ResetNetworkInterfaceAttribute',
  'AttachNetworkInterface', 'DetachNetworkInterface',
  'AssignPrivateIpAddresses', 'UnassignPrivateIpAddresses', 'AssignIpv6Addresses', 'UnassignIpv6Addresses',
  'CreateNetworkInterfacePermission', 'DescribeNetworkInterfacePermissions', 'DeleteNetworkInterfacePermission',
  'AssociateTrunkInterface', 'DisassociateTrunkInterface', 'DescribeTrunkInterfaceAssociations',
  // instances
  'RunInstances', 'DescribeInstances', 'DescribeInstanceStatus', 'StopInstances', 'StartInstances',
  'RebootInstances', 'TerminateInstances', 'DescribeInstanceAttribute', 'ModifyInstanceAttribute',
  'DescribeInstanceTypes', 'DescribeImages', 'DescribeInstanceCreditSpecifications', 'DescribeVolumes',
  'GetInstanceUefiData',
  // internet gateways and addresses
  'CreateInternetGateway', 'AttachInternetGateway', 'DetachInternetGateway', 'DeleteInternetGateway',
  'DescribeInternetGateways',
  'AllocateAddress', 'AssociateAddress', 'DisassociateAddress', 'ReleaseAddress', 'DescribeAddresses',
  'DescribeAddressesAttribute',
  // route tables and network ACLs
  'CreateRouteTable', 'DeleteRouteTable', 'DescribeRouteTables', 'CreateRoute', 'ReplaceRoute', 'DeleteRoute',
  'AssociateRouteTable', 'DisassociateRouteTable', 'ReplaceRouteTableAssociation',
  'CreateNetworkAcl', 'DeleteNetworkAcl', 'DescribeNetworkAcls', 'CreateNetworkAclEntry',
  'ReplaceNetworkAclEntry', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclAssociation',
  // flow logs and the Reachability Analyzer
  'CreateFlowLogs', 'DescribeFlowLogs', 'DeleteFlowLogs',
  'CreateNetworkInsightsPath', 'DescribeNetworkInsightsPaths', 'DeleteNetworkInsightsPath',
  'StartNetworkInsightsAnalysis', 'DescribeNetworkInsightsAnalyses', 'DeleteNetworkInsightsAnalysis',
];

function botocoreModelPath() {
  const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'])
    .toString().trim();
  return join(dir, 'data', 'ec2', '2016-11-15', 'service-2.json.gz');
}

function load(path) {
  const raw = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** Copies a shape without its documentation, keeping every wire-relevant key. */
function stripDocs(value) {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'documentation') out[k] = stripDocs(v);
    return out;
  }
  return value;
}

function main() {
  const source = process.argv[2] ?? botocoreModelPath();
  if (!existsSync(source)) throw new Error(`no EC2 model at ${source}`);
  const full = load(source);
  const operations = {};
  const shapes = {};
  const visit = (name) => {
    if (!name || shapes[name]) return;
    const shape = full.shapes[name];
    if (!shape) throw new Error(`shape ${name} missing from the model`);
    shapes[name] = stripDocs(shape);
    if (shape.type === 'structure') for (const m of Object.values(shape.members)) visit(m.shape);
    if (shape.type === 'list') visit(shape.member.shape);
    if (shape.type === 'map') { visit(shape.key.shape); visit(shape.value.shape); }
  };
  for (const op of OPERATIONS) {
    const def = full.operations[op];
    if (!def) throw new Error(`operation ${op} missing from the model`);
    operations[op] = stripDocs(def);
    visit(def.input?.shape);
    visit(def.output?.shape);
  }
  const sortedShapes = Object.fromEntries(Object.keys(shapes).sort().map((k) => [k, shapes[k]]));
  const trimmed = { metadata: stripDocs(full.metadata), operations, shapes: sortedShapes };
  writeFileSync('model/ec2.json', JSON.stringify(trimmed, null, 1) + '\n');
  console.log(`model/ec2.json: ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes`);
}

main();
