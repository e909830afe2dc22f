/** `vpclite probe` against a real server: the verdict and trace in each output format, and its exit status. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthorizeSecurityGroupIngressCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { newGroup } from './helpers/security-groups.js';
import { runCli } from './helpers/cli.js';

describe('vpclite probe', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let client: string;
  let web: { id: string; address: string };
  let ruleId: string;
  let groupId: string;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.0.0.0/16', '10.0.1.0/24');
    const group = await newGroup(ec2, 'web', vpcId);
    groupId = group;
    const { SecurityGroupRules } = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }),
    );
    ruleId = SecurityGroupRules![0]!.SecurityGroupRuleId!;
    const eni = await eniInSubnet(ec2, subnetId, { Groups: [group] });
    web = { id: eni.NetworkInterfaceId!, address: eni.PrivateIpAddress! };
    client = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
  });
  after(() => server.close());

  const probe = (...args: string[]) => runCli(['probe', '--endpoint', server.url, '--source', client, ...args]);

  it('prints an accepted flow as text and exits 0', async () => {
    const result = await probe('--destination', web.address, '--port', '443');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines[0], 'request ACCEPTED; reply ACCEPTED');
    assert.ok(lines.includes(`request security-group-ingress ${groupId} PASS rule ${ruleId}`), result.stdout);
  });

  it('prints a dropped flow as a table and exits 1', async () => {
    const result = await probe('--destination', web.id, '--port', '22', '--output', 'table');
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines[0], 'request DROPPED (ENI_SG_RULES_MISMATCH); reply not sent');
    assert.match(lines[1]!, /^DIRECTION\s+STEP\s+COMPONENT\s+OUTCOME\s+RULE\s+CODE$/);
    assert.match(lines.at(-1)!, new RegExp(`^request\\s+security-group-ingress\\s+${web.id}\\s+drop\\s+-\\s+ENI_SG_RULES_MISMATCH$`));
  });

  it('prints the endpoint’s JSON with --output json', async () => {
    const result = await probe('--destination', web.address, '--port', '443', '--output', 'json');
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as { accepted: boolean; reply: { accepted: boolean }; trace: unknown[] };
    assert.equal(answer.accepted, true);
    assert.equal(answer.reply.accepted, true);
    assert.ok(answer.trace.length > 0);
  });

  it('exits 2 when the probe fails: unknown ENI, bad option, no server', async () => {
    const unknown = await runCli(['probe', '--endpoint', server.url, '--source', 'eni-0123456789abcdef0', '--destination', web.address, '--port', '443']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /InvalidNetworkInterfaceID\.NotFound/);
    const missing = await runCli(['probe', '--endpoint', server.url, '--destination', web.address]);
    assert.equal(missing.code, 2);
    const badOutput = await probe('--destination', web.address, '--port', '443', '--output', 'yaml');
    assert.equal(badOutput.code, 2);
    const noServer = await runCli(['probe', '--endpoint', 'http://127.0.0.1:1', '--source', client, '--destination', web.address, '--port', '443']);
    assert.equal(noServer.code, 2);
    assert.match(noServer.stderr, /cannot reach/);
  });
});
