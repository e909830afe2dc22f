/**
 * The console signs its requests with SigV4 through WebCrypto, so it works against `--auth strict` once the
 * Settings page holds a key of the credentials file; with an unknown key or a wrong secret it shows EC2's own
 * error. The access key names the account: the list shows that account's ENIs. Screenshot:
 * test-results/console-settings.png.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { launchBrowser, openConsole, pageErrors, screenshot } from './helpers/browser.js';
import { eniInSubnet, vpcWithSubnet } from './helpers/network.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const KEY = 'AKIDCONSOLETEST';
const SECRET = 'console-secret/with+signs';
const ACCOUNT = '111122223333';

describe('console: settings and SigV4 against --auth strict', () => {
  let server: TestServer;
  let ec2: EC2Client;
  let browser: Browser;
  let page: Page;
  let eniId: string;

  before(async () => {
    browser = await launchBrowser();
    server = await startTestServer({
      auth: { mode: 'strict', credentials: new Map([[KEY, { accessKeyId: KEY, secretAccessKey: SECRET, account: ACCOUNT }]]) },
    });
    ec2 = server.client({ accessKeyId: KEY, secretAccessKey: SECRET, region: 'eu-west-1' });
    const { subnetId } = await vpcWithSubnet(ec2, '10.44.0.0/16', '10.44.1.0/24');
    eniId = (await eniInSubnet(ec2, subnetId, { Description: 'strict account' })).NetworkInterfaceId!;
    page = await openConsole(browser, server.url);
  });
  after(async () => {
    assert.deepEqual(pageErrors(page).map(String), [], 'the page threw no errors');
    await browser?.close();
    await server?.close();
  });

  const saveSettings = async (accessKey: string, secret: string, region: string) => {
    await page.goto(`${server.url}/console/#/settings`);
    await page.getByLabel('Access key').fill(accessKey);
    await page.getByLabel('Secret key').fill(secret);
    await page.getByLabel('Region').fill(region);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  };

  const listError = async () => {
    await page.goto(`${server.url}/console/#/enis`);
    return page.getByRole('alert').innerText();
  };

  it('shows EC2’s refusal for the default test/test key', async () => {
    assert.match(await listError(), /^AuthFailure: /);
  });

  it('shows SignatureDoesNotMatch when the secret is wrong', async () => {
    await saveSettings(KEY, 'not-the-secret', 'eu-west-1');
    assert.match(await listError(), /^SignatureDoesNotMatch: /);
  });

  it('lists the account’s ENIs in the region once the key and secret are right', async () => {
    await saveSettings(KEY, SECRET, 'eu-west-1');
    await screenshot(page, 'console-settings');
    await page.goto(`${server.url}/console/#/enis`);
    await page.getByRole('link', { name: eniId }).waitFor();
    await page.getByRole('cell', { name: 'strict account' }).waitFor();
    assert.equal(await page.locator('#scope').innerText(), `${KEY} · eu-west-1`);
  });

  it('shows nothing of that account in another region', async () => {
    await saveSettings(KEY, SECRET, 'us-east-1');
    await page.goto(`${server.url}/console/#/enis`);
    await page.getByText('Page 1 (last) · 0 network interfaces on this page').waitFor();
    assert.equal(await page.getByRole('link', { name: eniId }).count(), 0);
  });
});
