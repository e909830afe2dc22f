// Create network interface: the AWS console's form (Description, Subnet, Private IPv4 address, IPv6 address,
// Elastic Fabric Adapter, Security groups, Tags), every control labelled with those names.
import { ec2 } from '../api.js';
import { errorBox, field, h, replace, uid } from '../dom.js';
import { navigate } from '../nav.js';
import { allPages, groupOf, subnetOf } from '../resources.js';
import { text } from '../xml.js';

/** A fieldset of radio buttons; returns {element, value()} */
function radioGroup(legend, options, initial) {
  const name = uid('radio');
  const radios = options.map(([value, label]) => {
    const input = h('input', { type: 'radio', name, value, checked: value === initial });
    return { value, input, label: h('label', { class: 'inline' }, input, `${label}`) };
  });
  return {
    radios,
    element: h('fieldset', {}, h('legend', {}, legend), radios.map((r) => r.label)),
    value: () => radios.find((r) => r.input.checked)?.value,
  };
}

function tagEditor() {
  const rows = h('div', { class: 'tags' });
  let count = 0;
  const addRow = (key = '', value = '') => {
    count += 1;
    const n = count;
    const keyInput = h('input', { type: 'text', value: key, class: 'tag-key' });
    const valueInput = h('input', { type: 'text', value, class: 'tag-value' });
    const row = h(
      'div',
      { class: 'tag-row' },
      field(`Tag ${n} key`, keyInput),
      field(`Tag ${n} value`, valueInput),
      h('button', { type: 'button', 'aria-label': `Remove tag ${n}`, onclick: () => row.remove() }, 'Remove'),
    );
    rows.append(row);
    return keyInput;
  };
  const element = h(
    'fieldset',
    {},
    h('legend', {}, 'Tags'),
    rows,
    h('button', { type: 'button', onclick: () => addRow().focus() }, 'Add new tag'),
  );
  const tags = () =>
    [...rows.querySelectorAll('.tag-row')]
      .map((r) => ({ Key: r.querySelector('.tag-key').value.trim(), Value: r.querySelector('.tag-value').value }))
      .filter((t) => t.Key !== '');
  return { element, tags, addRow };
}

export async function renderEniCreate(app, { isCurrent }) {
  const { items: subnets } = await allPages('DescribeSubnets', {}, 'subnetSet', subnetOf);
  if (!isCurrent()) return;
  const messages = h('div', { class: 'messages' });
  const description = h('input', { type: 'text', maxlength: '255' });
  const subnet = h(
    'select',
    { required: true },
    h('option', { value: '' }, 'Select a subnet'),
    subnets.map((s) => h('option', { value: s.id }, `${s.name ? `${s.name} | ` : ''}${s.id} | ${s.availabilityZone} | ${s.cidr}`)),
  );
  const ipv4 = radioGroup('Private IPv4 address', [['auto', 'Auto-assign'], ['custom', 'Custom']], 'auto');
  const ipv4Address = h('input', { type: 'text', disabled: true, placeholder: '10.0.1.25' });
  ipv4.element.append(field('IPv4 address', ipv4Address));
  const ipv6 = radioGroup('IPv6 address', [['none', 'None'], ['auto', 'Auto-assign'], ['custom', 'Custom']], 'none');
  const ipv6Address = h('input', { type: 'text', disabled: true, placeholder: '2600:1f18::25' });
  ipv6.element.append(field('IPv6 address', ipv6Address));
  for (const r of ipv4.radios) r.input.addEventListener('change', () => (ipv4Address.disabled = ipv4.value() !== 'custom'));
  for (const r of ipv6.radios) r.input.addEventListener('change', () => (ipv6Address.disabled = ipv6.value() !== 'custom'));
  const efa = h('input', { type: 'checkbox' });
  const groupsBox = h('div', { class: 'group-list' }, h('p', {}, 'Select a subnet to see its VPC’s security groups.'));
  const groups = h('fieldset', {}, h('legend', {}, 'Security groups'), groupsBox);
  const tags = tagEditor();
  tags.addRow('Name', '');

  subnet.addEventListener('change', async () => {
    const chosen = subnets.find((s) => s.id === subnet.value);
    if (!chosen) return replace(groupsBox, h('p', {}, 'Select a subnet to see its VPC’s security groups.'));
    replace(groupsBox, h('p', {}, 'Loading…'));
    try {
      const { items } = await allPages('DescribeSecurityGroups', { Filter: [{ Name: 'vpc-id', Value: [chosen.vpcId] }] }, 'securityGroupInfo', groupOf);
      replace(
        groupsBox,
        items.map((g) =>
          h('div', { class: 'field checkbox' }, h('label', {}, h('input', { type: 'checkbox', value: g.id, class: 'group' }), ` ${g.name} (${g.id})`)),
        ),
      );
    } catch (error) {
      replace(groupsBox, errorBox(error));
    }
  });

  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create network interface');
  const form = h(
    'form',
    {
      class: 'create',
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        replace(messages);
        const tagList = tags.tags();
        try {
          const root = await ec2('CreateNetworkInterface', {
            SubnetId: subnet.value,
            Description: description.value,
            PrivateIpAddress: ipv4.value() === 'custom' ? ipv4Address.value.trim() : undefined,
            Ipv6AddressCount: ipv6.value() === 'auto' ? '1' : undefined,
            Ipv6Addresses: ipv6.value() === 'custom' ? [{ Ipv6Address: ipv6Address.value.trim() }] : undefined,
            InterfaceType: efa.checked ? 'efa' : undefined,
            SecurityGroupId: [...groupsBox.querySelectorAll('input.group:checked')].map((b) => b.value),
            TagSpecification: tagList.length ? [{ ResourceType: 'network-interface', Tag: tagList }] : undefined,
          });
          const id = text(root.getElementsByTagName('networkInterface')[0], 'networkInterfaceId');
          navigate(`#/enis/${id}`, `Successfully created network interface ${id}.`);
        } catch (error) {
          replace(messages, errorBox(error));
          submit.disabled = false;
        }
      },
    },
    h('section', {}, h('h2', {}, 'Details'), field('Description', description, 'Optional. Up to 255 characters.'), field('Subnet', subnet), ipv4.element, ipv6.element,
      h('div', { class: 'field checkbox' }, h('label', {}, efa, 'Elastic Fabric Adapter')),
      h('p', { class: 'hint' }, 'Elastic Fabric Adapter makes this an EFA interface (InterfaceType efa).')),
    groups,
    tags.element,
    messages,
    h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => navigate('#/enis') }, 'Cancel'), submit),
  );
  replace(app, h('p', { class: 'crumbs' }, h('a', { href: '#/enis' }, 'Network interfaces'), ' › Create network interface'), h('h1', {}, 'Create network interface'), form);
}
