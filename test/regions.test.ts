import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('DescribeRegions', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());

  it('lists every region with its endpoint and opt-in status, whatever region the caller signs for', async () => {
    const { Regions } = await ec2.send(new DescribeRegionsCommand({}));
    assert.equal(Regions!.length, 16);
    assert.deepEqual(Regions!.find((r) => r.RegionName === 'eu-west-1'), {
      RegionName: 'eu-west-1',
      Endpoint: 'ec2.eu-west-1.amazonaws.com',
      OptInStatus: 'opt-in-not-required',
    });
    const fromTokyo = await server.client({ region: 'ap-northeast-1' }).send(new DescribeRegionsCommand({}));
    assert.deepEqual(fromTokyo.Regions, Regions);
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    assert.deepEqual(all.Regions, Regions, 'no region needs opting in');
  });

  it('describes the regions named by RegionName.N and refuses unknown names', async () => {
    const { Regions } = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['us-west-2', 'us-east-1'] }));
    assert.deepEqual(Regions!.map((r) => r.RegionName).sort(), ['us-east-1', 'us-west-2']);
    const e = await awsError(ec2.send(new DescribeRegionsCommand({ RegionNames: ['us-east-1', 'us--east-1'] })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, 'Invalid region: [us--east-1]');
    assert.equal(e.status, 400);
  });

  it('filters by region-name, endpoint and opt-in-status, with wildcards', async () => {
    const eu = await ec2.send(new DescribeRegionsCommand({ Filters: [{ Name: 'region-name', Values: ['eu-*'] }] }));
    assert.deepEqual(eu.Regions!.map((r) => r.RegionName).sort(), [
      'eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
    ]);
    const byEndpoint = await ec2.send(
      new DescribeRegionsCommand({ Filters: [{ Name: 'endpoint', Values: ['ec2.us-east-?.amazonaws.com'] }] }),
    );
    assert.deepEqual(byEndpoint.Regions!.map((r) => r.RegionName).sort(), ['us-east-1', 'us-east-2']);
    const optIn = await ec2.send(new DescribeRegionsCommand({ Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] }));
    assert.deepEqual(optIn.Regions, []);
    const both = await ec2.send(
      new DescribeRegionsCommand({
        RegionNames: ['us-east-1', 'eu-west-1'],
        Filters: [{ Name: 'region-name', Values: ['eu-west-1', 'sa-east-1'] }],
      }),
    );
    assert.deepEqual(both.Regions!.map((r) => r.RegionName), ['eu-west-1'], 'names and filters intersect');
    const e = await awsError(ec2.send(new DescribeRegionsCommand({ Filters: [{ Name: 'zone-name', Values: ['x'] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
    assert.equal(e.message, "The filter 'zone-name' is invalid");
  });

  it('answers DryRunOperation for a dry run', async () => {
    const e = await awsError(ec2.send(new DescribeRegionsCommand({ DryRun: true })));
    assert.equal(e.code, 'DryRunOperation');
    assert.equal(e.status, 412);
  });
});

describe('DescribeAvailabilityZones', () => {
  let server: TestServer;
  let ec2: EC2Client;
  before(async () => {
    server = await startTestServer();
    ec2 = server.client();
  });
  after(() => server.close());

  it('lists the zones of the caller\'s region only, each with the full shape', async () => {
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(
      AvailabilityZones!.map((z) => z.ZoneName),
      ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'],
    );
    assert.deepEqual(AvailabilityZones![2], {
      ZoneName: 'us-east-1c',
      ZoneId: 'use1-az3',
      State: 'available',
      OptInStatus: 'opt-in-not-required',
      Messages: [],
      RegionName: 'us-east-1',
      GroupName: 'us-east-1-zg-1',
      GroupLongName: 'US East (N. Virginia) 1',
      NetworkBorderGroup: 'us-east-1',
      ZoneType: 'availability-zone',
    });
    const ireland = await server.client({ region: 'eu-west-1' }).send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(ireland.AvailabilityZones!.map((z) => z.ZoneName), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    assert.ok(ireland.AvailabilityZones!.every((z) => z.RegionName === 'eu-west-1' && z.ZoneId!.startsWith('euw1-az')));
  });

  it('describes zones named by ZoneName.N or ZoneId.N', async () => {
    const byName = await ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1b'] }));
    assert.deepEqual(byName.AvailabilityZones!.map((z) => z.ZoneId), ['use1-az2']);
    const byId = await ec2.send(new DescribeAvailabilityZonesCommand({ ZoneIds: ['use1-az4', 'use1-az1'] }));
    assert.deepEqual(byId.AvailabilityZones!.map((z) => z.ZoneName), ['us-east-1a', 'us-east-1d']);
    const all = await ec2.send(new DescribeAvailabilityZonesCommand({ AllAvailabilityZones: true }));
    assert.equal(all.AvailabilityZones!.length, 6, 'there are no Local or Wavelength Zones');
  });

  it('refuses a zone that is not in the caller\'s region', async () => {
    for (const zone of ['us-east-1z', 'us-west-2a']) {
      const e = await awsError(ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: [zone] })));
      assert.equal(e.code, 'InvalidParameterValue', zone);
      assert.equal(e.message, `Invalid availability zone: [${zone}]`);
    }
    const e = await awsError(ec2.send(new DescribeAvailabilityZonesCommand({ ZoneIds: ['usw2-az1'] })));
    assert.equal(e.code, 'InvalidParameterValue');
  });

  it('supports every filter of the spec, with wildcards', async () => {
    const names = async (name: string, values: string[]) =>
      (await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: name, Values: values }] })))
        .AvailabilityZones!.map((z) => z.ZoneName);
    assert.deepEqual(await names('zone-name', ['us-east-1a', 'us-east-1f']), ['us-east-1a', 'us-east-1f']);
    assert.deepEqual(await names('zone-id', ['use1-az?']), await names('state', ['available']));
    assert.equal((await names('state', ['available'])).length, 6);
    assert.deepEqual(await names('state', ['impaired']), []);
    assert.equal((await names('region-name', ['us-east-1'])).length, 6);
    assert.deepEqual(await names('region-name', ['us-west-2']), []);
    assert.equal((await names('zone-type', ['availability-zone'])).length, 6);
    assert.deepEqual(await names('zone-type', ['local-zone']), []);
    assert.equal((await names('opt-in-status', ['opt-in-not-required'])).length, 6);
    assert.equal((await names('group-name', ['us-east-1-zg-1'])).length, 6);
    assert.equal((await names('group-long-name', ['US East*'])).length, 6);
    assert.deepEqual(await names('message', ['*']), [], 'no zone has messages');
    assert.deepEqual(await names('parent-zone-name', ['*']), [], 'Availability Zones have no parent zone');
    assert.deepEqual(await names('parent-zone-id', ['*']), []);
    const combined = await ec2.send(
      new DescribeAvailabilityZonesCommand({
        ZoneNames: ['us-east-1a', 'us-east-1b'],
        Filters: [{ Name: 'zone-id', Values: ['use1-az2', 'use1-az5'] }],
      }),
    );
    assert.deepEqual(combined.AvailabilityZones!.map((z) => z.ZoneName), ['us-east-1b']);
    const e = await awsError(ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'endpoint', Values: ['x'] }] })));
    assert.equal(e.code, 'InvalidParameterValue');
    const tooLong = await awsError(
      ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-name', Values: ['a'.repeat(256)] }] })),
    );
    assert.equal(tooLong.code, 'FilterLimitExceeded');
  });
});
