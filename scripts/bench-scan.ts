/**
 * One benchmark scan in a process of its own, as the scheduled task runs it:
 * the peak RSS is this process's alone. Prints one JSON line on stdout: exit
 * code, the scan's summary (phases), the requests by operation, when each
 * kind of request was on the wire, and the peak RSS.
 *
 *   node dist/scripts/bench-scan.js <endpoint> <region> <table> <out-dir>
 */
import { performance } from 'node:perf_hooks';
import { RequestCounter } from '../src/aws/request-counter.js';
import { scanCommand } from '../src/cli/scan-command.js';
import { isScanRequest, type BenchScanResult, type Phase } from './bench-common.js';

function phaseOf(key: string): Phase | undefined {
  if (isScanRequest(key)) return 'collect';
  if (key === 'SecurityHub:BatchImportFindings') return 'publish';
  if (/^DynamoDB:(Query|BatchGetItem)$/.test(key)) return 'prior';
  if (/^DynamoDB:(PutItem|BatchWriteItem|UpdateItem)$/.test(key)) return 'record';
  return undefined;
}

/** The RequestCounter the scan uses, plus a clock: when each phase's requests were on the wire. */
class TimedCounter extends RequestCounter {
  readonly windows = new Map<Phase, { start: number; end: number }>();
  readonly importSends: number[] = [];

  override attach(client: Parameters<RequestCounter['attach']>[0], accountId: string, region: string): void {
    super.attach(client, accountId, region);
    type Context = { clientName?: string; commandName?: string };
    const clock = (next: (args: unknown) => Promise<unknown>, context: Context) => async (args: unknown) => {
      const key = `${(context.clientName ?? '').replace(/Client$/, '')}:${(context.commandName ?? '').replace(/Command$/, '')}`;
      const phase = phaseOf(key);
      const start = performance.now();
      if (key === 'SecurityHub:BatchImportFindings') this.importSends.push(start);
      try {
        return await next(args);
      } finally {
        if (phase) {
          const window = this.windows.get(phase);
          this.windows.set(phase, { start: Math.min(window?.start ?? start, start), end: Math.max(window?.end ?? 0, performance.now()) });
        }
      }
    };
    client.middlewareStack.add(clock as never, { step: 'deserialize', name: 'rampartBenchClock', override: true });
  }
}

async function scan(): Promise<void> {
  const [endpoint, region, table, outDir] = process.argv.slice(2);
  if (!endpoint || !region || !table || !outDir) throw new Error('usage: bench-scan <endpoint> <region> <table> <out-dir>');
  const counter = new TimedCounter();
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const { exitCode, outcome } = await scanCommand(
    ['--endpoint-url', endpoint, '--regions', region, '--table', table, '--create-table', '--no-progress', '--output', 'json', '--out-dir', outDir],
    { env: process.env, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stderrIsTty: false, counter },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const wire: Partial<Record<Phase, number>> = {};
  for (const [phase, window] of counter.windows) wire[phase] = (window.end - window.start) / 1000;
  const result: BenchScanResult = {
    exitCode,
    stdout,
    stderr,
    wallSeconds,
    // maxRSS is in kilobytes: the process's own high-water mark, not a sample.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    requests: counter.snapshot(),
    wire,
    importSends: counter.importSends,
    ...(outcome ? { phases: outcome.summary.phases, resources: outcome.summary.resources } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await scan();
