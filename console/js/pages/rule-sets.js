// The rules the Why page links to: a security group's rules, a network ACL's entries or a route table's routes,
// with the rule that decided a packet (?rule=…) highlighted.
import { ec2 } from '../api.js';
import { h, replace } from '../dom.js';
import { child, items, text } from '../xml.js';

const portsOf = (item) => {
  const from = text(item, 'fromPort');
  const to = text(item, 'toPort');
  if (from === '' || from === '-1') return 'All';
  return from === to ? from : `${from}-${to}`;
};

const protocolOf = (value) => ({ '-1': 'All', 6: 'TCP', 17: 'UDP', 1: 'ICMP', tcp: 'TCP', udp: 'UDP', icmp: 'ICMP' })[value] ?? value;

async function securityGroup(id) {
  const root = await ec2('DescribeSecurityGroupRules', { Filter: [{ Name: 'group-id', Value: [id] }], MaxResults: 1000 });
  const rules = items(root, 'securityGroupRuleSet').map((r) => ({
    key: text(r, 'securityGroupRuleId'),
    cells: [
      text(r, 'securityGroupRuleId'),
      text(r, 'isEgress') === 'true' ? 'Outbound' : 'Inbound',
      protocolOf(text(r, 'ipProtocol')),
      portsOf(r),
      text(r, 'cidrIpv4') || text(r, 'cidrIpv6') || text(r, 'prefixListId') || text(child(r, 'referencedGroupInfo'), 'groupId'),
      text(r, 'description'),
    ],
  }));
  return { title: `Security group ${id}`, columns: ['Rule ID', 'Direction', 'Protocol', 'Port range', 'Source / destination', 'Description'], rules };
}

async function networkAcl(id) {
  const root = await ec2('DescribeNetworkAcls', { NetworkAclId: [id] });
  const acl = items(root, 'networkAclSet')[0];
  const rules = items(acl, 'entrySet').map((e) => ({
    key: `${text(e, 'egress') === 'true' ? 'egress' : 'ingress'}:${text(e, 'ruleNumber')}`,
    alternatives: [text(e, 'ruleNumber')],
    cells: [
      text(e, 'ruleNumber') === '32767' ? '*' : text(e, 'ruleNumber'),
      text(e, 'egress') === 'true' ? 'Outbound' : 'Inbound',
      protocolOf(text(e, 'protocol')),
      child(e, 'portRange') ? `${text(child(e, 'portRange'), 'from')}-${text(child(e, 'portRange'), 'to')}` : 'All',
      text(e, 'cidrBlock') || text(e, 'ipv6CidrBlock'),
      text(e, 'ruleAction'),
    ],
  }));
  const subnets = items(acl, 'associationSet').map((a) => text(a, 'subnetId'));
  return { title: `Network ACL ${id}`, subtitle: `Subnets: ${subnets.join(', ') || 'none'}`, columns: ['Rule number', 'Direction', 'Protocol', 'Port range', 'CIDR', 'Allow/Deny'], rules };
}

async function routeTable(id) {
  const root = await ec2('DescribeRouteTables', { RouteTableId: [id] });
  const table = items(root, 'routeTableSet')[0];
  const rules = items(table, 'routeSet').map((r) => {
    const destination = text(r, 'destinationCidrBlock') || text(r, 'destinationIpv6CidrBlock') || text(r, 'destinationPrefixListId');
    const target = text(r, 'gatewayId') || text(r, 'networkInterfaceId') || text(r, 'instanceId') || text(r, 'natGatewayId') || text(r, 'vpcPeeringConnectionId');
    return { key: destination, cells: [destination, target, text(r, 'state'), text(r, 'origin')] };
  });
  const associations = items(table, 'associationSet').map((a) => (text(a, 'main') === 'true' ? 'main' : text(a, 'subnetId') || text(a, 'gatewayId')));
  return { title: `Route table ${id}`, subtitle: `Associations: ${associations.join(', ') || 'none'}`, columns: ['Destination', 'Target', 'Status', 'Origin'], rules };
}

const loaders = { 'security-groups': securityGroup, 'network-acls': networkAcl, 'route-tables': routeTable };

export async function renderRuleSet(app, { params, query, isCurrent }) {
  const [kind, id] = params;
  const set = await loaders[kind](id);
  if (!isCurrent()) return;
  const highlight = query.get('rule');
  replace(
    app,
    h('h1', {}, set.title),
    set.subtitle ? h('p', {}, set.subtitle) : null,
    h(
      'table',
      { class: 'grid' },
      h('caption', {}, set.title),
      h('thead', {}, h('tr', {}, set.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        set.rules.map((r) => {
          const decided = highlight && (r.key === highlight || r.alternatives?.includes(highlight) || r.key.endsWith(`:${highlight}`));
          return h('tr', { class: decided ? 'decided' : null, 'aria-current': decided ? 'true' : null }, r.cells.map((c) => h('td', {}, c === '' ? '–' : c)));
        }),
      ),
    ),
    h('p', {}, 'Rows marked ', h('span', { class: 'decided-sample' }, 'like this'), ' decided the packet the Why page traced.'),
  );
}
