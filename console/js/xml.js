// Reading EC2's XML answers (parsed with DOMParser): EC2 puts lists in a <...Set> element of <item> elements (e.g. <groupSet><item>).

/** The direct child element named `name`, or undefined. */
export function child(element, name) {
  if (!element) return undefined;
  for (const c of element.children) if (c.localName === name) return c;
  return undefined;
}

/** The text of the direct child `name` ('' when absent). */
export const text = (element, name) => child(element, name)?.textContent ?? '';

/** The <item> elements of the direct child list `name`. */
export function items(element, name) {
  const list = child(element, name);
  return list ? [...list.children].filter((c) => c.localName === 'item') : [];
}

/** Tags as an object: {Name: 'web'}. */
export function tagsOf(element) {
  return Object.fromEntries(items(element, 'tagSet').map((t) => [text(t, 'key'), text(t, 'value')]));
}
