/** What the file writers and the terminal summary show, with secrets removed (defence in depth: the runner redacts already). */
import { redact, redactJson } from '../util/redact.js';
import type { ReportEntry, ScanSummary } from './report-model.js';

/** The entry with its summary, evidence and finding description redacted; the same object when nothing changed. */
export function redactEntry<T extends ReportEntry>(entry: T): T {
  const summary = redact(entry.summary);
  const evidence = redactJson(entry.evidence);
  const description = redact(entry.finding.Description);
  if (summary === entry.summary && evidence === entry.evidence && description === entry.finding.Description) return entry;
  return { ...entry, summary, evidence, finding: { ...entry.finding, Description: description } };
}

/** The scan summary with its problems, collection failure messages and command line redacted. */
export function redactSummary(summary: ScanSummary): ScanSummary {
  const commandLine = summary.runBy?.commandLine;
  return {
    ...summary,
    ...(summary.runBy ? { runBy: { ...summary.runBy, ...(commandLine !== undefined ? { commandLine: redact(commandLine) } : {}) } } : {}),
    problems: summary.problems.map(redact),
    collectionFailures: summary.collectionFailures.map((failure) => ({ ...failure, message: redact(failure.message) })),
  };
}
