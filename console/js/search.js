// The search bar's language: DescribeNetworkInterfaces filters written as `name=value` (several values with
// commas, a value with spaces in quotes), e.g. `subnet-id=subnet-1 status=available description="web tier"`.
// A word without `=` is an ENI id when it looks like one, else a part of the description.

const TOKEN = /([^\s=]+)=("([^"]*)"|\S*)|"([^"]*)"|(\S+)/g;

/** Search text → EC2 filters [{Name, Value: [...]}], one filter per name (values of a repeated name merge). */
export function parseSearch(textValue) {
  const byName = new Map();
  const add = (name, values) => byName.set(name, [...(byName.get(name) ?? []), ...values]);
  for (const m of (textValue ?? '').matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      const raw = m[3] ?? m[2];
      add(m[1], m[3] !== undefined ? [raw] : raw.split(',').filter((v) => v !== ''));
    } else {
      const word = m[4] ?? m[5];
      if (/^eni-[0-9a-f]+$/.test(word)) add('network-interface-id', [word]);
      else add('description', [`*${word}*`]);
    }
  }
  return [...byName].map(([Name, Value]) => ({ Name, Value }));
}
