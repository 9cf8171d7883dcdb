/** Which report files a command writes, and where, from --output, --out-dir and --no-output. */
import type { OutputFormat } from '../publish/files.js';
import { UsageError } from './usage-error.js';

export const OUT_ROOT = 'rampart-out';

/** What a command writes when no output flag is given. */
export interface OutputDefaults {
  outputs: readonly OutputFormat[];
  /** The folder when --out-dir is not given. */
  outDir(now: Date): string;
}

/** A folder per run that sorts by time: rampart-out/20261130-214501 (UTC). */
export function timestampedDir(now: Date, root = OUT_ROOT): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${root}/${stamp}`;
}

export interface OutputFlags {
  output?: readonly OutputFormat[];
  outDir?: string;
  noOutput: boolean;
}

export function chooseOutputs(flags: OutputFlags, defaults: OutputDefaults, now: Date): { outputs: readonly OutputFormat[]; outDir: string } {
  if (flags.noOutput && (flags.output !== undefined || flags.outDir !== undefined)) throw new UsageError(`--no-output writes no file: drop it or drop ${flags.output !== undefined ? '--output' : '--out-dir'}`);
  if (flags.noOutput) return { outputs: [], outDir: OUT_ROOT };
  return { outputs: flags.output ?? defaults.outputs, outDir: flags.outDir ?? defaults.outDir(now) };
}
