// The actions on one network interface, each a dialog with the AWS console's wording. Every action is the EC2
// call a client would make; when EC2 refuses, the dialog shows AWS's error code and message.
import { ec2 } from '../api.js';
import { openDialog } from '../dialog.js';
import { field, h } from '../dom.js';
import { addressOf, allPages, describeInstances, groupOf, nameAndId } from '../resources.js';

export const ACTIONS = [
  ['attach', 'Attach'],
  ['detach', 'Detach'],
  ['security-groups', 'Change security groups'],
  ['ip-addresses', 'Manage IP addresses'],
  ['associate-eip', 'Associate Elastic IP address'],
  ['disassociate-eip', 'Disassociate Elastic IP address'],
  ['source-dest-check', 'Change source/dest check'],
  ['delete', 'Delete'],
];

const list = (textValue) =>
  textValue
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

async function attach(eni) {
  const instances = (
    await describeInstances([
      { Name: 'availability-zone', Value: [eni.availabilityZone] },
      { Name: 'instance-state-name', Value: ['pending', 'running', 'stopping', 'stopped'] },
    ])
  ).filter((i) => i.vpcId === eni.vpcId);
  const instance = h(
    'select',
    { required: true },
    h('option', { value: '' }, instances.length ? 'Select an instance' : `No instances in ${eni.availabilityZone}`),
    instances.map((i) => h('option', { value: i.id }, `${nameAndId(i)} – ${i.state}`)),
  );
  const deviceIndex = h('input', { type: 'number', min: '0', value: '1', required: true });
  return {
    title: `Attach network interface ${eni.id}`,
    body: [
      field('Instance', instance, `Instances in ${eni.vpcId} and ${eni.availabilityZone}, the network interface's zone.`),
      field('Device index', deviceIndex),
    ],
    submitLabel: 'Attach',
    run: async () => {
      await ec2('AttachNetworkInterface', {
        NetworkInterfaceId: eni.id,
        InstanceId: instance.value,
        DeviceIndex: deviceIndex.value,
      });
      return `Attached ${eni.id} to ${instance.value}.`;
    },
  };
}

function detach(eni) {
  const force = h('input', { type: 'checkbox' });
  return {
    title: `Detach network interface ${eni.id}`,
    body: [
      h('p', {}, eni.attachment ? `Attached to ${eni.attachment.instanceId} as device ${eni.attachment.deviceIndex}.` : 'Not attached.'),
      h('div', { class: 'field checkbox' }, h('label', {}, force, 'Force detachment')),
    ],
    submitLabel: 'Detach',
    run: async () => {
      await ec2('DetachNetworkInterface', { AttachmentId: eni.attachment?.id, Force: force.checked ? 'true' : undefined });
      return `Detached ${eni.id}.`;
    },
  };
}

async function securityGroups(eni) {
  const { items: groups } = await allPages('DescribeSecurityGroups', { Filter: [{ Name: 'vpc-id', Value: [eni.vpcId] }] }, 'securityGroupInfo', groupOf);
  const current = new Set(eni.groups.map((g) => g.id));
  const boxes = groups.map((g) => ({ id: g.id, box: h('input', { type: 'checkbox', checked: current.has(g.id) }), group: g }));
  return {
    title: `Change security groups of ${eni.id}`,
    body: h(
      'fieldset',
      {},
      h('legend', {}, 'Security groups'),
      boxes.map(({ box, group }) => h('div', { class: 'field checkbox' }, h('label', {}, box, `${group.name} (${group.id})`))),
    ),
    submitLabel: 'Save',
    run: async () => {
      await ec2('ModifyNetworkInterfaceAttribute', {
        NetworkInterfaceId: eni.id,
        SecurityGroupId: boxes.filter((b) => b.box.checked).map((b) => b.id),
      });
      return `Changed the security groups of ${eni.id}.`;
    },
  };
}

function ipAddresses(eni) {
  const unassignV4 = eni.secondaryIps.map((ip) => ({ ip, box: h('input', { type: 'checkbox' }) }));
  const unassignV6 = eni.ipv6.map((ip) => ({ ip, box: h('input', { type: 'checkbox' }) }));
  const newV4 = h('input', { type: 'text', placeholder: '10.0.1.25, 10.0.1.26' });
  const countV4 = h('input', { type: 'number', min: '0', value: '0' });
  const newV6 = h('input', { type: 'text', placeholder: '2600:1f18::25' });
  const countV6 = h('input', { type: 'number', min: '0', value: '0' });
  const checkbox = ({ ip, box }) => h('div', { class: 'field checkbox' }, h('label', {}, box, `Unassign ${ip}`));
  return {
    title: `Manage IP addresses of ${eni.id}`,
    body: [
      h(
        'fieldset',
        {},
        h('legend', {}, 'IPv4 addresses'),
        h('p', {}, `Primary: ${eni.privateIp}`),
        unassignV4.map(checkbox),
        field('Assign new secondary IPv4 addresses', newV4, 'Addresses in the subnet, separated by commas.'),
        field('Number of auto-assigned secondary IPv4 addresses', countV4),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'IPv6 addresses'),
        unassignV6.map(checkbox),
        field('Assign new IPv6 addresses', newV6, "Addresses in the subnet's IPv6 block, separated by commas."),
        field('Number of auto-assigned IPv6 addresses', countV6),
      ),
    ],
    submitLabel: 'Save',
    run: async () => {
      const id = { NetworkInterfaceId: eni.id };
      const v4Out = unassignV4.filter((u) => u.box.checked).map((u) => u.ip);
      const v6Out = unassignV6.filter((u) => u.box.checked).map((u) => u.ip);
      if (v4Out.length) await ec2('UnassignPrivateIpAddresses', { ...id, PrivateIpAddress: v4Out });
      if (v6Out.length) await ec2('UnassignIpv6Addresses', { ...id, Ipv6Addresses: v6Out });
      if (list(newV4.value).length) await ec2('AssignPrivateIpAddresses', { ...id, PrivateIpAddress: list(newV4.value) });
      if (Number(countV4.value) > 0) await ec2('AssignPrivateIpAddresses', { ...id, SecondaryPrivateIpAddressCount: countV4.value });
      if (list(newV6.value).length) await ec2('AssignIpv6Addresses', { ...id, Ipv6Addresses: list(newV6.value) });
      if (Number(countV6.value) > 0) await ec2('AssignIpv6Addresses', { ...id, Ipv6AddressCount: countV6.value });
      return `Updated the IP addresses of ${eni.id}.`;
    },
  };
}

async function associateEip(eni) {
  const { items: addresses } = await allPages('DescribeAddresses', {}, 'addressesSet', addressOf);
  const address = h(
    'select',
    { required: true },
    h('option', { value: '' }, addresses.length ? 'Select an Elastic IP address' : 'No Elastic IP addresses allocated'),
    addresses.map((a) =>
      h('option', { value: a.allocationId }, `${a.publicIp} (${a.allocationId})${a.associationId ? ` – associated with ${a.networkInterfaceId || a.instanceId}` : ''}`),
    ),
  );
  const privateIp = h('select', {}, eni.privateIps.map((p) => h('option', { value: p.address }, p.address + (p.primary ? ' (primary)' : ''))));
  const reassociate = h('input', { type: 'checkbox' });
  return {
    title: `Associate an Elastic IP address with ${eni.id}`,
    body: [
      field('Elastic IP address', address),
      field('Private IPv4 address', privateIp),
      h('div', { class: 'field checkbox' }, h('label', {}, reassociate, 'Allow the Elastic IP address to be reassociated')),
    ],
    submitLabel: 'Associate',
    run: async () => {
      await ec2('AssociateAddress', {
        AllocationId: address.value,
        NetworkInterfaceId: eni.id,
        PrivateIpAddress: privateIp.value,
        AllowReassociation: reassociate.checked ? 'true' : undefined,
      });
      return `Associated the Elastic IP address with ${eni.id}.`;
    },
  };
}

function disassociateEip(eni) {
  const associated = eni.privateIps.filter((p) => p.associationId);
  const address = h(
    'select',
    {},
    associated.map((p) => h('option', { value: p.associationId }, `${p.publicIp} → ${p.address}`)),
  );
  return {
    title: `Disassociate an Elastic IP address from ${eni.id}`,
    body: associated.length ? field('Elastic IP address', address) : h('p', {}, 'No Elastic IP address is associated with this network interface.'),
    submitLabel: 'Disassociate',
    run: async () => {
      await ec2('DisassociateAddress', { AssociationId: associated.length ? address.value : undefined });
      return `Disassociated the Elastic IP address from ${eni.id}.`;
    },
  };
}

function sourceDestCheck(eni) {
  const enabled = h('input', { type: 'checkbox', checked: eni.sourceDestCheck });
  return {
    title: `Change source/dest check of ${eni.id}`,
    body: [
      h('p', {}, 'Turn the check off for a NAT instance or any interface that forwards traffic not addressed to it.'),
      h('div', { class: 'field checkbox' }, h('label', {}, enabled, 'Source/destination check')),
    ],
    submitLabel: 'Save',
    run: async () => {
      await ec2('ModifyNetworkInterfaceAttribute', { NetworkInterfaceId: eni.id, SourceDestCheck: { Value: String(enabled.checked) } });
      return `Source/destination check of ${eni.id} is ${enabled.checked ? 'on' : 'off'}.`;
    },
  };
}

function deleteEni(eni) {
  return {
    title: `Delete network interface ${eni.id}`,
    body: h('p', {}, `Are you sure that you want to delete ${eni.id}${eni.name ? ` (${eni.name})` : ''}?`),
    submitLabel: 'Delete',
    run: async () => {
      await ec2('DeleteNetworkInterface', { NetworkInterfaceId: eni.id });
      return { message: `Successfully deleted ${eni.id}.`, deleted: true };
    },
  };
}

const builders = {
  attach,
  detach,
  'security-groups': securityGroups,
  'ip-addresses': ipAddresses,
  'associate-eip': associateEip,
  'disassociate-eip': disassociateEip,
  'source-dest-check': sourceDestCheck,
  delete: deleteEni,
};

/** Opens the dialog of action `name` for `eni`; onDone({message, deleted}) after EC2 accepted it. */
export async function openAction(name, eni, onDone) {
  const spec = await builders[name](eni);
  openDialog({
    ...spec,
    onDone: (result) => onDone(typeof result === 'string' ? { message: result, deleted: false } : result),
  });
}

/** An "Actions" menu button for the ENI `getEni()` returns (undefined: nothing selected, the items are disabled). */
export function actionsMenu(getEni, onDone) {
  const menuId = `actions-menu-${Math.random().toString(36).slice(2)}`;
  const button = h('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId }, 'Actions ▾');
  const menu = h(
    'div',
    { role: 'menu', id: menuId, class: 'menu', hidden: true, 'aria-label': 'Actions' },
    ACTIONS.map(([name, label]) =>
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          onclick: async () => {
            hide();
            const eni = getEni();
            if (eni) await openAction(name, eni, onDone);
          },
        },
        label,
      ),
    ),
  );
  const hide = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    const opening = menu.hidden;
    for (const item of menu.querySelectorAll('[role=menuitem]')) item.disabled = !getEni();
    menu.hidden = !opening;
    button.setAttribute('aria-expanded', String(opening));
    if (opening) menu.querySelector('[role=menuitem]')?.focus();
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      hide();
      button.focus();
    }
  });
  return h('div', { class: 'menu-wrap' }, button, menu);
}
