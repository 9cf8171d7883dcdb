/**
 * One writer for stderr shared by the log lines and the progress line: on a
 * terminal a log line first clears the progress line, then the progress line
 * is drawn again under it, so neither overwrites the other.
 */

export interface Terminal {
  /** A whole line (a log line). */
  line(text: string): void;
  /** The redrawn status line (only on a terminal). */
  status(text: string): void;
  /** Removes the status line. */
  clearStatus(): void;
}

const CLEAR = '\r\x1b[2K';

export function createTerminal(options: { write: (text: string) => void; tty: boolean; columns?: () => number | undefined }): Terminal {
  let current = '';
  const draw = (): void => {
    if (current) options.write(`${CLEAR}${current.slice(0, (options.columns?.() ?? 120) - 1)}`);
  };
  return {
    line(text) {
      if (current) options.write(CLEAR);
      options.write(`${text}\n`);
      draw();
    },
    status(text) {
      if (!options.tty) return;
      current = text;
      draw();
    },
    clearStatus() {
      if (current) options.write(CLEAR);
      current = '';
    },
  };
}
