/** Local output files: findings.json (the ASFF exactly as built), findings.csv and report.html. */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { redactFinding } from '../findings/build.js';
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
    if (format === 'json') await writeJsonArray(path, entries.map((e) => redactFinding(e.finding)));
    else await writeFile(path, format === 'csv' ? renderCsv(entries) : renderHtmlReport(entries, summary), 'utf8');
    written.push(path);
  }
  return written;
}

/** Writes a JSON array one element at a time, so a large scan never builds the whole text in memory. */
async function writeJsonArray(path: string, items: readonly unknown[]): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined); // observed through the races below
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('[');
  for (const [index, item] of items.entries()) {
    const body = JSON.stringify(item, null, 2).replace(/\n/g, '\n  ');
    await write(`${index === 0 ? '' : ','}\n  ${body}`);
  }
  await write(items.length > 0 ? '\n]\n' : ']\n');
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}
