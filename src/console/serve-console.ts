/**
 * The web console's files (console/ at the top of the repository: plain HTML, CSS and ES modules, no build step)
 * served under /console. The console is a client like any other: it talks to the EC2 Query API (and the other
 * JSON endpoints) on the same origin, so this module only hands out files.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/src/console/ → the repository's console/ folder (tsconfig: rootDir ".", outDir "dist"). */
export const CONSOLE_ROOT = resolve(fileURLToPath(new URL('../../../console/', import.meta.url)));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface ConsoleResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export const isConsolePath = (url: string): boolean => {
  const path = url.split('?')[0]!;
  return path === '/console' || path.startsWith('/console/');
};

function notFound(path: string): ConsoleResponse {
  return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `No console file ${path}\n` };
}

/** The file a /console URL names, or undefined when it would leave the console folder. */
export function consoleFileOf(path: string, root = CONSOLE_ROOT): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice('/console'.length)).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  const file = resolve(root, relative === '' ? 'index.html' : relative);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

export async function serveConsole(url: string, method: string): Promise<ConsoleResponse> {
  const path = url.split('?')[0]!;
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, body: 'GET only\n' };
  }
  // Without the slash, relative URLs in index.html would resolve against /, so send the browser to /console/.
  if (path === '/console') return { status: 301, headers: { Location: '/console/' }, body: '' };
  const file = consoleFileOf(path);
  const type = file && CONTENT_TYPES[extname(file)];
  if (!file || !type) return notFound(path);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound(path);
  }
  return {
    status: 200,
    // no-cache: the browser revalidates, so a new vpclite never runs with last version's modules.
    headers: { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' },
    body: method === 'HEAD' ? '' : body,
  };
}
