/**
 * `--output json|table|text`, as the AWS CLI offers: json is the command's whole result, machine-readable; table
 * draws each section as a boxed table; text prints tab-separated lines (section name first) for grep and cut.
 */
import { CliError, EXIT } from './cli-error.js';

export type OutputFormat = 'json' | 'table' | 'text';

export interface Section {
  title: string;
  /** The first field of each line in text output; the title in capitals when absent. */
  name?: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface Rendered {
  /** What `--output json` prints. */
  data: unknown;
  sections: Section[];
  /** Lines printed after the tables in table and text output (totals, hints). */
  notes?: string[];
}

export function outputFormat(value: string): OutputFormat {
  if (value === 'json' || value === 'table' || value === 'text') return value;
  throw new CliError(`--output ${value} is not a format`, 'vpclite prints json, table or text', 'pass --output json, --output table or --output text', EXIT.usage);
}

function table(section: Section): string {
  const empty = section.columns.map((_, i) => (i === 0 ? '(none)' : ''));
  const cells = [section.columns, ...(section.rows.length > 0 ? section.rows.map((r) => r.map(String)) : [empty])];
  const widths = section.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const row = (values: string[]) => '│' + values.map((v, i) => ` ${v.padEnd(widths[i]!)} `).join('│') + '│';
  const out = [section.title, line('┌', '┬', '┐'), row(section.columns), line('├', '┼', '┤')];
  for (const r of cells.slice(1)) out.push(row(r));
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

export function render(result: Rendered, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(result.data, null, 2) + '\n';
  const notes = result.notes ?? [];
  if (format === 'table') {
    return [...result.sections.map(table), ...(notes.length > 0 ? [notes.join('\n')] : [])].join('\n\n') + '\n';
  }
  const lines: string[] = [];
  for (const section of result.sections) {
    const name = section.name ?? section.title.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
    for (const r of section.rows) lines.push([name, ...r.map(String)].join('\t'));
  }
  return [...lines, ...notes].join('\n') + (lines.length + notes.length > 0 ? '\n' : '');
}
