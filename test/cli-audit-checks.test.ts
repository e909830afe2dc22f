/**
 * The audit's rules as pure functions (src/cli/operator/audit-checks.ts), for the cases the end-to-end audit test
 * does not build: IPv6 and all-traffic rules open to the internet, rules that cover each other, prefix lists,
 * secondary VPC CIDRs, per-ENI address limits.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Instance, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { instancesAtLimit, openAdminPorts, overlappingCidrs, shadowedRules } from '../src/cli/operator/audit-checks.js';

const rule = (id: string, r: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  SecurityGroupRuleId: id, GroupId: 'sg-1', IsEgress: false, IpProtocol: 'tcp', ...r,
});

describe('audit checks', () => {
  it('finds administrative ports open to ::/0 and all-traffic rules open to 0.0.0.0/0, not narrower or egress ones', () => {
    const found = openAdminPorts([{ GroupId: 'sg-1', GroupName: 'web' }], [
      rule('sgr-v6', { FromPort: 3389, ToPort: 3389, CidrIpv6: '::/0' }),
      rule('sgr-all', { IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv4: '0.0.0.0/0' }),
      rule('sgr-web', { FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' }),
      rule('sgr-lan', { FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8' }),
      rule('sgr-out', { IsEgress: true, FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' }),
      rule('sgr-udp', { IpProtocol: 'udp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' }),
    ]);
    assert.deepEqual(found.map((f) => [f.ruleId, f.cidr, f.ports]), [['sgr-v6', '::/0', 'tcp/3389'], ['sgr-all', '0.0.0.0/0', 'all']]);
    assert.ok(found[1]!.services.includes('SSH (22)') && found[1]!.services.includes('RDP (3389)'));
  });

  it('reports a rule covered by another of the same group and direction, and one of two equivalent rules only', () => {
    const found = shadowedRules([
      rule('sgr-all', { IpProtocol: '-1', CidrIpv6: '2001:db8::/32' }),
      rule('sgr-v6', { FromPort: 80, ToPort: 80, CidrIpv6: '2001:db8:1::/48' }),
      rule('sgr-pl-a', { FromPort: 0, ToPort: 1000, PrefixListId: 'pl-1' }),
      rule('sgr-pl-b', { FromPort: 10, ToPort: 20, PrefixListId: 'pl-1' }),
      rule('sgr-other-group', { GroupId: 'sg-2', FromPort: 80, ToPort: 80, CidrIpv6: '2001:db8:1::/48' }),
      rule('sgr-egress', { IsEgress: true, FromPort: 80, ToPort: 80, CidrIpv6: '2001:db8:1::/48' }),
      rule('sgr-ref-a', { FromPort: 5432, ToPort: 5432, ReferencedGroupInfo: { GroupId: 'sg-9' } }),
      rule('sgr-ref-b', { FromPort: 5432, ToPort: 5432, ReferencedGroupInfo: { GroupId: 'sg-9' } }),
    ]);
    assert.deepEqual(found.map((f) => [f.ruleId, f.shadowedBy]), [['sgr-v6', 'sgr-all'], ['sgr-pl-b', 'sgr-pl-a'], ['sgr-ref-b', 'sgr-ref-a']]);
  });

  it('compares every associated CIDR of each VPC, never a VPC with itself', () => {
    const found = overlappingCidrs([
      { VpcId: 'vpc-a', CidrBlock: '10.0.0.0/16', CidrBlockAssociationSet: [
        { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
        { CidrBlock: '100.64.0.0/16', CidrBlockState: { State: 'associated' } },
        { CidrBlock: '10.0.0.0/8', CidrBlockState: { State: 'disassociated' } },
      ] },
      { VpcId: 'vpc-b', CidrBlock: '100.64.128.0/17' },
      { VpcId: 'vpc-c', CidrBlock: '192.168.0.0/16' },
    ]);
    assert.deepEqual(found, [{ vpcId: 'vpc-a', cidr: '100.64.0.0/16', otherVpcId: 'vpc-b', otherCidr: '100.64.128.0/17' }]);
  });

  it('finds an ENI at its type\'s IPv4 address limit, prefixes counted, and skips terminated instances', () => {
    const limits = new Map([['t3.micro', { maxNetworkInterfaces: 2, ipv4PerInterface: 2, ipv6PerInterface: 2 }]]);
    const instance = (id: string, state: string): Instance => ({
      InstanceId: id, InstanceType: 't3.micro', State: { Name: state as never },
      NetworkInterfaces: [{ NetworkInterfaceId: `eni-${id}`, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5' }], Ipv4Prefixes: [{ Ipv4Prefix: '10.0.0.16/28' }] }],
    });
    assert.deepEqual(instancesAtLimit([instance('i-1', 'running'), instance('i-2', 'terminated')], limits), [
      { instanceId: 'i-1', instanceType: 't3.micro', limit: 'eni-i-1 IPv4 addresses 2/2' },
    ]);
  });
});
