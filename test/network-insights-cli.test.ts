/** `vpclite analyze` against a running server: the verdict as exit status, and the three output formats. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runCli } from './helpers/cli.js';
import { seedTopology, type SeedTopology } from './helpers/insights-fixtures.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('vpclite analyze', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let net: SeedTopology;
  const analyze = (...args: string[]) => runCli(['analyze', '--endpoint', server.url, ...args]);

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
    net = await seedTopology(ec2);
  });
  after(() => server.close());

  it('exits 0 and prints the forward and return paths for a reachable destination', async () => {
    const result = await analyze('--source', net.gatewayId, '--destination', net.webEniId, '--port', '443');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0]!, /^reachable \(analysis nia-[0-9a-f]{17}, path nip-[0-9a-f]{17}, succeeded\)$/);
    assert.ok(lines.includes('Forward path:'));
    assert.ok(lines.includes(`  3. ${net.webGroupId}  ingress tcp 443 from 0.0.0.0/0`), result.stdout);
    assert.ok(lines.some((l) => l.startsWith(`  4. ${net.webEniId}  receives `) && l.includes(`-> ${net.webPrivateIp}:443`)), result.stdout);
    assert.ok(lines.includes('Return path:'));
    assert.ok(!lines.includes('Explanations:'));
  });

  it('exits 1 and gives the explanations, as JSON with the wire member names', async () => {
    const result = await analyze('--source', net.gatewayId, '--destination', net.webEniId, '--port', '22', '--output', 'json');
    assert.equal(result.code, 1, result.stderr);
    const analysis = JSON.parse(result.stdout);
    assert.equal(analysis.networkPathFound, false);
    assert.equal(analysis.status, 'succeeded');
    assert.equal(analysis.explanationSet[0].explanationCode, 'ENI_SG_RULES_MISMATCH');
    assert.equal(analysis.explanationSet[0].networkInterface.id, net.webEniId);
    assert.deepEqual(analysis.forwardPathComponentSet.map((c: { sequenceNumber: number }) => c.sequenceNumber), [1, 2]);
  });

  it('prints a table', async () => {
    const result = await analyze('--source', net.bastionEniId, '--destination', net.managementEniId, '--port', '22', '--output', 'table');
    assert.equal(result.code, 0, result.stderr);
    const [, header, ...rows] = result.stdout.trimEnd().split('\n');
    assert.match(header!, /^PATH\s+SEQ\s+COMPONENT\s+DETAIL$/);
    assert.match(rows[0]!, new RegExp(`^forward\\s+1\\s+${net.bastionEniId}\\s+sends 10\\.0\\.1\\.20:`));
    assert.ok(rows.some((r) => /^return\s+\d+\s+acl-/.test(r)), result.stdout);
  });

  it('exits 2 on an AWS error, a bad option or no server', async () => {
    const missing = await analyze('--source', 'eni-0123456789abcdef0', '--destination', net.webEniId);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /InvalidNetworkInterfaceID\.NotFound/);
    const badPort = await analyze('--source', net.webEniId, '--port', 'https');
    assert.equal(badPort.code, 2);
    const noServer = await runCli(['analyze', '--endpoint', 'http://127.0.0.1:9', '--source', net.webEniId]);
    assert.equal(noServer.code, 2);
  });
});
