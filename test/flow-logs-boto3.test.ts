/**
 * Flow logs and the CloudWatch Logs subset as a boto3 user drives them: the EC2 actions (create, describe with
 * filters and paginator, delete), then the logs client's group management and its errors in the Logs JSON shape.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { awsEnv, run } from './helpers/subprocess.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

const PRELUDE = `import boto3, botocore, json, sys
kw = dict(endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
ec2 = boto3.client('ec2', **kw)
logs = boto3.client('logs', **kw)
def error_of(call, **args):
    try:
        call(**args)
    except botocore.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
    return None
`;

async function boto3(url: string, script: string, ...args: string[]): Promise<any> {
  const result = await run('python3', ['-c', PRELUDE + script, url, ...args], awsEnv(CREDENTIALS));
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('flow logs and CloudWatch Logs through boto3', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());

  it('creates, describes, pages and deletes flow logs', async () => {
    const { vpcId, subnetId } = await vpcWithSubnet(ec2, '10.1.0.0/16', '10.1.1.0/24');
    const eniId = (await eniInSubnet(ec2, subnetId)).NetworkInterfaceId!;
    const out = await boto3(
      server.url,
      `vpc, subnet, eni = sys.argv[2:5]
role = 'arn:aws:iam::123456789012:role/fl'
a = ec2.create_flow_logs(ResourceType='VPC', ResourceIds=[vpc], TrafficType='ALL', LogGroupName='g1', DeliverLogsPermissionArn=role,
    TagSpecifications=[{'ResourceType': 'vpc-flow-log', 'Tags': [{'Key': 'Name', 'Value': 'vpc-flows'}]}])
b = ec2.create_flow_logs(ResourceType='Subnet', ResourceIds=[subnet, 'subnet-0000000000000000a'], TrafficType='REJECT',
    LogDestinationType='s3', LogDestination='arn:aws:s3:::bucket-b/prefix/', MaxAggregationInterval=60)
c = ec2.create_flow_logs(ResourceType='NetworkInterface', ResourceIds=[eni], TrafficType='ACCEPT',
    LogDestination='arn:aws:logs:us-east-1:123456789012:log-group:g2', DeliverLogsPermissionArn=role,
    LogFormat='\${version} \${interface-id} \${tcp-flags}')
pages = [p['FlowLogs'] for p in ec2.get_paginator('describe_flow_logs').paginate(PaginationConfig={'PageSize': 5})]
flows = [f for page in pages for f in page]
filtered = ec2.describe_flow_logs(Filters=[{'Name': 'log-destination-type', 'Values': ['cloud-watch-logs']}])['FlowLogs']
by_name = ec2.describe_flow_logs(Filters=[{'Name': 'tag:Name', 'Values': ['vpc-flows']}])['FlowLogs']
deleted = ec2.delete_flow_logs(FlowLogIds=[a['FlowLogIds'][0], 'fl-0000000000000000a'])
after = ec2.describe_flow_logs()['FlowLogs']
bad = error_of(ec2.create_flow_logs, ResourceType='VPC', ResourceIds=[vpc], TrafficType='ALL', LogGroupName='g', LogDestination='arn:aws:logs:us-east-1:123456789012:log-group:g', DeliverLogsPermissionArn=role)
interval = error_of(ec2.create_flow_logs, ResourceType='VPC', ResourceIds=[vpc], TrafficType='ALL', LogGroupName='g', DeliverLogsPermissionArn=role, MaxAggregationInterval=120)
print(json.dumps({
  'created': [len(a['FlowLogIds']), len(b['FlowLogIds']), len(c['FlowLogIds'])],
  'unsuccessful': [(u['ResourceId'], u['Error']['Code']) for u in b['Unsuccessful']],
  'flows': [(f['ResourceId'], f['TrafficType'], f['LogDestinationType'], f.get('LogGroupName'), f['MaxAggregationInterval'], f['LogFormat']) for f in flows],
  'filtered': sorted(f['LogGroupName'] for f in filtered),
  'by_name': [f['FlowLogId'] for f in by_name] == a['FlowLogIds'],
  'deleted': [(u['ResourceId'], u['Error']['Code']) for u in deleted['Unsuccessful']],
  'after': len(after),
  'errors': [bad, interval],
}, default=str))`,
      vpcId,
      subnetId,
      eniId,
    );
    assert.deepEqual(out.created, [1, 1, 1]);
    assert.deepEqual(out.unsuccessful, [['subnet-0000000000000000a', 'InvalidSubnetID.NotFound']]);
    const defaultFormat =
      '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';
    assert.deepEqual(out.flows, [
      [vpcId, 'ALL', 'cloud-watch-logs', 'g1', 600, defaultFormat],
      [subnetId, 'REJECT', 's3', null, 60, defaultFormat],
      [eniId, 'ACCEPT', 'cloud-watch-logs', 'g2', 600, '${version} ${interface-id} ${tcp-flags}'],
    ]);
    assert.deepEqual(out.filtered, ['g1', 'g2']);
    assert.equal(out.by_name, true);
    assert.deepEqual(out.deleted, [['fl-0000000000000000a', 'InvalidFlowLogId.NotFound']]);
    assert.equal(out.after, 2);
    assert.deepEqual(out.errors, [['InvalidParameter', 400], ['InvalidParameterValue', 400]]);
  });

  it('manages log groups and answers Logs errors in the JSON shape', async () => {
    const out = await boto3(
      server.url,
      `logs.create_log_group(logGroupName='/app/one')
logs.create_log_group(logGroupName='/app/two')
logs.create_log_group(logGroupName='other')
names = [g['logGroupName'] for p in logs.get_paginator('describe_log_groups').paginate(logGroupNamePrefix='/app/', PaginationConfig={'PageSize': 1}) for g in p['logGroups']]
errors = {
  'exists': error_of(logs.create_log_group, logGroupName='/app/one'),
  'bad_name': error_of(logs.create_log_group, logGroupName='has space'),
  'delete_missing': error_of(logs.delete_log_group, logGroupName='missing'),
  'streams_missing': error_of(logs.describe_log_streams, logGroupName='missing'),
  'events_missing_group': error_of(logs.get_log_events, logGroupName='missing', logStreamName='s'),
  'events_missing_stream': error_of(logs.get_log_events, logGroupName='other', logStreamName='s'),
  'filter_missing': error_of(logs.filter_log_events, logGroupName='missing'),
  'filter_both': error_of(logs.filter_log_events, logGroupName='other', logStreamNames=['a'], logStreamNamePrefix='a'),
  'order_with_prefix': error_of(logs.describe_log_streams, logGroupName='other', logStreamNamePrefix='a', orderBy='LastEventTime'),
}
logs.delete_log_group(logGroupName='/app/two')
left = [g['logGroupName'] for g in logs.describe_log_groups()['logGroups']]
empty = logs.filter_log_events(logGroupName='other')['events']
streams = logs.describe_log_streams(logGroupName='other')['logStreams']
print(json.dumps({'names': names, 'errors': errors, 'left': left, 'empty': empty, 'streams': streams}))`,
    );
    assert.deepEqual(out.names, ['/app/one', '/app/two']);
    assert.deepEqual(out.errors, {
      exists: ['ResourceAlreadyExistsException', 400],
      bad_name: ['InvalidParameterException', 400],
      delete_missing: ['ResourceNotFoundException', 400],
      streams_missing: ['ResourceNotFoundException', 400],
      events_missing_group: ['ResourceNotFoundException', 400],
      events_missing_stream: ['ResourceNotFoundException', 400],
      filter_missing: ['ResourceNotFoundException', 400],
      filter_both: ['InvalidParameterException', 400],
      order_with_prefix: ['InvalidParameterException', 400],
    });
    assert.deepEqual(out.left, ['/app/one', 'other']);
    assert.deepEqual(out.empty, []);
    assert.deepEqual(out.streams, []);
  });

  it('keeps log groups to each account', async () => {
    const script = `logs.create_log_group(logGroupName='mine')
print(json.dumps([g['logGroupName'] for g in logs.describe_log_groups(logGroupNamePrefix='mine')['logGroups']]))`;
    const other = await run('python3', ['-c', PRELUDE.replaceAll("aws_access_key_id='test'", "aws_access_key_id='111122223333'") + script, server.url], awsEnv(CREDENTIALS));
    assert.equal(other.code, 0, other.stderr);
    assert.deepEqual(JSON.parse(other.stdout), ['mine']);
    const mine = await boto3(server.url, `print(json.dumps(error_of(logs.delete_log_group, logGroupName='mine')))`);
    assert.deepEqual(mine, ['ResourceNotFoundException', 400]);
  });
});
