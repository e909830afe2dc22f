/**
 * The console's files as vpclite serves them under /console: content types browsers accept for modules and
 * styles, a redirect to the trailing slash, nothing outside the console folder, and GET/HEAD only. The console's
 * own search-bar parser is checked here too (a pure module the page imports).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONSOLE_ROOT, consoleFileOf } from '../src/console/serve-console.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('console: static files', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('serves the page, its modules and its styles with their content types', async () => {
    const cases: Array<[string, string]> = [
      ['/console/', 'text/html; charset=utf-8'],
      ['/console/index.html', 'text/html; charset=utf-8'],
      ['/console/js/main.js', 'text/javascript; charset=utf-8'],
      ['/console/js/pages/eni-list.js', 'text/javascript; charset=utf-8'],
      ['/console/console.css', 'text/css; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.ok((await response.text()).length > 0);
    }
  });

  it('sends /console to /console/ so the page’s relative URLs resolve', async () => {
    const response = await fetch(`${server.url}/console`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/console/');
  });

  it('answers 404 for missing files and anything outside the console folder, 405 for writes', async () => {
    // node:http sends the path as written (fetch would resolve the dots before sending).
    const statusOf = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(server.url);
        get({ hostname, port, path }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        }).on('error', reject);
      });
    for (const path of ['/console/nope.js', '/console/js/../../package.json', '/console/%2e%2e/package.json', '/console/js/%E0%A4%A']) {
      assert.equal(await statusOf(path), 404, path);
    }
    assert.equal(consoleFileOf('/console/../package.json'), undefined);
    assert.equal(consoleFileOf('/console/js/main.js'), join(CONSOLE_ROOT, 'js', 'main.js'));
    const post = await fetch(`${server.url}/console/index.html`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
  });

  it('ships only files it serves with a known content type', () => {
    const files = readdirSync(CONSOLE_ROOT, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    for (const file of files) assert.match(file.name, /\.(html|js|css)$/, file.name);
  });

  it('turns the search bar’s text into DescribeNetworkInterfaces filters', async () => {
    const { parseSearch } = (await import(pathToFileURL(join(CONSOLE_ROOT, 'js', 'search.js')).href)) as {
      parseSearch: (text: string) => Array<{ Name: string; Value: string[] }>;
    };
    assert.deepEqual(parseSearch('subnet-id=subnet-1,subnet-2 status=available'), [
      { Name: 'subnet-id', Value: ['subnet-1', 'subnet-2'] },
      { Name: 'status', Value: ['available'] },
    ]);
    assert.deepEqual(parseSearch('description="web tier" eni-0a1b web'), [
      { Name: 'description', Value: ['web tier', '*web*'] },
      { Name: 'network-interface-id', Value: ['eni-0a1b'] },
    ]);
    assert.deepEqual(parseSearch('tag:Name=a tag:Name=b'), [{ Name: 'tag:Name', Value: ['a', 'b'] }]);
    assert.deepEqual(parseSearch('   '), []);
  });
});
