/**
 * The traffic extension's HTTP surface: bad input answered 400 with AWS-style codes (never 500), whose account and
 * region a request speaks for, the observations every sink receives, the simulated clock, and GET /metrics.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { sendTraffic } from './helpers/traffic.js';
import type { FlowObservation, ObservationSink } from '../src/traffic/flow-observation.js';

class RecordingSink implements ObservationSink {
  batches: FlowObservation[][] = [];
  async record(observations: readonly FlowObservation[]): Promise<void> {
    this.batches.push([...observations]);
  }
}

async function clock(url: string, body?: unknown): Promise<{ status: number; body: { now?: string; epochSeconds?: number; error?: string } }> {
  const response = await fetch(`${url}/_vpclite/clock`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { now?: string; epochSeconds?: number; error?: string } };
}

describe('traffic endpoint', () => {
  let server: TestServer;
  let ec2: EC2Client;
  const sink = new RecordingSink();
  before(async () => {
    server = await startTestServer({ sinks: [sink] });
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    sink.batches = [];
  });

  async function twoEnis() {
    const { subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
    const a = await eniInSubnet(ec2, subnetId);
    const b = await eniInSubnet(ec2, subnetId);
    return { a, b };
  }

  it('answers bad input with 400 and an AWS-style code', async () => {
    const { a } = await twoEnis();
    const cases: Array<[unknown, string]> = [
      ['{not json', 'SerializationException'],
      ['[1, 2]', 'SerializationException'],
      [{ destination: '10.0.1.5', protocol: 'tcp', port: 22 }, 'MissingParameter'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', port: 22 }, 'MissingParameter'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'tcp' }, 'MissingParameter'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'gre-ish', port: 22 }, 'InvalidParameterValue'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'tcp', port: 65536 }, 'InvalidParameterValue'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'tcp', port: '22' }, 'InvalidParameterValue'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'tcp', port: 22, packets: 0 }, 'InvalidParameterValue'],
      [{ source: 'eni-0123456789abcdef0', destination: '10.0.1.5', protocol: 'tcp', port: 22 }, 'InvalidNetworkInterfaceID.NotFound'],
      [{ source: a.NetworkInterfaceId, destination: 'eni-0123456789abcdef0', protocol: 'tcp', port: 22 }, 'InvalidNetworkInterfaceID.NotFound'],
      [{ source: '10.9.9.9', destination: '10.0.1.5', protocol: 'tcp', port: 22 }, 'InvalidAddress.NotFound'],
      [{ source: a.NetworkInterfaceId, destination: 'nowhere', protocol: 'tcp', port: 22 }, 'InvalidParameterValue'],
      [{ source: a.NetworkInterfaceId, destination: '2001:db8::1', protocol: 'tcp', port: 22 }, 'InvalidParameterValue'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'tcp', port: 22, region: 'mars-north-1' }, 'InvalidParameterValue'],
      [{ source: a.NetworkInterfaceId, destination: '10.0.1.5', protocol: 'tcp', port: 22, account: 'me' }, 'InvalidParameterValue'],
    ];
    for (const [body, code] of cases) {
      const answer = await sendTraffic(server.url, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error, code, JSON.stringify(body));
      assert.equal(typeof answer.body.message, 'string');
    }
    assert.equal(sink.batches.length, 0, 'nothing is recorded for a refused request');
  });

  it('speaks for the account of the Authorization header, else of the body, else the default account', async () => {
    const other = server.client({ accessKeyId: '111122223333', region: 'us-west-2' });
    const { subnetId } = await vpcWithSubnet(other, '10.5.0.0/16', '10.5.1.0/24');
    const a = await eniInSubnet(other, subnetId);
    const b = await eniInSubnet(other, subnetId);
    const packet = { source: a.NetworkInterfaceId, destination: b.PrivateIpAddress, protocol: 'tcp', port: 22 };
    const unsigned = await sendTraffic(server.url, packet);
    assert.equal(unsigned.body.error, 'InvalidNetworkInterfaceID.NotFound', 'the default account does not hold it');
    const byBody = await sendTraffic(server.url, { ...packet, account: '111122223333', region: 'us-west-2' });
    assert.equal(byBody.status, 200);
    assert.equal(byBody.body.accepted, true);
    const authorization =
      'AWS4-HMAC-SHA256 Credential=111122223333/20261130/us-west-2/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=00';
    const signed = await sendTraffic(server.url, packet, { authorization, 'x-amz-date': '20261130T000000Z' });
    assert.equal(signed.status, 200);
    assert.equal(signed.body.accepted, true);
  });

  it('hands each sink the observations of both directions at each ENI, on the simulated clock', async () => {
    const { a, b } = await twoEnis();
    const advanced = await clock(server.url, { advanceSeconds: 3600 });
    const answer = await sendTraffic(server.url, { source: a.NetworkInterfaceId, destination: b.PrivateIpAddress, protocol: 'tcp', port: 443, sourcePort: 40000, packets: 3, bytes: 180 });
    assert.equal(answer.body.accepted, true);
    assert.equal(sink.batches.length, 1);
    const seen = sink.batches[0]!.map((o) => [o.networkInterfaceId, o.flowDirection, o.action, o.packetSourceAddress, o.sourcePort, o.destinationPort, o.tcpFlags]);
    assert.deepEqual(seen, [
      [a.NetworkInterfaceId, 'egress', 'ACCEPT', a.PrivateIpAddress, 40000, 443, 2],
      [b.NetworkInterfaceId, 'ingress', 'ACCEPT', a.PrivateIpAddress, 40000, 443, 2],
      [b.NetworkInterfaceId, 'egress', 'ACCEPT', b.PrivateIpAddress, 443, 40000, 18],
      [a.NetworkInterfaceId, 'ingress', 'ACCEPT', b.PrivateIpAddress, 443, 40000, 18],
    ]);
    const first = sink.batches[0]![0]!;
    assert.equal(first.packets, 3);
    assert.equal(first.bytes, 180);
    assert.equal(first.protocol, 6);
    assert.equal(first.trafficPath, 1);
    assert.equal(first.primaryPrivateAddress, a.PrivateIpAddress);
    assert.equal(first.account, '123456789012');
    assert.ok(first.time.getTime() >= Date.parse(advanced.body.now!) - 1000, 'observations carry the advanced clock');
    assert.ok(first.time.getTime() > Date.now() + 3500_000);
  });

  it('records nothing for traffic to the VPC resolver, which bypasses filtering', async () => {
    const { a } = await twoEnis();
    const answer = await sendTraffic(server.url, { source: a.NetworkInterfaceId, destination: '10.0.0.2', protocol: 'udp', port: 53 });
    assert.equal(answer.body.accepted, true);
    assert.equal(answer.body.bypass, 'vpc-resolver');
    assert.deepEqual(sink.batches, [[]]);
  });

  it('advances the simulated clock and refuses going backwards', async () => {
    const start = await clock(server.url);
    assert.equal(start.status, 200);
    const moved = await clock(server.url, { advanceSeconds: 600 });
    assert.equal(moved.status, 200);
    assert.ok(moved.body.epochSeconds! - start.body.epochSeconds! >= 600);
    assert.ok(moved.body.epochSeconds! - start.body.epochSeconds! < 660);
    for (const bad of [{ advanceSeconds: -5 }, { advanceSeconds: 'ten' }, {}]) {
      const refused = await clock(server.url, bad);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error, 'InvalidParameterValue');
    }
  });

  it('counts packets and bytes per ENI, direction and action at GET /metrics', async () => {
    const { a, b } = await twoEnis();
    await sendTraffic(server.url, { source: a.NetworkInterfaceId, destination: b.PrivateIpAddress, protocol: 'tcp', port: 22, packets: 2, bytes: 100 });
    await sendTraffic(server.url, { source: a.NetworkInterfaceId, destination: b.PrivateIpAddress, protocol: 'tcp', port: 22, packets: 1, bytes: 60 });
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const labels = (eni: string, direction: string) =>
      `account="123456789012",region="us-east-1",network_interface_id="${eni}",direction="${direction}",action="accept"`;
    assert.ok(text.includes(`# TYPE vpclite_network_interface_packets_total counter`));
    assert.ok(text.includes(`vpclite_network_interface_packets_total{${labels(a.NetworkInterfaceId!, 'out')}} 3\n`));
    assert.ok(text.includes(`vpclite_network_interface_bytes_total{${labels(a.NetworkInterfaceId!, 'out')}} 160\n`));
    assert.ok(text.includes(`vpclite_network_interface_packets_total{${labels(b.NetworkInterfaceId!, 'in')}} 3\n`));
    assert.ok(text.includes(`vpclite_network_interface_packets_total{${labels(b.NetworkInterfaceId!, 'out')}} 3\n`), 'the replies');
    assert.ok(!text.includes('action="reject"'));
    await server.reset();
    assert.ok(!(await (await fetch(`${server.url}/metrics`)).text()).includes('network_interface_id='), 'reset forgets the counters');
  });
});
