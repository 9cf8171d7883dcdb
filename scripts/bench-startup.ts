/**
 * Start-up time of the CLI beside a bare Node start: `npm run bench:startup`.
 * Each command runs N times (RAMPART_BENCH_RUNS, default 15) after one warm-up;
 * median and p90 wall times are printed side by side with the difference from
 * `node -e 0`, then a PASS or FAIL line per target. Exits 1 on a FAIL.
 */
import { spawnSync } from 'node:child_process';

const RUNS = Number(process.env.RAMPART_BENCH_RUNS ?? 15);
const BIN = 'dist/src/cli/bin.js';

interface Case {
  label: string;
  args: string[];
  /** Allowed seconds above `node -e 0` (median), if this case has a target. */
  within?: number;
}

const CASES: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'rampart --version', args: [BIN, '--version'], within: 0.3 },
  { label: 'rampart --help', args: [BIN, '--help'], within: 0.3 },
  { label: 'rampart help scan', args: [BIN, 'help', 'scan'], within: 0.3 },
  { label: 'rampart checks', args: [BIN, 'checks'], within: 1 },
  { label: 'rampart checks --format json', args: [BIN, 'checks', '--format', 'json'], within: 1 },
];

function seconds(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return elapsed;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const results = CASES.map((c) => {
  seconds(c.args); // warm-up: the file system cache
  const times = Array.from({ length: RUNS }, () => seconds(c.args)).sort((a, b) => a - b);
  return { ...c, median: quantile(times, 0.5), p90: quantile(times, 0.9) };
});

const base = results[0]?.median ?? 0;
const fmt = (s: number): string => `${s.toFixed(3)} s`;
const diff = (s: number): string => `${s < 0 ? '-' : '+'}${fmt(Math.abs(s))}`;
const width = Math.max(...results.map((r) => r.label.length));
console.log(`${'command'.padEnd(width)}  ${'median'.padStart(9)}  ${'p90'.padStart(9)}  ${'vs node -e 0'.padStart(12)}   (${RUNS} runs each, Node ${process.versions.node})`);
for (const r of results) console.log(`${r.label.padEnd(width)}  ${fmt(r.median).padStart(9)}  ${fmt(r.p90).padStart(9)}  ${diff(r.median - base).padStart(12)}`);
console.log('');
let failed = false;
for (const r of results) {
  if (r.within === undefined) continue;
  const ok = r.median - base <= r.within;
  failed ||= !ok;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${r.label}: ${diff(r.median - base)} over node -e 0 (target within ${r.within} s)`);
}
process.exitCode = failed ? 1 : 0;
