/**
 * The console's pictures and explanations in a real browser: the topology of a VPC (the internet gateway, an
 * instance's ENIs by device index, its Elastic IP, the route tables; a click opens the ENI), the Why page's
 * verdict and trace through POST /_vpclite/traffic with links to the deciding NACL entry, and the flow log
 * viewer reading the ENI's records through the Logs API. Screenshots: test-results/console-topology.png,
 * console-why-accept.png, console-why-drop.png, console-flow-logs.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateRouteTableCommand,
  AttachNetworkInterfaceCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openConsole, pageErrors, screenshot } from './helpers/browser.js';
import { describeInstance, runOne } from './helpers/instance-fixtures.js';
import { attachNewGateway, eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { newGroup } from './helpers/security-groups.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('console: topology, Why and flow logs in a browser', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let browser: Browser;
  let page: Page;
  let vpcId: string;
  let gatewayId: string;
  let instanceId: string;
  let eth0: string;
  let eth1: string;
  let aclId: string;
  let publicIp: string;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    ec2 = server.client();
    const made = await vpcWithSubnet(ec2, '10.43.0.0/16', '10.43.1.0/24', 'us-east-1a');
    vpcId = made.vpcId;
    gatewayId = await attachNewGateway(ec2, vpcId);
    const table = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    await ec2.send(new CreateRouteCommand({ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table, SubnetId: made.subnetId }));
    const web = await newGroup(ec2, 'web', vpcId);
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: web,
        IpPermissions: [22, 443].map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })),
      }),
    );
    // The security group lets SSH in; the subnet's network ACL denies it with rule 90.
    aclId = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
    const entry = (RuleNumber: number, Egress: boolean, RuleAction: 'allow' | 'deny', PortRange?: { From: number; To: number }) =>
      ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber, Egress, RuleAction, CidrBlock: '0.0.0.0/0', Protocol: PortRange ? '6' : '-1', PortRange }));
    await entry(90, false, 'deny', { From: 22, To: 22 });
    await entry(100, false, 'allow');
    await entry(100, true, 'allow');
    const { NetworkAcls } = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [made.subnetId] }] }));
    const association = NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === made.subnetId)!;
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: aclId }));

    instanceId = await runOne(ec2, { SubnetId: made.subnetId, SecurityGroupIds: [web] });
    eth0 = (await describeInstance(ec2, instanceId)).NetworkInterfaces!.find((n) => n.Attachment!.DeviceIndex === 0)!.NetworkInterfaceId!;
    eth1 = (await eniInSubnet(ec2, made.subnetId, { TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'second-nic' }] }] })).NetworkInterfaceId!;
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eth1, InstanceId: instanceId, DeviceIndex: 1 }));
    const address = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    publicIp = address.PublicIp!;
    await ec2.send(new AssociateAddressCommand({ AllocationId: address.AllocationId, NetworkInterfaceId: eth0 }));
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'NetworkInterface',
        ResourceIds: [eth0],
        TrafficType: 'ALL',
        LogGroupName: 'console-flows',
        DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs',
      }),
    );
    page = await openConsole(browser, server.url, `#/topology/${vpcId}`);
  });
  after(async () => {
    assert.deepEqual(pageErrors(page).map(String), [], 'the page threw no errors');
    await browser?.close();
    await server?.close();
  });

  it('draws the VPC: gateway, the instance’s ENIs by device index with the Elastic IP, route tables; a click opens the ENI', async () => {
    const figure = page.getByRole('figure', { name: `Topology of ${vpcId}` });
    await figure.waitFor();
    await figure.getByText(gatewayId).waitFor();
    const instance = figure.getByRole('group', { name: `Instance ${instanceId}` });
    const chips = await instance.getByRole('link').allInnerTexts();
    assert.equal(chips.length, 2);
    assert.match(chips[0]!, new RegExp(`^eth0 ${eth0} 10\\.43\\.1\\.\\d+ · EIP ${publicIp.replace(/\./g, '\\.')}$`));
    assert.match(chips[1]!, new RegExp(`^eth1 ${eth1} `));
    await page.getByRole('region', { name: 'Route tables' }).getByText('0.0.0.0/0').waitFor();
    await screenshot(page, 'console-topology');
    await instance.getByRole('link', { name: new RegExp(eth1) }).click();
    await page.getByRole('heading', { name: `${eth1} (second-nic)` }).waitFor();
  });

  const check = async (source: string, destination: string, port: string) => {
    await page.goto(`${server.url}/console/#/why`);
    await page.getByLabel('Source', { exact: true }).fill(source);
    await page.getByLabel('Destination', { exact: true }).fill(destination);
    await page.getByLabel('Protocol').selectOption('tcp');
    await page.getByLabel('Port', { exact: true }).fill(port);
    await page.getByRole('button', { name: 'Check' }).click();
    return page.getByRole('region', { name: 'Verdict' });
  };

  it('shows why HTTPS from the internet reaches the Elastic IP: verdict, reply and every step', async () => {
    const verdict = await check('internet', publicIp, '443');
    await verdict.getByRole('heading', { name: 'Verdict: ACCEPT' }).waitFor();
    await verdict.getByText(`The packet reaches ${eth0} (${instanceId}).`).waitFor();
    await verdict.getByText('Reply: ACCEPT').waitFor();
    const steps = await verdict.locator('tbody tr').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('internet-gateway') && s.includes(gatewayId)), 'the gateway step is in the trace');
    assert.ok(steps.some((s) => s.includes('security-group-ingress') && /sgr-[0-9a-f]+/.test(s)), 'the SG rule that passed it is named');
    await screenshot(page, 'console-why-accept');
  });

  it('shows why SSH is dropped and links to the network ACL entry that dropped it', async () => {
    const verdict = await check('internet', publicIp, '22');
    await verdict.getByRole('heading', { name: 'Verdict: REJECT' }).waitFor();
    await verdict.getByText(new RegExp(`Dropped at network-acl-ingress by ${aclId} \\(rule 90\\)`)).waitFor();
    await screenshot(page, 'console-why-drop');
    await verdict.getByRole('link', { name: aclId }).click();
    await page.getByRole('heading', { name: `Network ACL ${aclId}` }).waitFor();
    const decided = page.locator('tr[aria-current="true"]');
    assert.equal(await decided.count(), 1);
    assert.match(await decided.innerText(), /^90\s+Inbound\s+TCP\s+22-22\s+0\.0\.0\.0\/0\s+deny$/);
  });

  it('reads the ENI’s flow log records through the Logs API once their window closes', async () => {
    const advanced = await fetch(`${server.url}/_vpclite/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 700 }) });
    assert.equal(advanced.status, 200);
    await page.goto(`${server.url}/console/#/enis/${eth0}/flow-logs`);
    const records = page.getByRole('table', { name: `Flow log records of ${eth0}` });
    await records.locator('tbody tr').first().waitFor();
    const rows = await records.locator('tbody tr').allInnerTexts();
    assert.ok(rows.some((r) => /\b443\b/.test(r) && /\bACCEPT\b/.test(r)), `an ACCEPT record for 443 in ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => /\b22\b/.test(r) && /\bREJECT\b/.test(r)), `a REJECT record for 22 in ${JSON.stringify(rows)}`);
    await screenshot(page, 'console-flow-logs');

    await page.getByLabel('Filter pattern').fill('REJECT');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === name)?.querySelectorAll('tbody tr').length === 1,
      `Flow log records of ${eth0}`,
    );
    assert.match(await records.locator('tbody tr').innerText(), /\bREJECT\b/);
  });
});
