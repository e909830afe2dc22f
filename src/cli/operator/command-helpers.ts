/** What every operator command shares: the --output option, and printing a command's result in that format. */
import type { Command } from 'commander';
import { outputFormat, render, type Rendered } from './output.js';

/** Runs a command that returns a result and prints it in the format of `--output`. */
export const printed =
  <A extends unknown[]>(work: (...args: A) => Promise<Rendered>) =>
  async (...args: A): Promise<void> => {
    const options = args.find((a): a is { output: string } => typeof a === 'object' && a !== null && 'output' in a)!;
    const result = await work(...args);
    process.stdout.write(render(result, outputFormat(options.output)));
  };

export const outputOption = (command: Command): Command =>
  command.option('--output <format>', 'json, table or text', process.env.VPCLITE_OUTPUT ?? 'table');
