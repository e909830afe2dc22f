// Network interfaces: the AWS console's table, one page at a time (MaxResults/NextToken, so 10,000 ENIs cost
// one page of rows), a search bar taking DescribeNetworkInterfaces filters, and the Actions menu.
import { errorBox, field, h, replace, resourceLink, successBox } from '../dom.js';
import { navigate, takeNotice } from '../nav.js';
import { describeEnis } from '../resources.js';
import { parseSearch } from '../search.js';
import { actionsMenu } from './eni-actions.js';

export const COLUMNS = [
  ['Name', (e) => e.name || '–'],
  ['Network interface ID', (e) => h('a', { href: `#/enis/${e.id}` }, e.id)],
  ['Subnet ID', (e) => e.subnetId],
  ['VPC ID', (e) => resourceLink(e.vpcId)],
  ['Availability Zone', (e) => e.availabilityZone],
  ['Security groups', (e) => e.groups.map((g) => g.name).join(', ') || '–'],
  ['Primary private IPv4 address', (e) => e.privateIp],
  ['Secondary private IPv4 addresses', (e) => e.secondaryIps.join(', ') || '–'],
  ['IPv6 addresses', (e) => e.ipv6.join(', ') || '–'],
  ['Elastic IP address', (e) => e.publicIps.join(', ') || '–'],
  ['Status', (e) => h('span', { class: `status status-${e.status}` }, e.status)],
  ['Attachment', (e) => (e.attachment ? `${e.attachment.instanceId || 'service'} (eth${e.attachment.deviceIndex}, ${e.attachment.status})` : '–')],
  ['Description', (e) => e.description || '–'],
  ['Interface type', (e) => e.interfaceType],
];

const PAGE_SIZES = [10, 25, 50, 100, 250];

// Kept while the console is open, so coming back from a details page shows the same search and page.
const state = { search: '', pageSize: 25, tokens: [undefined], page: 0 };

export async function renderEniList(app, { isCurrent }) {
  const notice = takeNotice();
  const messages = h('div', { class: 'messages' }, notice ? successBox(notice) : null);
  let selected;
  let enis = [];

  const search = h('input', { type: 'search', value: state.search, placeholder: 'subnet-id=subnet-… status=available', autocomplete: 'off' });
  const pageSize = h('select', {}, PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === state.pageSize }, String(n))));
  pageSize.value = String(state.pageSize);
  const tbody = h('tbody');
  const pageLabel = h('span', { 'aria-live': 'polite' });
  const previous = h('button', { type: 'button' }, 'Previous page');
  const next = h('button', { type: 'button' }, 'Next page');
  const selectionLabel = h('span', { class: 'selection' }, 'No network interface selected');

  const menu = actionsMenu(
    () => selected,
    async ({ message }) => {
      // The notice comes with the refreshed rows, so what it announces is already in the table.
      replace(messages);
      await load();
      if (isCurrent()) replace(messages, successBox(message));
    },
  );

  const select = (eni) => {
    selected = eni;
    selectionLabel.textContent = eni ? `Selected: ${eni.id}` : 'No network interface selected';
  };

  async function load() {
    replace(tbody, h('tr', {}, h('td', { colspan: COLUMNS.length + 1 }, 'Loading…')));
    let page;
    try {
      page = await describeEnis({
        filters: parseSearch(state.search),
        maxResults: state.pageSize,
        nextToken: state.tokens[state.page],
      });
    } catch (error) {
      if (!isCurrent()) return;
      replace(tbody);
      replace(messages, errorBox(error));
      return;
    }
    if (!isCurrent()) return;
    enis = page.enis;
    state.tokens[state.page + 1] = page.nextToken || undefined;
    state.tokens.length = state.page + 2;
    select(enis.find((e) => e.id === selected?.id));
    replace(
      tbody,
      enis.length === 0
        ? h('tr', {}, h('td', { colspan: COLUMNS.length + 1 }, 'No network interfaces found.'))
        : enis.map((eni) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                h('input', {
                  type: 'radio',
                  name: 'eni-selection',
                  'aria-label': `Select ${eni.id}`,
                  checked: eni.id === selected?.id,
                  onchange: () => select(eni),
                }),
              ),
              COLUMNS.map(([, cell]) => h('td', {}, cell(eni))),
            ),
          ),
    );
    pageLabel.textContent = `Page ${state.page + 1}${page.nextToken ? '' : ' (last)'} · ${enis.length} network interfaces on this page`;
    previous.disabled = state.page === 0;
    next.disabled = !page.nextToken;
  }

  const restart = () => {
    state.tokens = [undefined];
    state.page = 0;
    load();
  };
  previous.addEventListener('click', () => {
    state.page = Math.max(0, state.page - 1);
    load();
  });
  next.addEventListener('click', () => {
    if (!state.tokens[state.page + 1]) return;
    state.page += 1;
    load();
  });
  pageSize.addEventListener('change', () => {
    state.pageSize = Number(pageSize.value);
    restart();
  });
  const searchForm = h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        state.search = search.value;
        replace(messages);
        restart();
      },
    },
    field('Search network interfaces', search, 'DescribeNetworkInterfaces filters as name=value (values separated by commas); a bare eni-… word is an ENI id, any other word a part of the description.'),
    h('button', { type: 'submit' }, 'Search'),
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          search.value = '';
          state.search = '';
          restart();
        },
      },
      'Clear',
    ),
  );

  replace(
    app,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Network interfaces'),
      h('div', { class: 'toolbar' }, selectionLabel, menu, h('button', { type: 'button', class: 'primary', onclick: () => navigate('#/enis/create') }, 'Create network interface')),
    ),
    messages,
    searchForm,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid' },
        h('caption', {}, 'Network interfaces'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Select')), COLUMNS.map(([title]) => h('th', { scope: 'col' }, title)))),
        tbody,
      ),
    ),
    h('nav', { class: 'pager', 'aria-label': 'Pagination' }, previous, pageLabel, next, field('Page size', pageSize)),
  );
  await load();
}
