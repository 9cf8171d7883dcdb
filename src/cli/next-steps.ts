/** The last lines of a scan: what to do now (open the report, gate CI, or look at what went wrong). */
import { basename } from 'node:path';
import { OUTPUT_FILES } from '../publish/files.js';

export interface NextStepInput {
  /** Unexempted FAILED findings. */
  failing: number;
  files: readonly string[];
  /** --fail-on was given: the run already gates. */
  failOnGiven: boolean;
  /** An inventory could not be collected, or a problem kept findings from being published or recorded. */
  incomplete: boolean;
}

/** The file that lists every finding: report.html, else findings.csv. */
export function listingFile(files: readonly string[]): string | undefined {
  return files.find((f) => basename(f) === OUTPUT_FILES.html) ?? files.find((f) => basename(f) === OUTPUT_FILES.csv);
}

export function nextSteps(input: NextStepInput): string[] {
  const lines: string[] = [];
  if (input.incomplete) lines.push('this run is incomplete: the inventories and problems listed above say what failed (often a missing permission: rampart permissions)');
  const report = input.files.find((f) => basename(f) === OUTPUT_FILES.html);
  if (input.failing > 0 && report) lines.push(`next: open ${report}`);
  if (!input.failOnGiven) lines.push('to gate CI: add --fail-on HIGH (exit 4 when an unexempted FAILED finding is HIGH or CRITICAL)');
  return lines;
}
