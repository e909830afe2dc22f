/**
 * A real browser for the console tests: Debian's chromium driven by playwright-core. scripts/ensure-chromium.sh
 * installs chromium when it is missing; when it cannot, the test fails with the reason (a browser test that
 * silently skips proves nothing). Screenshots go to test-results/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = 'test-results';

function findChromium(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The chromium executable, installed with apt-get first if needed; throws a clear error when there is none. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  try {
    execFileSync('scripts/ensure-chromium.sh', { stdio: 'inherit' });
  } catch (error) {
    throw new Error(`The console tests need Debian's chromium and scripts/ensure-chromium.sh could not install it: ${(error as Error).message}`);
  }
  const installed = findChromium();
  if (!installed) throw new Error('The console tests need Debian\'s chromium: `apt-get install -y chromium` did not put it on PATH');
  return installed;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    // Tests run as root in containers: chromium's sandbox needs user namespaces they rarely have.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A page of the console at `url` (the test server's), with a desktop-sized viewport. */
export async function openConsole(browser: Browser, url: string, hash = '#/enis'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // An exception in the page is a failed test, not something to find in a screenshot later.
  const failures: Error[] = [];
  page.on('pageerror', (error) => failures.push(error));
  Object.assign(page, { consoleFailures: failures });
  await page.goto(`${url}/console/${hash}`);
  return page;
}

/** Errors thrown by the page's own scripts since it opened. */
export const pageErrors = (page: Page): Error[] => (page as Page & { consoleFailures: Error[] }).consoleFailures;

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
