/**
 * The console in a real browser (Debian's chromium through playwright-core), driven by label: create an ENI with
 * the form, attach it to an instance, move it to another, delete it; every result checked through the EC2 API.
 * A refused action shows AWS's own error code and message. Screenshots: test-results/console-*.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  CreateNetworkInterfaceCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openConsole, pageErrors, screenshot } from './helpers/browser.js';
import { noticeContaining, openAction, shownError, submitDialog } from './helpers/console-page.js';
import { createNetwork, describeEni, runOne, type TestNetwork } from './helpers/instance-fixtures.js';
import { newGroup } from './helpers/security-groups.js';
import { attachNewGateway, eniInSubnet } from './helpers/network.js';
import { awsError, startTestServer, type TestServer } from './helpers/server.js';

describe('console: the network interface journey in a browser', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let browser: Browser;
  let page: Page;
  let network: TestNetwork;
  let web: string;
  let first: string;
  let second: string;
  let eniId: string;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    ec2 = server.client();
    network = await createNetwork(ec2, 41);
    web = await newGroup(ec2, 'web', network.vpcId);
    first = await runOne(ec2, { SubnetId: network.subnetA });
    second = await runOne(ec2, { SubnetId: network.subnetA2 });
    page = await openConsole(browser, server.url);
  });
  after(async () => {
    assert.deepEqual(pageErrors(page).map(String), [], 'the page threw no errors');
    await browser?.close();
    await server?.close();
  });

  it('creates an ENI through the form, every field found by its AWS console label', async () => {
    await page.getByRole('button', { name: 'Create network interface' }).click();
    await page.getByRole('heading', { name: 'Create network interface' }).waitFor();
    await page.getByLabel('Description').fill('made in the console');
    await page.getByLabel('Subnet', { exact: true }).selectOption(network.subnetA);
    const groups = page.getByRole('group', { name: 'Security groups' });
    await groups.getByLabel(`web (${web})`).check();
    const ipv4 = page.getByRole('group', { name: 'Private IPv4 address' });
    await ipv4.getByLabel('Custom').check();
    await page.getByLabel('IPv4 address', { exact: true }).fill('10.41.1.50');
    await page.getByRole('group', { name: 'IPv6 address' }).getByLabel('None').check();
    assert.equal(await page.getByLabel('Elastic Fabric Adapter').isChecked(), false);
    await page.getByLabel('Tag 1 key').fill('Name');
    await page.getByLabel('Tag 1 value').fill('console-eni');
    await screenshot(page, 'console-create-form');
    await page.getByRole('button', { name: 'Create network interface' }).click();

    const notice = await noticeContaining(page, 'Successfully created network interface');
    eniId = /eni-[0-9a-f]+/.exec(notice)![0];
    await page.getByRole('heading', { name: `${eniId} (console-eni)` }).waitFor();
    const eni = await describeEni(ec2, eniId);
    assert.equal(eni.SubnetId, network.subnetA);
    assert.equal(eni.PrivateIpAddress, '10.41.1.50');
    assert.equal(eni.Description, 'made in the console');
    assert.deepEqual(eni.Groups!.map((g) => g.GroupId), [web]);
    assert.deepEqual(eni.TagSet, [{ Key: 'Name', Value: 'console-eni' }]);
    assert.equal(eni.InterfaceType, 'interface');
    await screenshot(page, 'console-eni-details');
  });

  it('shows AWS’s error when the form asks for an address outside the subnet', async () => {
    await page.goto(`${server.url}/console/#/enis/create`);
    await page.getByLabel('Subnet', { exact: true }).selectOption(network.subnetA);
    await page.getByRole('group', { name: 'Private IPv4 address' }).getByLabel('Custom').check();
    await page.getByLabel('IPv4 address', { exact: true }).fill('10.41.9.9');
    await page.getByRole('button', { name: 'Create network interface' }).click();
    const error = await shownError(page);
    const expected = await awsError(ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: network.subnetA, PrivateIpAddress: '10.41.9.9' })));
    assert.equal(error, `${expected.code}: ${expected.message}`, 'the page shows what the SDK gets');
  });

  it('attaches the ENI to an instance of its zone at the device index given', async () => {
    await page.goto(`${server.url}/console/#/enis/${eniId}`);
    const dialog = await openAction(page, 'Attach', /^Attach network interface/);
    await dialog.getByLabel('Instance').selectOption(first);
    await dialog.getByLabel('Device index').fill('1');
    await screenshot(page, 'console-attach-dialog');
    await submitDialog(dialog, 'Attach');
    await noticeContaining(page, `Attached ${eniId} to ${first}`);
    const eni = await describeEni(ec2, eniId);
    assert.equal(eni.Attachment?.InstanceId, first);
    assert.equal(eni.Attachment?.DeviceIndex, 1);
    assert.equal(eni.Status, 'in-use');
  });

  it('shows AWS’s error code and message when EC2 refuses to delete the attached ENI', async () => {
    const dialog = await openAction(page, 'Delete', /^Delete network interface/);
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const error = await shownError(dialog);
    const expected = await awsError(ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eniId })));
    // network-interfaces.md rule 10 (C): InvalidParameterValue, not InvalidNetworkInterface.InUse.
    assert.equal(error, `InvalidParameterValue: Network interface '${eniId}' is currently in use.`);
    assert.equal(error, `${expected.code}: ${expected.message}`, 'the page shows what the SDK gets');
    await screenshot(page, 'console-delete-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await describeEni(ec2, eniId)).Status, 'in-use', 'still there');
  });

  it('moves the ENI to another instance: force-detach, then attach', async () => {
    const detach = await openAction(page, 'Detach', /^Detach network interface/);
    await detach.getByLabel('Force detachment').check();
    await submitDialog(detach, 'Detach');
    await noticeContaining(page, `Detached ${eniId}`);
    const detached = await describeEni(ec2, eniId);
    assert.equal(detached.Attachment?.InstanceId ?? undefined, undefined);
    assert.equal(detached.Status, 'available');

    const attach = await openAction(page, 'Attach', /^Attach network interface/);
    await attach.getByLabel('Instance').selectOption(second);
    await attach.getByLabel('Device index').fill('2');
    await submitDialog(attach, 'Attach');
    await noticeContaining(page, `Attached ${eniId} to ${second}`);
    const moved = await describeEni(ec2, eniId);
    assert.equal(moved.Attachment?.InstanceId, second);
    assert.equal(moved.Attachment?.DeviceIndex, 2);
  });

  it('deletes the ENI once detached, and the list no longer has it', async () => {
    const detach = await openAction(page, 'Detach', /^Detach network interface/);
    await submitDialog(detach, 'Detach');
    await noticeContaining(page, `Detached ${eniId}`);
    const dialog = await openAction(page, 'Delete', /^Delete network interface/);
    await submitDialog(dialog, 'Delete');
    await noticeContaining(page, `Successfully deleted ${eniId}`);
    await page.getByRole('heading', { name: 'Network interfaces' }).waitFor();
    const e = await awsError(ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] })));
    assert.equal(e.code, 'InvalidNetworkInterfaceID.NotFound');
    assert.equal(await page.getByRole('link', { name: eniId }).count(), 0);
  });

  it('runs the other actions from the list: security groups, IP addresses, Elastic IP, source/dest check', async () => {
    const eni = (await eniInSubnet(ec2, network.subnetB, { Description: 'from the list' })).NetworkInterfaceId!;
    // An Elastic IP needs the VPC's internet gateway (else Gateway.NotAttached).
    await attachNewGateway(ec2, network.vpcId);
    const { AllocationId, PublicIp } = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await page.goto(`${server.url}/console/#/enis`);
    await page.getByLabel('Search network interfaces').fill(`network-interface-id=${eni}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByLabel(`Select ${eni}`).check();

    const groups = await openAction(page, 'Change security groups', /^Change security groups/);
    await groups.getByLabel(`web (${web})`).check();
    await groups.getByLabel(/^default \(/).uncheck();
    await submitDialog(groups, 'Save');
    await noticeContaining(page, 'Changed the security groups');
    assert.deepEqual((await describeEni(ec2, eni)).Groups!.map((g) => g.GroupId), [web]);

    await page.getByLabel(`Select ${eni}`).check();
    const ips = await openAction(page, 'Manage IP addresses', /^Manage IP addresses/);
    await ips.getByLabel('Assign new secondary IPv4 addresses').fill('10.41.3.77');
    await ips.getByLabel('Number of auto-assigned secondary IPv4 addresses').fill('1');
    await submitDialog(ips, 'Save');
    await noticeContaining(page, 'Updated the IP addresses');
    const withIps = await describeEni(ec2, eni);
    assert.equal(withIps.PrivateIpAddresses!.length, 3);
    assert.ok(withIps.PrivateIpAddresses!.some((p) => p.PrivateIpAddress === '10.41.3.77' && !p.Primary));

    await page.getByLabel(`Select ${eni}`).check();
    const unassign = await openAction(page, 'Manage IP addresses', /^Manage IP addresses/);
    await unassign.getByLabel('Unassign 10.41.3.77').check();
    await submitDialog(unassign, 'Save');
    await noticeContaining(page, 'Updated the IP addresses');
    assert.equal((await describeEni(ec2, eni)).PrivateIpAddresses!.length, 2);

    await page.getByLabel(`Select ${eni}`).check();
    const associate = await openAction(page, 'Associate Elastic IP address', /^Associate an Elastic IP address/);
    await associate.getByLabel('Elastic IP address', { exact: true }).selectOption(AllocationId!);
    await submitDialog(associate, 'Associate');
    await noticeContaining(page, 'Associated the Elastic IP address');
    const associated = await describeEni(ec2, eni);
    assert.equal(associated.Association?.PublicIp, PublicIp);
    assert.equal(associated.Association?.AllocationId, AllocationId);
    await page.getByRole('cell', { name: PublicIp! }).waitFor();

    await page.getByLabel(`Select ${eni}`).check();
    const disassociate = await openAction(page, 'Disassociate Elastic IP address', /^Disassociate an Elastic IP address/);
    await submitDialog(disassociate, 'Disassociate');
    await noticeContaining(page, 'Disassociated the Elastic IP address');
    assert.equal((await describeEni(ec2, eni)).Association, undefined);

    await page.getByLabel(`Select ${eni}`).check();
    const check = await openAction(page, 'Change source/dest check', /^Change source\/dest check/);
    assert.equal(await check.getByLabel('Source/destination check').isChecked(), true);
    await check.getByLabel('Source/destination check').uncheck();
    await submitDialog(check, 'Save');
    await noticeContaining(page, 'Source/destination check');
    assert.equal((await describeEni(ec2, eni)).SourceDestCheck, false);
    await screenshot(page, 'console-eni-list');
  });
});
