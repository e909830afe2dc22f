// Flow logs of one ENI: the flow logs that cover it (DescribeFlowLogs for the ENI, its subnet or its VPC) and,
// for those delivered to CloudWatch Logs, the records of its stream read with FilterLogEvents.
import { ec2, logs } from '../api.js';
import { errorBox, field, h, replace } from '../dom.js';
import { describeEni } from '../resources.js';
import { items, text } from '../xml.js';

const DEFAULT_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

/** `${srcaddr} ${dstaddr}` → ['srcaddr', 'dstaddr'] */
export const fieldsOf = (format) => [...(format || DEFAULT_FORMAT).matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);

async function coveringFlowLogs(eni) {
  const root = await ec2('DescribeFlowLogs', { Filter: [{ Name: 'resource-id', Value: [eni.id, eni.subnetId, eni.vpcId] }] });
  return items(root, 'flowLogSet').map((f) => ({
    id: text(f, 'flowLogId'),
    resourceId: text(f, 'resourceId'),
    trafficType: text(f, 'trafficType'),
    destinationType: text(f, 'logDestinationType') || 'cloud-watch-logs',
    logGroupName: text(f, 'logGroupName'),
    destination: text(f, 'logDestination'),
    format: text(f, 'logFormat'),
  }));
}

function recordsView(eni, flowLog) {
  const columns = fieldsOf(flowLog.format);
  const tbody = h('tbody');
  const messages = h('div', { class: 'messages' });
  const pattern = h('input', { type: 'text', placeholder: 'REJECT' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let nextToken;
  async function load(reset) {
    if (reset) {
      replace(tbody);
      nextToken = undefined;
    }
    replace(messages);
    try {
      const answer = await logs('FilterLogEvents', {
        logGroupName: flowLog.logGroupName,
        logStreamNamePrefix: eni.id,
        filterPattern: pattern.value || undefined,
        limit: 100,
        nextToken,
      });
      for (const event of answer.events ?? []) {
        const values = String(event.message).split(' ');
        tbody.append(h('tr', { class: values.includes('REJECT') ? 'rejected' : null }, columns.map((_, i) => h('td', {}, values[i] ?? ''))));
      }
      nextToken = answer.nextToken;
      more.hidden = !nextToken;
      if (!tbody.children.length) replace(messages, h('p', {}, 'No records yet: traffic is written when its aggregation interval closes.'));
    } catch (error) {
      replace(messages, errorBox(error));
    }
  }
  more.addEventListener('click', () => load(false));
  const view = h(
    'section',
    { 'aria-label': `Flow log ${flowLog.id}` },
    h('h2', {}, `${flowLog.id} (${flowLog.trafficType}, on ${flowLog.resourceId}) → ${flowLog.logGroupName}`),
    h('form', { class: 'search', onsubmit: (e) => (e.preventDefault(), load(true)) }, field('Filter pattern', pattern), h('button', { type: 'submit' }, 'Filter')),
    messages,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid compact' }, h('caption', {}, `Flow log records of ${eni.id}`), h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))), tbody)),
    more,
  );
  load(true);
  return view;
}

export async function renderFlowLogs(app, { params, isCurrent }) {
  const eni = await describeEni(params[0]);
  const crumbs = h('p', { class: 'crumbs' }, h('a', { href: '#/enis' }, 'Network interfaces'), ' › ', h('a', { href: `#/enis/${eni.id}` }, eni.id), ' › Flow logs');
  let flowLogs;
  try {
    flowLogs = await coveringFlowLogs(eni);
  } catch (error) {
    if (!isCurrent()) return;
    const missing = error.code === 'InvalidAction';
    replace(app, crumbs, h('h1', {}, `Flow logs of ${eni.id}`), missing ? h('p', { role: 'status' }, 'This vpclite does not serve flow logs (DescribeFlowLogs is not available).') : errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  const inLogs = flowLogs.filter((f) => f.destinationType === 'cloud-watch-logs');
  replace(
    app,
    crumbs,
    h('h1', {}, `Flow logs of ${eni.id}`),
    flowLogs.length === 0 ? h('p', {}, `No flow log covers ${eni.id}, its subnet ${eni.subnetId} or its VPC ${eni.vpcId}.`) : null,
    flowLogs
      .filter((f) => f.destinationType !== 'cloud-watch-logs')
      .map((f) => h('p', {}, `${f.id} delivers to ${f.destinationType} (${f.destination}); read those files under the data directory.`)),
    inLogs.map((f) => recordsView(eni, f)),
  );
}
