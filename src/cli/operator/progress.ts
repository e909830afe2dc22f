/**
 * Progress of a long operation on stderr: a bar redrawn in place on a terminal, plain lines (one per tenth of the
 * way, and the end) when stderr is a file or a pipe, so logs stay readable.
 */
export interface ProgressReporter {
  update(done: number, total: number, detail: string): void;
  finish(summary: string): void;
}

const WIDTH = 30;

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  let lastTenth = -1;
  return {
    update(done, total, detail) {
      const share = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 50 && done < total) return;
        lastDraw = now;
        const filled = Math.round(share * WIDTH);
        stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} ${detail}\x1b[K`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${label}: ${tenth * 10}% (${done}/${total}) ${detail}\n`);
    },
    finish(summary) {
      stream.write(tty ? `\r${label}: ${summary}\x1b[K\n` : `${label}: ${summary}\n`);
    },
  };
}
