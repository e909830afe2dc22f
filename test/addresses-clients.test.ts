import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './helpers/server.js';

const run = promisify(execFile);

/** Allocate, associate to an ENI's secondary IP, reassociate, disassociate, release - as a boto3 user does it. */
const JOURNEY = `
import boto3, json, sys
from botocore.exceptions import ClientError
ec2 = boto3.client('ec2', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
def code(call, **kw):
    try:
        call(**kw)
        return None
    except ClientError as e:
        return e.response['Error']['Code']
subnet = ec2.describe_subnets(Filters=[{'Name': 'default-for-az', 'Values': ['true']}])['Subnets'][0]['SubnetId']
web = ec2.create_network_interface(SubnetId=subnet, SecondaryPrivateIpAddressCount=1)['NetworkInterface']
standby = ec2.create_network_interface(SubnetId=subnet, SecondaryPrivateIpAddressCount=1)['NetworkInterface']
secondary = [p['PrivateIpAddress'] for p in web['PrivateIpAddresses'] if not p['Primary']][0]
standby_secondary = [p['PrivateIpAddress'] for p in standby['PrivateIpAddresses'] if not p['Primary']][0]
eip = ec2.allocate_address(Domain='vpc', TagSpecifications=[{'ResourceType': 'elastic-ip', 'Tags': [{'Key': 'Scenario', 'Value': 'journey'}]}])
first = ec2.associate_address(AllocationId=eip['AllocationId'], NetworkInterfaceId=web['NetworkInterfaceId'], PrivateIpAddress=secondary)
by_assoc = ec2.describe_addresses(Filters=[{'Name': 'association-id', 'Values': [first['AssociationId']]}])['Addresses']
second = ec2.associate_address(AllocationId=eip['AllocationId'], NetworkInterfaceId=standby['NetworkInterfaceId'], PrivateIpAddress=standby_secondary)
web_now = ec2.describe_network_interfaces(NetworkInterfaceIds=[web['NetworkInterfaceId']])['NetworkInterfaces'][0]
standby_now = ec2.describe_network_interfaces(NetworkInterfaceIds=[standby['NetworkInterfaceId']])['NetworkInterfaces'][0]
moved = ec2.describe_addresses(AllocationIds=[eip['AllocationId']])['Addresses'][0]
ec2.disassociate_address(AssociationId=second['AssociationId'])
repeat = code(ec2.disassociate_address, AssociationId=second['AssociationId'])
never = code(ec2.disassociate_address, AssociationId='eipassoc-0123456789abcdef0')
loose = ec2.describe_addresses(Filters=[{'Name': 'tag:Scenario', 'Values': ['journey']}])['Addresses'][0]
ec2.release_address(AllocationId=eip['AllocationId'])
print(json.dumps({
    'publicIp': eip['PublicIp'], 'allocationId': eip['AllocationId'], 'secondary': secondary,
    'firstFound': [(a['AllocationId'], a['PrivateIpAddress'], a['NetworkInterfaceId']) for a in by_assoc],
    'webAssociations': [p.get('Association') for p in web_now['PrivateIpAddresses']],
    'standbyAssociation': [p.get('Association', {}).get('PublicIp') for p in standby_now['PrivateIpAddresses'] if p['PrivateIpAddress'] == standby_secondary][0],
    'moved': [moved.get('AssociationId'), moved.get('NetworkInterfaceId'), moved.get('PrivateIpAddress')],
    'secondAssociation': second['AssociationId'], 'standby': standby['NetworkInterfaceId'], 'standbySecondary': standby_secondary,
    'repeat': repeat, 'never': never, 'loose': [loose.get('AssociationId'), loose['Tags']],
    'releasedAgain': code(ec2.release_address, AllocationId=eip['AllocationId']),
    'left': ec2.describe_addresses()['Addresses'],
    'web': web['NetworkInterfaceId'],
}))
`;

describe('Elastic IPs through boto3 and the AWS CLI', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('boto3: allocate, associate to a secondary IP, reassociate, disassociate, release', async () => {
    const out = JSON.parse((await run('python3', ['-c', JOURNEY, server.url])).stdout);
    assert.deepEqual(out.firstFound, [[out.allocationId, out.secondary, out.web]]);
    assert.deepEqual(out.webAssociations, [null, null], 'reassociation took the address off the first ENI');
    assert.equal(out.standbyAssociation, out.publicIp);
    assert.deepEqual(out.moved, [out.secondAssociation, out.standby, out.standbySecondary]);
    assert.equal(out.repeat, null, 'DisassociateAddress is idempotent');
    assert.equal(out.never, 'InvalidAssociationID.NotFound');
    assert.deepEqual(out.loose, [null, [{ Key: 'Scenario', Value: 'journey' }]]);
    assert.equal(out.releasedAgain, 'InvalidAllocationID.NotFound');
    assert.deepEqual(out.left, []);
  });

  it('AWS CLI: allocate-address, describe-addresses by tag and by id', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'cli', AWS_SECRET_ACCESS_KEY: 'cli', AWS_DEFAULT_REGION: 'eu-west-1' };
    const cli = async (...args: string[]) =>
      JSON.parse((await run('aws', ['ec2', ...args, '--endpoint-url', server.url, '--output', 'json'], { env })).stdout);
    const eip = await cli('allocate-address', '--domain', 'vpc', '--tag-specifications', 'ResourceType=elastic-ip,Tags=[{Key=Scenario,Value=cli}]');
    assert.equal(eip.NetworkBorderGroup, 'eu-west-1');
    const byTag = await cli('describe-addresses', '--filters', 'Name=tag:Scenario,Values=cli');
    assert.deepEqual(byTag.Addresses.map((a: { AllocationId: string }) => a.AllocationId), [eip.AllocationId]);
    const byId = await cli('describe-addresses', '--allocation-ids', eip.AllocationId);
    assert.equal(byId.Addresses[0].PublicIp, eip.PublicIp);
    const failure = await run('aws', ['ec2', 'describe-addresses', '--allocation-ids', 'eipalloc-0123456789abcdef0', '--endpoint-url', server.url], { env }).catch(
      (e: { stderr: string }) => e,
    );
    assert.match((failure as { stderr: string }).stderr, /InvalidAllocationID\.NotFound/);
  });
});
