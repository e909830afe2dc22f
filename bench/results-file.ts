/**
 * bench/RESULTS.md: the block between the markers is rewritten by every full run; anything around it (how to
 * reproduce, profiling notes) is kept as written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const BEGIN = '<!-- bench:results:begin (written by `make bench`; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

const TEMPLATE = `# vpclite benchmark results

${BEGIN}
${END}

## How to reproduce

\`\`\`sh
make bench                                   # build, then every workload against vpclite, moto and the trivial server
node dist/bench/run.js --workload describe-vpcs-by-id --target vpclite,ceiling --no-results
\`\`\`

See bench/README.md for what each workload measures and every option.
`;

export function updateResultsFile(path: string, generated: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : TEMPLATE;
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin === -1 || end < begin) throw new Error(`${path} has lost its result markers; restore them or delete the file`);
  writeFileSync(path, `${text.slice(0, begin + BEGIN.length)}\n${generated}\n${text.slice(end)}`);
}
