// Why: sends one packet through vpclite's traffic endpoint (POST /_vpclite/traffic) and shows the verdict, the
// reply's verdict and every step of the trace, each linked to the security group rule, NACL entry or route
// that decided it.
import { sendTraffic } from '../api.js';
import { errorBox, field, h, hrefOf, replace } from '../dom.js';
import { describeEnis } from '../resources.js';

const PROTOCOLS = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['icmp', 'ICMP'],
  ['-1', 'All traffic'],
];

/** The packet the form describes, in the endpoint's JSON contract. */
export function packetOf({ source, destination, protocol, port }) {
  const packet = { source: source.trim(), destination: destination.trim(), protocol };
  if (protocol === 'tcp' || protocol === 'udp') packet.port = Number(port);
  return packet;
}

const verdictText = (accepted) => (accepted ? 'ACCEPT' : 'REJECT');

/** The rule to highlight on the component's page: NACL rule numbers are per direction. */
function ruleKey(step) {
  if (step.rule === undefined || step.rule === null || step.rule === '') return undefined;
  const rule = String(step.rule) === '*' ? '32767' : String(step.rule);
  if (String(step.component).startsWith('acl-')) return `${String(step.step).endsWith('egress') ? 'egress' : 'ingress'}:${rule}`;
  return rule;
}

/** The page a trace step's component opens, with the deciding rule highlighted. */
function componentCell(step) {
  const component = step.component ?? '';
  const rule = ruleKey(step);
  const href = hrefOf(component, rule === undefined ? '' : `?rule=${encodeURIComponent(rule)}`);
  return href ? h('a', { href }, component) : component;
}

const PROTOCOL_NAMES = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6', '-1': 'all' };

function packetText(header) {
  if (!header) return '';
  const protocol = PROTOCOL_NAMES[header.protocol] ?? String(header.protocol);
  const port = (address, p) => (p ? `${address}:${p}` : address);
  return `${protocol} ${port(header.sourceAddress, header.sourcePort)} → ${port(header.destinationAddress, header.destinationPort)}`;
}

function traceTable(caption, trace) {
  return h(
    'table',
    { class: 'grid trace' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ['#', 'Direction', 'Step', 'Component', 'Outcome', 'Code', 'Rule', 'Packet'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      (trace ?? []).map((step, i) =>
        h(
          'tr',
          { class: `outcome-${step.outcome}` },
          h('td', {}, String(i + 1)),
          h('td', {}, step.direction ?? 'request'),
          h('td', {}, step.step ?? ''),
          h('td', {}, componentCell(step)),
          h('td', {}, h('span', { class: `outcome ${step.outcome}` }, step.outcome ?? '')),
          h('td', {}, step.code ?? ''),
          h('td', {}, step.rule === undefined || step.rule === null ? '' : String(step.rule)),
          h('td', {}, packetText(step.header)),
        ),
      ),
    ),
  );
}

function replyText(reply) {
  if (!reply || reply.evaluated === false) return 'Reply: not evaluated (the request did not arrive).';
  return `Reply: ${verdictText(reply.accepted)}${reply.code ? ` (${reply.code})` : ''}`;
}

export function renderVerdict(result) {
  const dropped = (result.trace ?? []).find((s) => s.outcome === 'drop');
  return h(
    'section',
    { class: `verdict ${result.accepted ? 'accepted' : 'dropped'}`, 'aria-label': 'Verdict', 'aria-live': 'polite' },
    h('h2', {}, `Verdict: ${verdictText(result.accepted)}`),
    h(
      'p',
      {},
      result.accepted
        ? `The packet reaches ${result.deliveredTo?.networkInterfaceId ?? 'its destination'}${result.deliveredTo?.instanceId ? ` (${result.deliveredTo.instanceId})` : ''}.`
        : `Dropped at ${dropped?.step ?? 'a step'}${dropped?.component ? ` by ${dropped.component}` : ''}${dropped?.rule !== undefined && dropped?.rule !== null ? ` (rule ${dropped.rule})` : ''}${dropped?.code || result.code ? ` – ${dropped?.code ?? result.code}` : ''}.`,
    ),
    h('p', {}, replyText(result.reply)),
    traceTable('Trace', result.trace),
  );
}

export async function renderWhy(app, { query, isCurrent }) {
  const source = h('input', { type: 'text', value: query.get('source') ?? '', required: true, list: 'why-enis', autocomplete: 'off' });
  const destination = h('input', { type: 'text', value: query.get('destination') ?? '', required: true, list: 'why-enis', autocomplete: 'off' });
  const protocol = h('select', {}, PROTOCOLS.map(([value, label]) => h('option', { value }, label)));
  const port = h('input', { type: 'number', min: '0', max: '65535', value: '443' });
  protocol.addEventListener('change', () => (port.disabled = protocol.value !== 'tcp' && protocol.value !== 'udp'));
  const datalist = h('datalist', { id: 'why-enis' }, h('option', { value: 'internet' }));
  const result = h('div', { class: 'result' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Check');
  replace(
    app,
    h('h1', {}, 'Why'),
    h('p', {}, 'Send one simulated packet and see whether it arrives, and which security group rule, network ACL entry or route decided. The packet is recorded in flow logs and metrics like any other.'),
    h(
      'form',
      {
        class: 'why',
        onsubmit: async (event) => {
          event.preventDefault();
          submit.disabled = true;
          replace(result, h('p', {}, 'Checking…'));
          try {
            const answer = await sendTraffic(packetOf({ source: source.value, destination: destination.value, protocol: protocol.value, port: port.value }));
            replace(result, renderVerdict(answer));
          } catch (error) {
            replace(result, errorBox(error));
          } finally {
            submit.disabled = false;
          }
        },
      },
      field('Source', source, 'A network interface ID, a private IP address, or internet.'),
      field('Destination', destination, 'A network interface ID or an IP address (private, public or Elastic).'),
      field('Protocol', protocol),
      field('Port', port),
      datalist,
      h('div', { class: 'buttons' }, submit),
    ),
    result,
  );
  // Suggestions for the two fields: the first ENIs (one page, never the whole set).
  describeEnis({ maxResults: 100 })
    .then(({ enis }) => {
      if (isCurrent()) datalist.append(...enis.map((e) => h('option', { value: e.id }, `${e.privateIp} ${e.name}`)));
    })
    .catch(() => {});
}
