// One network interface: every field DescribeNetworkInterfaces gives, its addresses and groups, and the same
// Actions menu as the list. Deleting it goes back to the list.
import { errorBox, h, replace, resourceLink, successBox } from '../dom.js';
import { navigate, takeNotice } from '../nav.js';
import { describeEni } from '../resources.js';
import { actionsMenu } from './eni-actions.js';

const row = (label, value) => [h('dt', {}, label), h('dd', {}, value === '' || value === undefined ? '–' : value)];

export async function renderEniDetails(app, { params, isCurrent }, notice = takeNotice()) {
  const id = params[0];
  let eni;
  try {
    eni = await describeEni(id);
  } catch (error) {
    if (isCurrent()) replace(app, h('h1', {}, id), errorBox(error), h('p', {}, h('a', { href: '#/enis' }, 'Back to network interfaces')));
    return;
  }
  if (!isCurrent()) return;
  const messages = h('div', { class: 'messages' }, notice ? successBox(notice) : null);
  const menu = actionsMenu(
    () => eni,
    ({ message, deleted }) => {
      replace(messages);
      if (deleted) navigate('#/enis', message);
      else renderEniDetails(app, { params, isCurrent }, message);
    },
  );
  replace(
    app,
    h('p', { class: 'crumbs' }, h('a', { href: '#/enis' }, 'Network interfaces'), ' › ', eni.id),
    h('div', { class: 'page-head' }, h('h1', {}, eni.name ? `${eni.id} (${eni.name})` : eni.id), h('div', { class: 'toolbar' }, menu)),
    messages,
    h(
      'section',
      { 'aria-labelledby': 'details-heading' },
      h('h2', { id: 'details-heading' }, 'Details'),
      h(
        'dl',
        { class: 'details' },
        row('Network interface ID', eni.id),
        row('Status', eni.status),
        row('Interface type', eni.interfaceType),
        row('Description', eni.description),
        row('VPC ID', resourceLink(eni.vpcId)),
        row('Subnet ID', eni.subnetId),
        row('Availability Zone', eni.availabilityZone),
        row('Owner', eni.ownerId),
        row('MAC address', eni.macAddress),
        row('Private DNS name', eni.privateDnsName),
        row('Primary private IPv4 address', eni.privateIp),
        row('Secondary private IPv4 addresses', eni.secondaryIps.join(', ')),
        row('IPv6 addresses', eni.ipv6.join(', ')),
        row('Elastic IP addresses', eni.privateIps.filter((p) => p.publicIp).map((p) => `${p.publicIp} → ${p.address}${p.allocationId ? ` (${p.allocationId})` : ''}`).join(', ')),
        row('Source/dest. check', eni.sourceDestCheck ? 'true' : 'false'),
        row('Requester managed', eni.requesterManaged ? 'true' : 'false'),
        row('Attachment ID', eni.attachment?.id),
        row('Instance ID', eni.attachment?.instanceId),
        row('Device index', eni.attachment?.deviceIndex),
        row('Attachment status', eni.attachment?.status),
        row('Delete on termination', eni.attachment ? String(eni.attachment.deleteOnTermination) : ''),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'groups-heading' },
      h('h2', { id: 'groups-heading' }, 'Security groups'),
      h('ul', {}, eni.groups.map((g) => h('li', {}, resourceLink(g.id), ` ${g.name}`))),
    ),
    h(
      'section',
      { 'aria-labelledby': 'tags-heading' },
      h('h2', { id: 'tags-heading' }, 'Tags'),
      Object.keys(eni.tags).length
        ? h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Value'))), h('tbody', {}, Object.entries(eni.tags).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v)))))
        : h('p', {}, 'No tags.'),
    ),
    h(
      'p',
      { class: 'links' },
      h('a', { href: `#/topology/${eni.vpcId}` }, 'Show in topology'),
      ' · ',
      h('a', { href: `#/why?source=${eni.id}` }, 'Why can (or can’t) it reach…'),
      ' · ',
      h('a', { href: `#/enis/${eni.id}/flow-logs` }, 'Flow logs'),
    ),
  );
}
