// Topology of one VPC, drawn with HTML and CSS: the internet gateway above the VPC, one column per Availability
// Zone holding its subnets (route table and network ACL linked), each subnet its instances with their ENIs by device index (Elastic IPs on the ENI
// that holds them) and the ENIs attached to nothing; the route tables below. Every ENI opens its details page.
import { ec2 } from '../api.js';
import { field, h, hrefOf, replace } from '../dom.js';
import { navigate } from '../nav.js';
import { addressOf, allPages, describeInstances, eniOf, nameAndId, subnetOf, vpcOf } from '../resources.js';
import { items, text } from '../xml.js';

/** Beyond this many ENIs in one VPC the picture shows the first ones only (a picture of 10,000 is no picture). */
const ENI_LIMIT = 2000;

function eniChip(eni) {
  const device = eni.attachment ? `eth${eni.attachment.deviceIndex}` : 'unattached';
  const eips = eni.publicIps.length ? ` · EIP ${eni.publicIps.join(', ')}` : '';
  return h(
    'a',
    { class: `eni-chip status-${eni.status}`, href: `#/enis/${eni.id}`, title: eni.description || eni.id },
    h('span', { class: 'device' }, device),
    ' ',
    h('span', { class: 'id' }, eni.id),
    ' ',
    h('span', { class: 'ip' }, eni.privateIp),
    eips ? h('span', { class: 'eip' }, eips) : null,
  );
}

function routeTableOf(subnetId, tables) {
  return tables.find((t) => t.subnets.includes(subnetId)) ?? tables.find((t) => t.main);
}

async function loadVpc(vpcId) {
  const vpcFilter = [{ Name: 'vpc-id', Value: [vpcId] }];
  const [vpcs, subnets, instances, enis, addresses, gateways, tables, acls] = await Promise.all([
    ec2('DescribeVpcs', { VpcId: [vpcId] }),
    allPages('DescribeSubnets', { Filter: vpcFilter }, 'subnetSet', subnetOf),
    describeInstances([...vpcFilter, { Name: 'instance-state-name', Value: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] }]),
    allPages('DescribeNetworkInterfaces', { Filter: vpcFilter }, 'networkInterfaceSet', eniOf, ENI_LIMIT),
    allPages('DescribeAddresses', {}, 'addressesSet', addressOf),
    ec2('DescribeInternetGateways', { Filter: [{ Name: 'attachment.vpc-id', Value: [vpcId] }] }),
    allPages('DescribeRouteTables', { Filter: vpcFilter }, 'routeTableSet', (t) => ({
      id: text(t, 'routeTableId'),
      main: items(t, 'associationSet').some((a) => text(a, 'main') === 'true'),
      subnets: items(t, 'associationSet').map((a) => text(a, 'subnetId')).filter(Boolean),
      routes: items(t, 'routeSet').map((r) => ({
        destination: text(r, 'destinationCidrBlock') || text(r, 'destinationIpv6CidrBlock') || text(r, 'destinationPrefixListId'),
        target: text(r, 'gatewayId') || text(r, 'networkInterfaceId') || text(r, 'instanceId') || text(r, 'natGatewayId') || '–',
        state: text(r, 'state'),
      })),
    })),
    allPages('DescribeNetworkAcls', { Filter: vpcFilter }, 'networkAclSet', (a) => ({
      id: text(a, 'networkAclId'),
      subnets: items(a, 'associationSet').map((s) => text(s, 'subnetId')),
    })),
  ]);
  return {
    vpc: vpcOf(items(vpcs, 'vpcSet')[0]),
    subnets: subnets.items,
    instances,
    enis: enis.items,
    truncated: enis.truncated,
    addresses: addresses.items.filter((a) => a.networkInterfaceId),
    gateways: items(gateways, 'internetGatewaySet').map((g) => text(g, 'internetGatewayId')),
    tables: tables.items,
    acls: acls.items,
  };
}

function subnetBox(subnet, model) {
  const enis = model.enis.filter((e) => e.subnetId === subnet.id);
  const table = routeTableOf(subnet.id, model.tables);
  const acl = model.acls.find((a) => a.subnets.includes(subnet.id));
  const instances = model.instances.filter((i) => enis.some((e) => e.attachment?.instanceId === i.id) || i.subnetId === subnet.id);
  const byDevice = (a, b) => Number(a.attachment.deviceIndex) - Number(b.attachment.deviceIndex);
  const unattached = enis.filter((e) => !e.attachment?.instanceId);
  return h(
    'section',
    { class: 'subnet', 'aria-label': `Subnet ${subnet.id}` },
    h('h4', {}, nameAndId(subnet), ' ', h('span', { class: 'cidr' }, subnet.cidr)),
    h(
      'p',
      { class: 'route-link' },
      table ? ['Route table ', h('a', { href: hrefOf(table.id) }, table.id)] : null,
      acl ? [' · Network ACL ', h('a', { href: hrefOf(acl.id) }, acl.id)] : null,
    ),
    instances.map((instance) =>
      h(
        'div',
        { class: 'instance', 'aria-label': `Instance ${instance.id}`, role: 'group' },
        h('h5', {}, nameAndId(instance), ' ', h('span', { class: `state state-${instance.state}` }, instance.state)),
        model.enis.filter((e) => e.attachment?.instanceId === instance.id && e.subnetId === subnet.id).sort(byDevice).map(eniChip),
      ),
    ),
    unattached.length ? h('div', { class: 'unattached', role: 'group', 'aria-label': `Unattached network interfaces in ${subnet.id}` }, h('h5', {}, 'Not attached'), unattached.map(eniChip)) : null,
  );
}

export async function renderTopology(app, { params, isCurrent }) {
  const { items: vpcs } = await allPages('DescribeVpcs', {}, 'vpcSet', vpcOf);
  if (!isCurrent()) return;
  const vpcId = params[0] ?? vpcs.find((v) => v.isDefault)?.id ?? vpcs[0]?.id;
  const picker = h(
    'select',
    { onchange: (event) => navigate(`#/topology/${event.target.value}`) },
    vpcs.map((v) => h('option', { value: v.id, selected: v.id === vpcId }, `${nameAndId(v)} ${v.cidr}`)),
  );
  if (!vpcId) {
    replace(app, h('h1', {}, 'Topology'), h('p', {}, 'No VPCs in this region.'));
    return;
  }
  const model = await loadVpc(vpcId);
  if (!isCurrent()) return;
  const zones = [...new Set(model.subnets.map((s) => s.availabilityZone))].sort();
  replace(
    app,
    h('div', { class: 'page-head' }, h('h1', {}, 'Topology'), field('VPC', picker)),
    h(
      'figure',
      { class: 'topology', 'aria-label': `Topology of ${vpcId}` },
      h(
        'div',
        { class: 'internet' },
        'Internet',
        model.gateways.length ? model.gateways.map((g) => h('span', { class: 'igw' }, `⇅ ${g}`)) : h('span', { class: 'igw none' }, 'no internet gateway'),
      ),
      h(
        'div',
        { class: 'vpc' },
        h('h2', {}, nameAndId(model.vpc), ' ', h('span', { class: 'cidr' }, model.vpc.cidr)),
        model.truncated ? h('p', { class: 'hint' }, `Showing the first ${model.enis.length} network interfaces of this VPC.`) : null,
        h(
          'div',
          { class: 'zones' },
          zones.map((zone) =>
            h('section', { class: 'az', 'aria-label': `Availability Zone ${zone}` }, h('h3', {}, zone), model.subnets.filter((s) => s.availabilityZone === zone).map((s) => subnetBox(s, model))),
          ),
        ),
      ),
      h('figcaption', {}, `${model.subnets.length} subnets · ${model.instances.length} instances · ${model.enis.length} network interfaces · ${model.addresses.length} Elastic IPs`),
    ),
    h(
      'section',
      { 'aria-labelledby': 'route-tables-heading' },
      h('h2', { id: 'route-tables-heading' }, 'Route tables'),
      h(
        'div',
        { class: 'route-tables' },
        model.tables.map((t) =>
          h(
            'div',
            { class: 'route-table' },
            h('h3', {}, h('a', { href: hrefOf(t.id) }, t.id), t.main ? ' (main)' : ''),
            h('p', {}, `Subnets: ${t.subnets.join(', ') || (t.main ? 'every subnet without its own' : 'none')}`),
            h('table', { class: 'grid compact' }, h('thead', {}, h('tr', {}, h('th', {}, 'Destination'), h('th', {}, 'Target'), h('th', {}, 'Status'))),
              h('tbody', {}, t.routes.map((r) => h('tr', {}, h('td', {}, r.destination), h('td', {}, r.target), h('td', {}, r.state))))),
          ),
        ),
      ),
    ),
  );
}
