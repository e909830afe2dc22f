/**
 * The pure evaluator on hand-made snapshots (routing-and-traffic.md §3, security.md §1.4, §2, §3): what AWS does
 * with each packet, and which component and rule the trace names.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileTopology } from '../src/traffic/compile-topology.js';
import { evaluate } from '../src/traffic/evaluate.js';
import { PacketError, type Packet, type TraceStep, type Verdict } from '../src/traffic/verdict.js';
import type { TopologyData } from '../src/traffic/topology.js';
import {
  aclEntry,
  baseTopology,
  eni,
  route,
  sgRule,
  withAcl,
  withEni,
  withGroups,
  withRoutes,
} from './helpers/topology-fixture.js';

const run = (topology: TopologyData, packet: Packet): Verdict => evaluate(compileTopology(topology), packet);
const tcp = (source: string, destination: string, port: number, sourcePort?: number): Packet => ({ source, destination, protocol: 6, port, sourcePort });
const drop = (verdict: Verdict): TraceStep | undefined => verdict.trace.find((s) => s.outcome === 'drop');

describe('traffic evaluator', () => {
  it('delivers within the VPC by the local route and brings the reply back', () => {
    const verdict = run(baseTopology(), tcp('eni-web', '10.0.2.20', 22));
    assert.equal(verdict.accepted, true);
    assert.equal(verdict.reply?.accepted, true);
    const route = verdict.trace.find((s) => s.step === 'route' && s.direction === 'request')!;
    assert.equal(route.component, 'rtb-pub');
    assert.equal(route.rule, '10.0.0.0/16');
    assert.equal(route.target, 'local');
    const ingress = verdict.trace.find((s) => s.step === 'security-group-ingress' && s.direction === 'request')!;
    assert.equal(ingress.component, 'sg-open');
    assert.match(ingress.rule!, /^sgr-/);
    const replyIngress = verdict.trace.find((s) => s.step === 'security-group-ingress' && s.direction === 'reply')!;
    assert.equal(replyIngress.tracked, true, 'the reply passes as a tracked response');
  });

  it('takes the longest prefix: a /24 route to an appliance beats the /16 local route', () => {
    const topology = withRoutes(baseTopology(), 'rtb-priv', [route('10.0.0.0/16', 'local'), route('10.0.1.0/24', 'eni-nat'), route('0.0.0.0/0', 'eni-nat')]);
    const verdict = run(topology, tcp('eni-app', '10.0.1.11', 22));
    const first = verdict.trace.find((s) => s.step === 'route')!;
    assert.equal(first.rule, '10.0.1.0/24');
    assert.equal(first.target, 'eni-nat');
    assert.ok(verdict.trace.some((s) => s.step === 'forward' && s.component === 'eni-nat'));
    assert.equal(verdict.accepted, true);
    assert.equal(verdict.reply!.accepted, true);
    const direct = run(topology, tcp('eni-app', '10.0.3.5', 22));
    assert.equal(direct.trace.find((s) => s.step === 'route')!.rule, '10.0.0.0/16');
  });

  it('drops on a blackhole route without falling back to a shorter one', () => {
    const topology = withRoutes(baseTopology(), 'rtb-priv', [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1'), route('8.8.8.0/24', 'eni-gone', 'blackhole')]);
    const verdict = run(topology, tcp('eni-app', '8.8.8.8', 443));
    assert.equal(verdict.accepted, false);
    assert.equal(verdict.request.code, 'BAD_STATE_ROUTE');
    assert.deepEqual([drop(verdict)!.component, drop(verdict)!.rule], ['rtb-priv', '8.8.8.0/24']);
  });

  it('drops with NO_ROUTE_TO_DESTINATION when no route matches', () => {
    const topology = withRoutes(baseTopology(), 'rtb-priv', [route('10.0.0.0/16', 'local')]);
    const verdict = run(topology, tcp('eni-app', '8.8.8.8', 443));
    assert.equal(verdict.request.code, 'NO_ROUTE_TO_DESTINATION');
    assert.equal(drop(verdict)!.component, 'rtb-priv');
  });

  it('applies NACL entries in rule-number order: a deny numbered below an allow wins', () => {
    const acl = {
      id: 'acl-strict',
      vpcId: 'vpc-1',
      entries: [
        aclEntry(90, false, 'deny', '6', '10.0.1.0/24', [22, 22]),
        aclEntry(100, false, 'allow', '-1', '0.0.0.0/0'),
        aclEntry(100, true, 'allow', '-1', '0.0.0.0/0'),
        aclEntry(32767, false, 'deny', '-1', '0.0.0.0/0'),
        aclEntry(32767, true, 'deny', '-1', '0.0.0.0/0'),
      ],
    };
    const topology = withAcl(baseTopology(), 'subnet-priv', acl);
    const denied = run(topology, tcp('eni-web', '10.0.2.20', 22));
    assert.equal(denied.request.code, 'SUBNET_ACL_RESTRICTION');
    assert.deepEqual([drop(denied)!.component, drop(denied)!.rule, drop(denied)!.step], ['acl-strict', '90', 'network-acl-ingress']);
    const allowed = run(topology, tcp('eni-web', '10.0.2.20', 80));
    assert.equal(allowed.accepted, true);
    assert.equal(allowed.trace.find((s) => s.step === 'network-acl-ingress')!.rule, '100');
  });

  it('judges the reply against the ACL again: an ephemeral port outside the outbound rule drops it at the * rule', () => {
    const acl = {
      id: 'acl-narrow',
      vpcId: 'vpc-1',
      entries: [
        aclEntry(100, false, 'allow', '6', '0.0.0.0/0', [22, 22]),
        aclEntry(100, true, 'allow', '6', '0.0.0.0/0', [1024, 32767]),
        aclEntry(32767, false, 'deny', '-1', '0.0.0.0/0'),
        aclEntry(32767, true, 'deny', '-1', '0.0.0.0/0'),
      ],
    };
    const topology = withAcl(baseTopology(), 'subnet-priv', acl);
    const verdict = run(topology, tcp('eni-web', '10.0.2.20', 22, 50000));
    assert.equal(verdict.accepted, true);
    assert.equal(verdict.reply!.accepted, false);
    const replyDrop = drop(verdict)!;
    assert.deepEqual([replyDrop.direction, replyDrop.step, replyDrop.component, replyDrop.rule], ['reply', 'network-acl-egress', 'acl-narrow', '32767']);
    assert.equal(replyDrop.header.destinationPort, 50000);
    const fits = run(topology, tcp('eni-web', '10.0.2.20', 22, 30000));
    assert.equal(fits.reply!.accepted, true);
  });

  it('never evaluates the ACL between two ENIs of the same subnet', () => {
    const acl = { id: 'acl-closed', vpcId: 'vpc-1', entries: [aclEntry(32767, false, 'deny', '-1', '0.0.0.0/0'), aclEntry(32767, true, 'deny', '-1', '0.0.0.0/0')] };
    const topology = withAcl(baseTopology(), 'subnet-pub', acl);
    const verdict = run(topology, tcp('eni-web', '10.0.1.11', 22));
    assert.equal(verdict.accepted, true);
    assert.equal(verdict.reply!.accepted, true);
    assert.ok(!verdict.trace.some((s) => s.step.startsWith('network-acl')));
  });

  it('matches referenced-group rules on members’ private addresses only', () => {
    const groups = [
      { id: 'sg-db', vpcId: 'vpc-1', rules: [sgRule('sg-db', false, 'tcp', 5432, 5432, 'sg-app'), sgRule('sg-db', true, '-1', -1, -1, '0.0.0.0/0')] },
      { id: 'sg-app', vpcId: 'vpc-1', rules: [sgRule('sg-app', true, '-1', -1, -1, '0.0.0.0/0')] },
    ];
    let topology = withGroups(baseTopology(), groups);
    topology = withEni(topology, 'eni-app', { groupIds: ['sg-db'] });
    topology = withEni(topology, 'eni-web2', { groupIds: ['sg-app'] });
    const member = run(topology, tcp('eni-web2', '10.0.2.20', 5432));
    assert.equal(member.accepted, true);
    const rule = member.trace.find((s) => s.step === 'security-group-ingress')!;
    assert.equal(rule.component, 'sg-db');
    assert.equal(rule.securityGroupRule!.referencedGroupId, 'sg-app');
    const stranger = run(topology, tcp('eni-web', '10.0.2.20', 5432));
    assert.equal(stranger.request.code, 'ENI_SG_RULES_MISMATCH');
    assert.deepEqual(drop(stranger)!.securityGroupIds, ['sg-db']);
  });

  it('does not match a referenced group for traffic arriving through a public address', () => {
    const groups = [{ id: 'sg-web-in', vpcId: 'vpc-1', rules: [sgRule('sg-web-in', false, 'tcp', 443, 443, 'sg-open'), sgRule('sg-web-in', true, '-1', -1, -1, '0.0.0.0/0')] }];
    let topology = withGroups(baseTopology(), groups);
    topology = withEni(topology, 'eni-web', { groupIds: ['sg-web-in'] });
    // eni-nat (in sg-open) reaches eni-web's Elastic IP through the gateway: the source is its public address.
    const viaPublic = run(topology, tcp('eni-nat', '198.18.0.10', 443));
    assert.equal(viaPublic.accepted, false);
    assert.equal(viaPublic.request.code, 'ENI_SG_RULES_MISMATCH');
    const viaPrivate = run(topology, tcp('eni-nat', '10.0.1.10', 443));
    assert.equal(viaPrivate.accepted, true);
  });

  it('drops with SG_HAS_NO_RULES when the ENI’s groups have no rules at all', () => {
    let topology = withGroups(baseTopology(), [{ id: 'sg-empty', vpcId: 'vpc-1', rules: [] }]);
    topology = withEni(topology, 'eni-app', { groupIds: ['sg-empty'] });
    const verdict = run(topology, tcp('eni-web', '10.0.2.20', 22));
    assert.equal(verdict.request.code, 'SG_HAS_NO_RULES');
    assert.equal(drop(verdict)!.component, 'eni-app');
  });

  it('lets the VPC resolver and the link-local services bypass groups and ACLs', () => {
    let topology = withGroups(baseTopology(), [{ id: 'sg-empty', vpcId: 'vpc-1', rules: [] }]);
    topology = withEni(topology, 'eni-app', { groupIds: ['sg-empty'] });
    for (const [destination, service] of [['10.0.0.2', 'vpc-resolver'], ['169.254.169.253', 'amazon-dns'], ['169.254.169.254', 'instance-metadata'], ['169.254.169.123', 'time-sync']] as const) {
      const verdict = run(topology, { source: 'eni-app', destination, protocol: 17, port: 53 });
      assert.equal(verdict.accepted, true, destination);
      assert.equal(verdict.bypass, service);
      assert.deepEqual(verdict.trace.map((s) => s.step), ['bypass', 'bypass']);
    }
  });

  it('reaches the internet from an ENI with an Elastic IP, translating its source', () => {
    const verdict = run(baseTopology(), tcp('eni-web', '8.8.8.8', 443));
    assert.equal(verdict.accepted, true);
    assert.equal(verdict.reply!.accepted, true);
    const gateway = verdict.trace.find((s) => s.step === 'internet-gateway')!;
    assert.equal(gateway.component, 'igw-1');
    assert.equal(gateway.header.sourceAddress, '198.18.0.10');
    assert.equal(verdict.request.legs[0]!.trafficPath, 8);
  });

  it('refuses internet egress from an address without a public mapping', () => {
    const topology = withRoutes(baseTopology(), 'rtb-priv', [route('10.0.0.0/16', 'local'), route('0.0.0.0/0', 'igw-1')]);
    const verdict = run(topology, tcp('eni-app', '8.8.8.8', 443));
    assert.equal(verdict.request.code, 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  });

  it('admits the internet only at a public address, never at the private one', () => {
    const byPublic = run(baseTopology(), { source: 'internet', destination: '198.18.0.10', protocol: 6, port: 443 });
    assert.equal(byPublic.accepted, true);
    assert.equal(byPublic.reply!.accepted, true);
    const byPrivate = run(baseTopology(), { source: 'internet', destination: '10.0.1.10', protocol: 6, port: 443 });
    assert.equal(byPrivate.request.code, 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS');
    const fromPrivateSource = run(baseTopology(), { source: 'internet', sourceAddress: '192.168.1.1', destination: '198.18.0.10', protocol: 6, port: 443 });
    assert.equal(fromPrivateSource.request.code, 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS');
    const byEniId = run(baseTopology(), { source: 'internet', destination: 'eni-web', protocol: 6, port: 443 });
    assert.equal(byEniId.request.legs[0]!.sent.destinationAddress, '198.18.0.10', 'an ENI named from the internet is reached at its public address');
  });

  it('forwards through a NAT instance only with its source/destination check off', () => {
    const off = run(baseTopology(), tcp('eni-app', '8.8.8.8', 443));
    assert.equal(off.accepted, true);
    assert.equal(off.reply!.accepted, true);
    assert.deepEqual(off.request.legs.map((l) => l.outcome), ['forwarded', 'delivered']);
    assert.equal(off.request.legs[1]!.received!.sourceAddress, '198.19.0.30', 'masqueraded, then mapped to the NAT instance’s public address');
    const on = run(withEni(baseTopology(), 'eni-nat', { sourceDestCheck: true }), tcp('eni-app', '8.8.8.8', 443));
    assert.equal(on.accepted, false);
    assert.equal(on.request.code, 'ENI_SOURCE_DEST_CHECK_RESTRICTION');
    assert.deepEqual([drop(on)!.step, drop(on)!.component], ['source-dest-check-ingress', 'eni-nat']);
  });

  it('refuses, at a route target with its check on, packets not addressed to it', () => {
    // eni-web2 answers for 10.0.2.20 by route (its check on): what it forwards has a source that is not its own.
    const topology = withEni(baseTopology(), 'eni-web2', { sourceDestCheck: true });
    const viaRoute = withRoutes(topology, 'rtb-pub', [route('10.0.0.0/16', 'local'), route('10.0.2.0/24', 'eni-web2'), route('0.0.0.0/0', 'igw-1')]);
    const verdict = run(viaRoute, tcp('eni-web', '10.0.2.20', 22));
    assert.equal(verdict.request.code, 'ENI_SOURCE_DEST_CHECK_RESTRICTION');
  });

  it('evaluates IPv6 by its own routes, rules and ACL entries, without translation', () => {
    const out = run(baseTopology(), tcp('eni-web', '2606:4700::1111', 443));
    assert.equal(out.accepted, true);
    assert.equal(out.trace.find((s) => s.step === 'route')!.rule, '::/0');
    assert.equal(out.trace.find((s) => s.step === 'network-acl-egress')!.rule, '101');
    const inbound = run(baseTopology(), { source: 'internet', sourceAddress: '2606:4700::1111', destination: '2600:1f18:1:101::10', protocol: 6, port: 443 });
    assert.equal(inbound.accepted, true);
    // No IPv6 route in the private table: 0.0.0.0/0 never matches IPv6.
    const topology = withEni(baseTopology(), 'eni-app', { ipv6Addresses: ['2600:1f18:1:102::20'] });
    const noRoute = run(topology, tcp('eni-app', '2606:4700::1111', 443));
    assert.equal(noRoute.request.code, 'NO_ROUTE_TO_DESTINATION');
    // An IPv4-only SG rule set does not admit IPv6.
    let v4only = withGroups(baseTopology(), [{ id: 'sg-v4', vpcId: 'vpc-1', rules: [sgRule('sg-v4', false, 'tcp', 443, 443, '0.0.0.0/0'), sgRule('sg-v4', true, '-1', -1, -1, '0.0.0.0/0')] }]);
    v4only = withEni(v4only, 'eni-web', { groupIds: ['sg-v4'] });
    const refused = run(v4only, { source: 'internet', sourceAddress: '2606:4700::1111', destination: '2600:1f18:1:101::10', protocol: 6, port: 443 });
    assert.equal(refused.request.code, 'ENI_SG_RULES_MISMATCH');
  });

  it('matches ICMP by type and code, and replies to an echo request with an echo reply', () => {
    const acl = {
      id: 'acl-icmp',
      vpcId: 'vpc-1',
      entries: [
        { ruleNumber: 100, egress: false, ruleAction: 'allow' as const, protocol: '1', cidrBlock: '0.0.0.0/0', icmpType: 8, icmpCode: -1 },
        { ruleNumber: 100, egress: true, ruleAction: 'allow' as const, protocol: '1', cidrBlock: '0.0.0.0/0', icmpType: 0, icmpCode: -1 },
        aclEntry(32767, false, 'deny', '-1', '0.0.0.0/0'),
        aclEntry(32767, true, 'deny', '-1', '0.0.0.0/0'),
      ],
    };
    const topology = withAcl(baseTopology(), 'subnet-priv', acl);
    const ping = run(topology, { source: 'eni-web', destination: '10.0.2.20', protocol: 1, port: 8, sourcePort: 0 });
    assert.equal(ping.accepted, true);
    assert.equal(ping.reply!.accepted, true);
    const reply = ping.trace.find((s) => s.direction === 'reply' && s.step === 'network-acl-egress')!;
    assert.equal(reply.header.destinationPort, 0, 'echo reply is ICMP type 0');
    const unreachable = run(topology, { source: 'eni-web', destination: '10.0.2.20', protocol: 1, port: 3, sourcePort: 4 });
    assert.equal(unreachable.request.code, 'SUBNET_ACL_RESTRICTION');
  });

  it('drops at an ENI whose instance is not running', () => {
    const topology = withEni(baseTopology(), 'eni-app', { instanceId: 'i-1', instanceState: 'stopped', attachmentStatus: 'attached' });
    const verdict = run(topology, tcp('eni-web', '10.0.2.20', 22));
    assert.equal(verdict.request.code, 'BAD_STATE');
    assert.deepEqual([drop(verdict)!.component, drop(verdict)!.rule], ['i-1', 'stopped']);
  });

  it('resolves a private source address to its ENI and refuses names the topology does not hold', () => {
    assert.equal(run(baseTopology(), tcp('10.0.1.10', '10.0.2.20', 22)).accepted, true);
    assert.throws(() => run(baseTopology(), tcp('eni-missing', '10.0.2.20', 22)), (e: PacketError) => e.code === 'InvalidNetworkInterfaceID.NotFound');
    assert.throws(() => run(baseTopology(), tcp('10.0.9.9', '10.0.2.20', 22)), (e: PacketError) => e.code === 'InvalidAddress.NotFound');
    assert.throws(() => run(baseTopology(), tcp('eni-web', 'not-an-ip', 22)), (e: PacketError) => e.code === 'InvalidParameterValue');
    assert.throws(() => run(baseTopology(), tcp('eni-web', '10.0.2.20', 70000)), (e: PacketError) => e.code === 'InvalidParameterValue');
  });

  it('drops a packet to an address of the VPC that no ENI holds', () => {
    const verdict = run(baseTopology(), tcp('eni-web', '10.0.2.99', 22));
    assert.equal(verdict.request.code, 'NO_POSSIBLE_DESTINATION');
  });

  it('reports the flow-log actions of each leg: REJECT at the receiver that dropped', () => {
    let topology = withGroups(baseTopology(), [{ id: 'sg-closed', vpcId: 'vpc-1', rules: [sgRule('sg-closed', true, '-1', -1, -1, '0.0.0.0/0')] }]);
    topology = withEni(topology, 'eni-app', { groupIds: ['sg-closed'] });
    const verdict = run(topology, tcp('eni-web', '10.0.2.20', 22));
    const leg = verdict.request.legs[0]!;
    assert.deepEqual([leg.senderAction, leg.receiverAction, leg.droppedAt], ['ACCEPT', 'REJECT', 'receiver']);
    // An extra ENI in a second VPC with the same address does not confuse destination lookup.
    const second = {
      ...topology,
      vpcs: [...topology.vpcs, { id: 'vpc-2', ipv4Cidrs: ['10.0.0.0/16'], ipv6Cidrs: [] }],
      subnets: [...topology.subnets, { id: 'subnet-x', vpcId: 'vpc-2', cidrBlock: '10.0.2.0/24', ipv6CidrBlocks: [], availabilityZoneId: 'use1-az1', routeTableId: 'rtb-x', mainRouteTable: true, networkAclId: 'acl-open' }],
      networkInterfaces: [...topology.networkInterfaces, eni('eni-twin', 'subnet-x', '10.0.2.20', { vpcId: 'vpc-2' })],
    };
    const again = run(second, tcp('eni-web', '10.0.2.20', 22));
    assert.equal(again.request.legs[0]!.to!.kind === 'eni' && again.request.legs[0]!.to!.eni.id, 'eni-app');
  });

  it('decides the same without the trace (trace: false): verdicts, codes and legs, only no steps', () => {
    const stopped = withEni(baseTopology(), 'eni-app', { instanceId: 'i-1', instanceState: 'stopped', attachmentStatus: 'attached' });
    const natCheckOn = withEni(baseTopology(), 'eni-nat', { sourceDestCheck: true });
    const cases: [TopologyData, Packet][] = [
      [baseTopology(), tcp('eni-web', '10.0.2.20', 22)],
      [baseTopology(), tcp('eni-web', '10.0.1.11', 80)],
      [baseTopology(), tcp('eni-app', '8.8.8.8', 443)],
      [baseTopology(), tcp('eni-web', '8.8.8.8', 443)],
      [baseTopology(), tcp('eni-web', '2606:4700::1111', 443)],
      [baseTopology(), tcp('eni-web', '10.0.9.9', 22)],
      [baseTopology(), { source: 'internet', destination: '198.18.0.10', protocol: 6, port: 443 }],
      [baseTopology(), { source: 'internet', destination: '10.0.1.10', protocol: 6, port: 443 }],
      [baseTopology(), { source: 'internet', sourceAddress: '2606:4700::1111', destination: '2600:1f18:1:101::10', protocol: 6, port: 443 }],
      [baseTopology(), { source: 'eni-web', destination: '10.0.2.20', protocol: 1, port: 8, sourcePort: 0 }],
      [baseTopology(), { source: 'eni-web', destination: '10.0.2.20', protocol: 17, port: 53 }],
      [baseTopology(), { source: 'eni-app', destination: '169.254.169.254', protocol: 6, port: 80 }],
      [stopped, tcp('eni-web', '10.0.2.20', 22)],
      [natCheckOn, tcp('eni-app', '8.8.8.8', 443)],
    ];
    for (const [data, packet] of cases) {
      const topology = compileTopology(data);
      const traced = evaluate(topology, packet);
      const decided = evaluate(topology, packet, { trace: false });
      assert.deepEqual(decided.trace, []);
      assert.equal(JSON.stringify({ ...decided, trace: [] }), JSON.stringify({ ...traced, trace: [] }), JSON.stringify(packet));
    }
  });
});
