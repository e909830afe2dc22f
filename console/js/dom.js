// A few DOM helpers instead of a framework: h() builds elements, the rest are the small things every page needs.

/**
 * h('a', {href: '#/x', class: 'link'}, 'text', otherNode). Attributes starting with `on` become listeners;
 * `false`/`null`/`undefined` attributes and children are left out; arrays of children are flattened.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked') element.checked = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    element.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the content of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let uniqueCounter = 0;
/** An id for label/for pairs. */
export const uid = (prefix = 'c') => `${prefix}-${++uniqueCounter}`;

/** A label and its control, wired with for/id so getByLabel and screen readers find the control by its name. */
export function field(labelText, control, hint) {
  control.id ||= uid('field');
  const hintElement = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintElement);
}

/** An error box with AWS's code and message (role=alert: read out as soon as it appears). */
export function errorBox(error) {
  const code = error?.code ?? 'Error';
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, code), ': ', error?.message ?? String(error));
}

export function successBox(message) {
  return h('div', { class: 'success', role: 'status' }, message);
}

/** Link to a console page for a resource id (the page that shows it), or plain text when there is none. */
export function resourceLink(id, extra = '') {
  const href = hrefOf(id, extra);
  return href ? h('a', { href }, id) : document.createTextNode(id);
}

export function hrefOf(id, extra = '') {
  if (!id) return undefined;
  const page = [
    ['eni-', 'enis'],
    ['sg-', 'security-groups'],
    ['acl-', 'network-acls'],
    ['rtb-', 'route-tables'],
    ['vpc-', 'topology'],
  ].find(([prefix]) => id.startsWith(prefix));
  return page ? `#/${page[1]}/${encodeURIComponent(id)}${extra}` : undefined;
}
