/**
 * Requests whose SQL behaves differently on SQLite and PostgreSQL unless the code takes care, end to end on the
 * engine of this run: filter values with the other engine's wildcard characters, integers no column can hold,
 * quotes and question marks in values, and Describe/Create races between concurrent requests.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { testEngine } from './helpers/test-store.js';

describe(`SQL that must mean the same on both engines (${testEngine()})`, () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const newVpc = async (cidr: string, name: string) => {
    const id = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name }] }));
    return id;
  };
  const vpcsMatching = async (filters: Filter[]) =>
    ((await ec2.send(new DescribeVpcsCommand({ Filters: filters }))).Vpcs ?? []).map((v) => v.Tags?.[0]?.Value).sort();

  it("takes % _ [ ] in filter values literally, with and without EC2's own wildcards", async () => {
    await newVpc('10.0.0.0/16', 'a_c');
    await newVpc('10.1.0.0/16', 'abc');
    await newVpc('10.2.0.0/16', '50%');
    await newVpc('10.3.0.0/16', '[x]'); // with the default VPC, the quota of 5 is reached
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: ['a_c'] }]), ['a_c']);
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: ['a_*'] }]), ['a_c']);
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: ['50%*'] }]), ['50%']);
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: ['[x]*'] }]), ['[x]']);
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: ['?bc'] }]), ['abc']);
  });

  it("keeps quotes and question marks in values as they were sent", async () => {
    const odd = `it's "?" -- /* ? */`;
    await newVpc('10.0.0.0/16', odd);
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: [odd] }]), [odd]);
    assert.deepEqual(await vpcsMatching([{ Name: 'tag:Name', Values: [`it's "\\?"*`] }]), [odd]);
  });

  it('matches nothing, rather than failing, for an integer filter value no column can hold', async () => {
    const { NetworkAcls } = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'entry.rule-number', Values: ['99999999999999999999'] }] }),
    );
    assert.deepEqual(NetworkAcls, []);
  });

  it('answers concurrent creates under a quota as if one came after the other', async () => {
    // The default VPC counts against the quota of 5 VPCs per region (vpcs.md); 8 creates race for 4 places.
    await ec2.send(new DescribeVpcsCommand({}));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }))),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(outcomes.length - refused.length, 4);
    for (const o of refused) {
      const e = await awsError(Promise.reject((o as PromiseRejectedResult).reason));
      assert.equal(e.code, 'VpcLimitExceeded');
    }
    assert.equal((await ec2.send(new DescribeVpcsCommand({}))).Vpcs!.length, 5);
  });

  it("gives an account that starts with many requests at once exactly one set of regional defaults", async () => {
    const fresh = server.client({ accessKeyId: '444455556666' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => fresh.send(new DescribeVpcsCommand({}))));
    for (const { Vpcs } of answers) {
      assert.equal(Vpcs!.length, 1);
      assert.equal(Vpcs![0]!.VpcId, answers[0]!.Vpcs![0]!.VpcId);
      assert.equal(Vpcs![0]!.IsDefault, true);
    }
  });
});
