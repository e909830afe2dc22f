/**
 * A yes/no question before a destructive step. The question goes to stderr (stdout stays the command's output);
 * the answer is one line of stdin, so `echo y | vpclite audit --fix` works in scripts as well as at a terminal.
 * End of input counts as no.
 */
import { createInterface } from 'node:readline';

export function confirm(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
    let answered = false;
    rl.question(`${question} [y/N] `, (answer) => {
      answered = true;
      // A piped answer is not echoed: end the question's line so what follows starts on its own.
      if (process.stdin.isTTY !== true) process.stderr.write('\n');
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
    rl.on('close', () => {
      if (answered) return;
      if (process.stdin.isTTY !== true) process.stderr.write('\n');
      resolve(false);
    });
  });
}
