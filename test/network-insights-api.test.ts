import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateNetworkInsightsPathCommand,
  CreateTagsCommand,
  DeleteNetworkInsightsAnalysisCommand,
  DeleteNetworkInsightsPathCommand,
  DescribeNetworkInsightsAnalysesCommand,
  DescribeNetworkInsightsPathsCommand,
  StartNetworkInsightsAnalysisCommand,
  type DescribeNetworkInsightsAnalysesCommandInput,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { awsEnv, run } from './helpers/subprocess.js';

describe('Reachability Analyzer API', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let eniId: string;
  let otherEniId: string;
  let gatewayId: string;
  const path = (input: Record<string, unknown>) =>
    ec2.send(new CreateNetworkInsightsPathCommand({ Source: eniId, Destination: otherEniId, Protocol: 'tcp', ...input }));

  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());
  beforeEach(async () => {
    await server.reset();
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.1.0.0/16', '10.1.0.0/24');
    eniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    otherEniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    gatewayId = await attachNewGateway(ec2, vpcId);
  });

  it('creates a path with its id, ARN, ends as ids and ARNs, filters and tags', async () => {
    const account = (await path({})).NetworkInsightsPath!.NetworkInsightsPathArn!.split(':')[4]!;
    const { NetworkInsightsPath: created } = await path({
      Destination: `arn:aws:ec2:us-east-1:${account}:internet-gateway/${gatewayId}`,
      FilterAtSource: { DestinationPortRange: { FromPort: 80, ToPort: 443 }, SourceAddress: '10.1.0.9' },
      TagSpecifications: [{ ResourceType: 'network-insights-path', Tags: [{ Key: 'Name', Value: 'web' }] }],
    });
    const p = created!;
    assert.match(p.NetworkInsightsPathId!, /^nip-[0-9a-f]{17}$/);
    assert.match(p.NetworkInsightsPathArn!, new RegExp(`^arn:aws:ec2:us-east-1:\\d{12}:network-insights-path/${p.NetworkInsightsPathId}$`));
    assert.equal(p.Source, eniId);
    assert.match(p.SourceArn!, /:network-interface\/eni-/);
    assert.equal(p.Destination, gatewayId);
    assert.match(p.DestinationArn!, /:internet-gateway\/igw-/);
    assert.equal(p.Protocol, 'tcp');
    assert.deepEqual(p.FilterAtSource, { SourceAddress: '10.1.0.9', DestinationPortRange: { FromPort: 80, ToPort: 443 } });
    assert.deepEqual(p.Tags, [{ Key: 'Name', Value: 'web' }]);
    assert.ok(p.CreatedDate instanceof Date);
    const described = await ec2.send(new DescribeNetworkInsightsPathsCommand({ NetworkInsightsPathIds: [p.NetworkInsightsPathId!] }));
    assert.deepEqual(described.NetworkInsightsPaths, [p]);
  });

  it('takes an ARN for the source in the caller\'s account and region only', async () => {
    const account = (await path({})).NetworkInsightsPath!.NetworkInsightsPathArn!.split(':')[4]!;
    const byArn = await path({ Source: `arn:aws:ec2:us-east-1:${account}:network-interface/${eniId}` });
    assert.equal(byArn.NetworkInsightsPath!.Source, eniId);
    const elsewhere = await awsError(path({ Source: `arn:aws:ec2:eu-west-1:${account}:network-interface/${eniId}` }));
    assert.equal(elsewhere.code, 'InvalidParameterValue');
  });

  it('validates: protocol, filter combinations, addresses, ports, unknown ends with their own NotFound', async () => {
    assert.equal((await awsError(path({ Protocol: 'icmp' }))).code, 'InvalidParameterValue');
    assert.equal((await awsError(path({ SourceIp: '10.1.0.5', FilterAtSource: { SourceAddress: '10.1.0.6' } }))).code, 'InvalidParameterCombination');
    assert.equal((await awsError(path({ DestinationPort: 22, FilterAtSource: { SourceAddress: '10.1.0.6' } }))).code, 'InvalidParameterCombination');
    assert.equal((await awsError(path({ DestinationIp: '10.1.0.5', FilterAtDestination: { SourceAddress: '10.1.0.6' } }))).code, 'InvalidParameterCombination');
    assert.equal((await awsError(path({ SourceIp: '10.1.0' }))).code, 'InvalidParameterValue');
    assert.equal((await awsError(path({ DestinationPort: 70000 }))).code, 'InvalidParameterValue');
    assert.equal((await awsError(path({ Source: 'eni-0123456789abcdef0' }))).code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal((await awsError(path({ Destination: 'i-0123456789abcdef0' }))).code, 'InvalidInstanceID.NotFound');
    assert.equal((await awsError(path({ Destination: 'igw-0123456789abcdef0' }))).code, 'InvalidInternetGatewayID.NotFound');
    assert.equal((await awsError(path({ Source: 'vpc-0123456789abcdef0' }))).code, 'InvalidParameterValue');
    // FilterAtDestination may sit with SourceIp and DestinationPort.
    await path({ SourceIp: '10.1.0.5', DestinationPort: 22, FilterAtDestination: { SourceAddress: '10.1.0.6' } });
  });

  it('filters paths by source, destination, protocol and the filter members; pages them', async () => {
    const a = (await path({ FilterAtSource: { DestinationPortRange: { FromPort: 443, ToPort: 443 } } })).NetworkInsightsPath!.NetworkInsightsPathId!;
    const b = (await path({ Protocol: 'udp', Source: otherEniId, Destination: eniId })).NetworkInsightsPath!.NetworkInsightsPathId!;
    const c = (await path({ Destination: gatewayId, FilterAtDestination: { SourceAddress: '10.1.0.7' } })).NetworkInsightsPath!.NetworkInsightsPathId!;
    const find = async (Name: string, Values: string[]) =>
      ((await ec2.send(new DescribeNetworkInsightsPathsCommand({ Filters: [{ Name, Values }] }))).NetworkInsightsPaths ?? []).map((p) => p.NetworkInsightsPathId);
    assert.deepEqual(await find('source', [eniId]), [a, c]);
    assert.deepEqual(await find('destination', [gatewayId]), [c]);
    assert.deepEqual(await find('protocol', ['udp']), [b]);
    assert.deepEqual(await find('filter-at-source.destination-port-range', ['443-443']), [a]);
    assert.deepEqual(await find('filter-at-destination.source-address', ['10.1.0.*']), [c]);
    assert.equal((await awsError(find('no-such-filter', ['x']))).code, 'InvalidParameterValue');
    const first = await ec2.send(new DescribeNetworkInsightsPathsCommand({ MaxResults: 2 }));
    assert.deepEqual(first.NetworkInsightsPaths!.map((p) => p.NetworkInsightsPathId), [a, b]);
    const second = await ec2.send(new DescribeNetworkInsightsPathsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.NetworkInsightsPaths!.map((p) => p.NetworkInsightsPathId), [c]);
    assert.equal(second.NextToken, undefined);
    await ec2.send(new CreateTagsCommand({ Resources: [b], Tags: [{ Key: 'team', Value: 'net' }] }));
    assert.deepEqual(await find('tag:team', ['net']), [b]);
  });

  it('starts analyses, filters them, and refuses to delete a path that has some', async () => {
    const pathId = (await path({ DestinationPort: 22 })).NetworkInsightsPath!.NetworkInsightsPathId!;
    const started = await ec2.send(new StartNetworkInsightsAnalysisCommand({
      NetworkInsightsPathId: pathId,
      // A component the path does not cross: avoiding it changes nothing.
      FilterOutArns: ['arn:aws:ec2:us-east-1:000000000000:security-group/sg-0123456789abcdef0'],
      TagSpecifications: [{ ResourceType: 'network-insights-analysis', Tags: [{ Key: 'run', Value: '1' }] }],
    }));
    const analysis = started.NetworkInsightsAnalysis!;
    assert.match(analysis.NetworkInsightsAnalysisId!, /^nia-[0-9a-f]{17}$/);
    assert.match(analysis.NetworkInsightsAnalysisArn!, /:network-insights-analysis\/nia-/);
    assert.equal(analysis.Status, 'running');
    assert.equal(analysis.NetworkInsightsPathId, pathId);
    assert.deepEqual(analysis.Tags, [{ Key: 'run', Value: '1' }]);
    assert.equal(analysis.FilterOutArns!.length, 1);
    const id = analysis.NetworkInsightsAnalysisId!;
    const list = async (input: DescribeNetworkInsightsAnalysesCommandInput) =>
      ((await ec2.send(new DescribeNetworkInsightsAnalysesCommand(input))).NetworkInsightsAnalyses ?? []).map((a) => a.NetworkInsightsAnalysisId);
    // Both ENIs have the default group (ingress from itself, egress anywhere): reachable.
    assert.deepEqual(await list({ Filters: [{ Name: 'path-found', Values: ['true'] }] }), [id]);
    assert.deepEqual(await list({ Filters: [{ Name: 'path-found', Values: ['false'] }] }), []);
    assert.deepEqual(await list({ Filters: [{ Name: 'status', Values: ['succeeded'] }] }), [id]);
    assert.deepEqual(await list({ NetworkInsightsPathId: pathId }), [id]);
    assert.deepEqual(await list({ AnalysisStartTime: new Date(Date.now() - 60_000) }), [id]);
    assert.deepEqual(await list({ AnalysisEndTime: new Date(Date.now() - 60_000) }), []);

    const refused = await awsError(ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: pathId })));
    assert.equal(refused.code, 'AnalysisExistsForNetworkInsightsPath');
    const deleted = await ec2.send(new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: id }));
    assert.equal(deleted.NetworkInsightsAnalysisId, id);
    assert.equal((await ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: pathId }))).NetworkInsightsPathId, pathId);
    assert.equal((await awsError(ec2.send(new DescribeNetworkInsightsPathsCommand({ NetworkInsightsPathIds: [pathId] })))).code, 'InvalidNetworkInsightsPathId.NotFound');
  });

  it('answers NotFound for unknown paths and analyses', async () => {
    const missingPath = 'nip-0123456789abcdef0';
    const missingAnalysis = 'nia-0123456789abcdef0';
    // One call at a time: a call made before the previous failure was awaited would reject unobserved.
    for (const call of [
      () => ec2.send(new StartNetworkInsightsAnalysisCommand({ NetworkInsightsPathId: missingPath })),
      () => ec2.send(new DeleteNetworkInsightsPathCommand({ NetworkInsightsPathId: missingPath })),
      () => ec2.send(new DescribeNetworkInsightsPathsCommand({ NetworkInsightsPathIds: [missingPath] })),
    ]) {
      assert.equal((await awsError(call())).code, 'InvalidNetworkInsightsPathId.NotFound');
    }
    for (const call of [
      () => ec2.send(new DeleteNetworkInsightsAnalysisCommand({ NetworkInsightsAnalysisId: missingAnalysis })),
      () => ec2.send(new DescribeNetworkInsightsAnalysesCommand({ NetworkInsightsAnalysisIds: [missingAnalysis] })),
    ]) {
      assert.equal((await awsError(call())).code, 'InvalidNetworkInsightsAnalysisId.NotFound');
    }
  });

  it('ClientToken: the same token and request give the same path', async () => {
    const first = await path({ ClientToken: 'token-1' });
    const again = await path({ ClientToken: 'token-1' });
    assert.equal(again.NetworkInsightsPath!.NetworkInsightsPathId, first.NetworkInsightsPath!.NetworkInsightsPathId);
  });

  it('boto3: create a path, start an analysis, read the verdict and explanations', async () => {
    const script = `
import boto3, json, sys
ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
p = ec2.create_network_insights_path(Source=sys.argv[2], Destination=sys.argv[3], Protocol='tcp', DestinationPort=5432)['NetworkInsightsPath']
a = ec2.start_network_insights_analysis(NetworkInsightsPathId=p['NetworkInsightsPathId'])['NetworkInsightsAnalysis']
d = ec2.describe_network_insights_analyses(NetworkInsightsAnalysisIds=[a['NetworkInsightsAnalysisId']])['NetworkInsightsAnalyses'][0]
try:
    ec2.delete_network_insights_path(NetworkInsightsPathId=p['NetworkInsightsPathId'])
    refused = None
except Exception as e:
    refused = e.response['Error']['Code']
print(json.dumps({'started': a['Status'], 'status': d['Status'], 'found': d['NetworkPathFound'],
  'codes': [e['ExplanationCode'] for e in d.get('Explanations', [])], 'pathId': d['NetworkInsightsPathId'] == p['NetworkInsightsPathId'],
  'forward': [c['Component']['Id'] for c in d['ForwardPathComponents']], 'refused': refused}))
`;
    const out = JSON.parse((await run('python3', ['-c', script, server.url, eniId, gatewayId], awsEnv({ accessKeyId: 'test', secretAccessKey: 'test' }))).stdout);
    assert.equal(out.started, 'running');
    assert.equal(out.status, 'succeeded');
    assert.equal(out.found, false);
    assert.deepEqual(out.codes, ['NO_ROUTE_TO_DESTINATION'], 'the main route table has only the local route');
    assert.equal(out.pathId, true);
    assert.equal(out.forward[0], eniId);
    assert.equal(out.refused, 'AnalysisExistsForNetworkInsightsPath');
  });
});
