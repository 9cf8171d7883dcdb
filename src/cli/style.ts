/**
 * Colours on the terminal: severities and statuses, only when the stream is a
 * terminal that wants them, and text widths that ignore the colour codes.
 */

/** Whether to colour a stream: NO_COLOR (any non-empty value, https://no-color.org) wins, then FORCE_COLOR, then TERM=dumb, then the stream being a TTY. */
export function colourWanted(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTty;
}

const CODES = { red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
type Colour = keyof typeof CODES;

const SEVERITY_COLOUR: Record<string, Colour> = { CRITICAL: 'red', HIGH: 'red', MEDIUM: 'yellow', LOW: 'cyan', INFORMATIONAL: 'dim' };
const STATUS_COLOUR: Record<string, Colour> = { FAILED: 'red', PASSED: 'green', ERROR: 'magenta', NOT_AVAILABLE: 'magenta' };

export interface Style {
  readonly enabled: boolean;
  /** A severity label in its colour (CRITICAL is also bold). */
  severity(label: string, text?: string): string;
  /** A status label in its colour. */
  status(label: string, text?: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function createStyle(enabled: boolean): Style {
  const paint = (colour: Colour | undefined, text: string): string => (enabled && colour && text !== '' ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text);
  return {
    enabled,
    severity: (label, text = label) => (label === 'CRITICAL' ? paint('bold', paint('red', text)) : paint(SEVERITY_COLOUR[label], text)),
    status: (label, text = label) => paint(STATUS_COLOUR[label], text),
    dim: (text) => paint('dim', text),
    bold: (text) => paint('bold', text),
  };
}

export const PLAIN: Style = createStyle(false);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The width a terminal shows: colour codes take none. */
export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length;
}

export function padVisible(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'left' ? `${text}${fill}` : `${fill}${text}`;
}

/** Plain text cut to at most `width` characters, ending in … when cut. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * Columns for fitted output: the terminal's when stdout is one. Without a terminal
 * (a pipe, a CI log) nothing needs fitting to a screen: a wide line keeps the summary readable.
 */
const NO_TERMINAL_WIDTH = 160;
const UNKNOWN_TERMINAL_WIDTH = 100;

export function outputWidth(isTty: boolean | undefined, columns: number | undefined): number {
  if (!isTty) return NO_TERMINAL_WIDTH;
  return columns !== undefined && columns > 0 ? columns : UNKNOWN_TERMINAL_WIDTH;
}
