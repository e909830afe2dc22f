/**
 * The network interfaces table with 1,050 ENIs: the page asks for one page at a time (MaxResults/NextToken),
 * never holds more rows than the page size, walks forward and back, and the search bar's filters reach
 * DescribeNetworkInterfaces. Screenshot: test-results/console-paging.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openConsole, pageErrors, screenshot } from './helpers/browser.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const ENIS = 1050;

describe('console: the network interfaces table pages through 1,050 ENIs', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let browser: Browser;
  let page: Page;
  let subnetId: string;
  /** The form bodies of the DescribeNetworkInterfaces calls the page made. */
  const describeCalls: URLSearchParams[] = [];

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    ec2 = server.client();
    ({ subnetId } = await vpcWithSubnet(ec2, '10.42.0.0/16', '10.42.0.0/21'));
    for (let made = 0; made < ENIS; made += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, ENIS - made) }, (_, i) =>
          eniInSubnet(ec2, subnetId, { Description: made + i === 777 ? 'the needle' : `bulk ${made + i}` }),
        ),
      );
    }
    page = await openConsole(browser, server.url, '#/settings');
    page.on('request', (request) => {
      const body = new URLSearchParams(request.postData() ?? '');
      if (body.get('Action') === 'DescribeNetworkInterfaces') describeCalls.push(body);
    });
  });
  after(async () => {
    assert.deepEqual(pageErrors(page).map(String), [], 'the page threw no errors');
    await browser?.close();
    await server?.close();
  });

  const rows = () => page.locator('table.grid tbody tr');
  const pageStatus = (text: string) => page.getByText(text, { exact: false }).waitFor();

  it('shows one page of the subnet’s ENIs at a time and walks to the last page and back', async () => {
    await page.goto(`${server.url}/console/#/enis`);
    await pageStatus('Page 1');
    describeCalls.length = 0;
    await page.getByLabel('Search network interfaces').fill(`subnet-id=${subnetId}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await pageStatus('Page 1 · 25 network interfaces on this page');
    await page.getByLabel('Page size').selectOption('100');
    await pageStatus('Page 1 · 100 network interfaces on this page');
    assert.equal(await rows().count(), 100);
    for (let n = 2; n <= 10; n++) {
      await page.getByRole('button', { name: 'Next page' }).click();
      await pageStatus(`Page ${n} · 100 network interfaces on this page`);
      assert.equal(await rows().count(), 100);
    }
    await page.getByRole('button', { name: 'Next page' }).click();
    await pageStatus('Page 11 (last) · 50 network interfaces on this page');
    assert.equal(await rows().count(), 50);
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
    await screenshot(page, 'console-paging');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await pageStatus('Page 10 · 100 network interfaces on this page');

    assert.ok(describeCalls.length >= 12);
    for (const call of describeCalls) {
      assert.ok(Number(call.get('MaxResults')) <= 100, 'every call asks for one page at most');
      assert.equal(call.get('Filter.1.Name'), 'subnet-id');
    }
    assert.ok(describeCalls.some((call) => call.get('NextToken')), 'later pages follow NextToken');
  });

  it('passes the search bar’s filters to DescribeNetworkInterfaces', async () => {
    await page.getByLabel('Search network interfaces').fill('needle');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await pageStatus('Page 1 (last) · 1 network interfaces on this page');
    await page.getByRole('cell', { name: 'the needle' }).waitFor();
    const last = describeCalls.at(-1)!;
    assert.equal(last.get('Filter.1.Name'), 'description');
    assert.equal(last.get('Filter.1.Value.1'), '*needle*');

    await page.getByLabel('Search network interfaces').fill('no-such-filter=1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = await page.getByRole('alert').innerText();
    assert.match(alert, /^InvalidParameterValue: /, 'an unknown filter is EC2’s error, shown as EC2 gives it');
  });
});
