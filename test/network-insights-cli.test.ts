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
    assert.deepEqual(analysis.returnPathComponentSet, [], 'an empty list is an empty array');
    assert.match(analysis.startDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
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
    assert.match(missing.stderr, /^vpclite analyze: InvalidNetworkInterfaceID\.NotFound: \S/, 'the AWS error code and its message');
    const badPort = await analyze('--source', net.webEniId, '--port', 'https');
    assert.equal(badPort.code, 2);
    const noServer = await runCli(['analyze', '--endpoint', 'http://127.0.0.1:9', '--source', net.webEniId]);
    assert.equal(noServer.code, 2);
    assert.match(noServer.stderr, /^vpclite analyze: cannot reach http:\/\/127\.0\.0\.1:9/);
  });

  it('asks in the account of --access-key and the region of --region', async () => {
    const args = ['--source', net.webEniId, '--destination', net.bastionEniId];
    const otherAccount = await analyze(...args, '--access-key', '210987654321');
    assert.equal(otherAccount.code, 2);
    assert.match(otherAccount.stderr, /InvalidNetworkInterfaceID\.NotFound/);
    const otherRegion = await analyze(...args, '--region', 'us-west-2');
    assert.equal(otherRegion.code, 2);
    assert.match(otherRegion.stderr, /InvalidNetworkInterfaceID\.NotFound/);
  });

  it('signs with --access-key and --secret-key, which a server in --auth strict verifies', async () => {
    const credential = { accessKeyId: 'AKIDANALYZE', secretAccessKey: 'analyze-secret', account: '111122223333' };
    const strict = await startTestServer({ auth: { mode: 'strict', credentials: new Map([[credential.accessKeyId, credential]]) } });
    try {
      const strictNet = await seedTopology(strict.client(credential));
      const run = (secret: string) =>
        runCli(['analyze', '--endpoint', strict.url, '--source', strictNet.bastionEniId, '--destination', strictNet.managementEniId, '--port', '22', '--access-key', credential.accessKeyId, '--secret-key', secret]);
      const signed = await run(credential.secretAccessKey);
      assert.equal(signed.code, 0, signed.stderr);
      const wrong = await run('not-the-secret');
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /^vpclite analyze: SignatureDoesNotMatch: /);
    } finally {
      await strict.close();
    }
  });
});
