/** Local output files: findings.json (the ASFF exactly as built), findings.csv and report.html. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCsv } from './csv-report.js';
import { renderHtmlReport } from './html-report.js';
import type { ReportEntry, ScanSummary } from './report-model.js';

export const OUTPUT_FORMATS = ['json', 'csv', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_FILES: Record<OutputFormat, string> = { json: 'findings.json', csv: 'findings.csv', html: 'report.html' };

export async function writeOutputs(formats: readonly OutputFormat[], outDir: string, entries: readonly ReportEntry[], summary: ScanSummary): Promise<string[]> {
  if (formats.length === 0) return [];
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) {
    const path = join(outDir, OUTPUT_FILES[format]);
    const body =
      format === 'json' ? `${JSON.stringify(entries.map((e) => e.finding), null, 2)}\n`
      : format === 'csv' ? renderCsv(entries)
      : renderHtmlReport(entries, summary);
    await writeFile(path, body, 'utf8');
    written.push(path);
  }
  return written;
}
