/**
 * Local output files: findings.asff.json (the ASFF exactly as built), findings.ocsf.json
 * (the same findings in OCSF), findings.csv and report.html.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { redactFinding } from '../findings/build.js';
import { renderCsv } from './csv-report.js';
import { renderHtmlReport } from './html-report.js';
import { toOcsf } from './ocsf.js';
import type { FileEntry, ReportEntry, ScanSummary } from './report-model.js';

/** `json` is the former name of `asff`, still accepted: it writes the same file. */
export const OUTPUT_FORMATS = ['asff', 'ocsf', 'csv', 'html', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_FILES: Record<OutputFormat, string> = {
  asff: 'findings.asff.json',
  ocsf: 'findings.ocsf.json',
  csv: 'findings.csv',
  html: 'report.html',
  json: 'findings.asff.json',
};

/** The formats to write, aliases resolved and each once, in the order asked. */
function distinctFormats(formats: readonly OutputFormat[]): OutputFormat[] {
  return [...new Set(formats.map((format) => (format === 'json' ? 'asff' : format)))];
}

/**
 * The output files of a run, written as scopes finish: the ASFF and OCSF
 * files are streamed one finding at a time; the CSV and HTML reports (sorted
 * over the whole run) keep only what they show of each finding until the end.
 */
export class OutputSink {
  private asff?: JsonArrayWriter;
  private ocsf?: JsonArrayWriter;
  private readonly kept: ReportEntry[] = [];
  /** A write that failed: later entries are dropped and finish() reports it (the scan goes on). */
  private failure?: Error;

  private constructor(
    private readonly formats: readonly OutputFormat[],
    private readonly outDir: string,
  ) {}

  static async open(asked: readonly OutputFormat[], outDir: string): Promise<OutputSink> {
    const formats = distinctFormats(asked);
    const sink = new OutputSink(formats, outDir);
    if (formats.length === 0) return sink;
    await mkdir(outDir, { recursive: true });
    if (formats.includes('asff')) sink.asff = await JsonArrayWriter.open(join(outDir, OUTPUT_FILES.asff));
    if (formats.includes('ocsf')) sink.ocsf = await JsonArrayWriter.open(join(outDir, OUTPUT_FILES.ocsf));
    return sink;
  }

  get wanted(): boolean {
    return this.formats.length > 0;
  }

  async add(entries: readonly FileEntry[]): Promise<void> {
    if (this.failure) return;
    try {
      for (const entry of entries) {
        if (this.asff) await this.asff.write(redactFinding(entry.finding));
        if (this.ocsf) await this.ocsf.write(toOcsf(entry));
        if (this.formats.includes('csv') || this.formats.includes('html')) {
          const { Id, Severity, Description, FirstObservedAt, LastObservedAt, UpdatedAt, Compliance } = entry.finding;
          this.kept.push({ ...entry, finding: { Id, Severity, Description, FirstObservedAt, LastObservedAt, UpdatedAt, Compliance } });
        }
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  async finish(summary: ScanSummary): Promise<string[]> {
    if (this.failure) throw this.failure;
    const written: string[] = [];
    for (const format of this.formats) {
      const path = join(this.outDir, OUTPUT_FILES[format]);
      if (format === 'asff') await this.asff?.close();
      else if (format === 'ocsf') await this.ocsf?.close();
      else await writeFile(path, format === 'csv' ? renderCsv(this.kept) : renderHtmlReport(this.kept, summary), 'utf8');
      written.push(path);
    }
    return written;
  }
}

export async function writeOutputs(formats: readonly OutputFormat[], outDir: string, entries: readonly FileEntry[], summary: ScanSummary): Promise<string[]> {
  const sink = await OutputSink.open(formats, outDir);
  await sink.add(entries);
  return sink.finish(summary);
}

/** Writes a JSON array one element at a time, so a large scan never builds the whole text in memory. */
class JsonArrayWriter {
  private count = 0;

  private constructor(
    private readonly out: WriteStream,
    private readonly failed: Promise<never>,
  ) {}

  static async open(path: string): Promise<JsonArrayWriter> {
    const out = createWriteStream(path, { encoding: 'utf8' });
    const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined); // observed through the races below
    await Promise.race([once(out, 'open'), failed]);
    const writer = new JsonArrayWriter(out, failed);
    await writer.raw('[');
    return writer;
  }

  private async raw(text: string): Promise<void> {
    if (!this.out.write(text)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }

  async write(item: unknown): Promise<void> {
    const body = JSON.stringify(item, null, 2).replace(/\n/g, '\n  ');
    await this.raw(`${this.count === 0 ? '' : ','}\n  ${body}`);
    this.count += 1;
  }

  async close(): Promise<void> {
    await this.raw(this.count > 0 ? '\n]\n' : ']\n');
    this.out.end();
    await Promise.race([once(this.out, 'finish'), this.failed]);
  }
}
