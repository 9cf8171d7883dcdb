/** What the file writers and the terminal summary show, with secrets removed (defence in depth: the runner redacts already). */
import { redact, redactJson } from '../util/redact.js';
import type { ReportEntry, ScanSummary } from './report-model.js';

/** The entry with its summary and evidence redacted; the same object when nothing changed. */
export function redactEntry(entry: ReportEntry): ReportEntry {
  const summary = redact(entry.summary);
  const evidence = redactJson(entry.evidence);
  return summary === entry.summary && evidence === entry.evidence ? entry : { ...entry, summary, evidence };
}

/** The scan summary with its problems and collection failure messages redacted. */
export function redactSummary(summary: ScanSummary): ScanSummary {
  return {
    ...summary,
    problems: summary.problems.map(redact),
    collectionFailures: summary.collectionFailures.map((failure) => ({ ...failure, message: redact(failure.message) })),
  };
}
