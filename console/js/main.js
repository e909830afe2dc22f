// The console's router: the part of the URL after # names the page (#/enis, #/enis/eni-…, #/topology/vpc-…);
// each page module renders into <main> and may return a cleanup function.
import { errorBox, replace } from './dom.js';
import { loadSettings } from './settings.js';
import { renderEniList } from './pages/eni-list.js';
import { renderEniDetails } from './pages/eni-details.js';
import { renderEniCreate } from './pages/eni-create.js';
import { renderTopology } from './pages/topology.js';
import { renderWhy } from './pages/why.js';
import { renderSettings } from './pages/settings-page.js';
import { renderFlowLogs } from './pages/flow-logs.js';
import { renderRuleSet } from './pages/rule-sets.js';

const routes = [
  [/^\/enis$/, () => renderEniList],
  [/^\/enis\/create$/, () => renderEniCreate],
  [/^\/enis\/([^/]+)\/flow-logs$/, () => renderFlowLogs],
  [/^\/enis\/([^/]+)$/, () => renderEniDetails],
  [/^\/topology(?:\/([^/]+))?$/, () => renderTopology],
  [/^\/why$/, () => renderWhy],
  [/^\/settings$/, () => renderSettings],
  [/^\/(security-groups|network-acls|route-tables)\/([^/]+)$/, () => renderRuleSet],
];

/** `#/enis/eni-1?rule=5` → {path: '/enis/eni-1', query: URLSearchParams('rule=5')} */
export function currentRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/enis';
  const [path, query = ''] = hash.split('?');
  return { path, query: new URLSearchParams(query) };
}

let generation = 0;

async function render() {
  const app = document.getElementById('app');
  const settings = loadSettings();
  document.getElementById('scope').textContent = `${settings.accessKeyId} · ${settings.region}`;
  const { path, query } = currentRoute();
  const mine = ++generation;
  for (const link of document.querySelectorAll('nav a')) {
    const active = path.startsWith(link.getAttribute('href').slice(1));
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const route = routes.find(([pattern]) => pattern.test(path));
  if (!route) {
    replace(app, errorBox({ code: 'NotFound', message: `No console page ${path}` }));
    return;
  }
  const params = path.match(route[0]).slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
  try {
    // A page that finishes after the user went elsewhere must not draw over the newer page.
    await route[1]()(app, { params, query, isCurrent: () => mine === generation });
  } catch (error) {
    if (mine === generation) replace(app, errorBox(error));
  }
}

window.addEventListener('hashchange', render);
window.addEventListener('DOMContentLoaded', render);
