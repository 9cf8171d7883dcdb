/**
 * The scan benchmark: seeds a large account into the emulator, runs a full
 * scan and an unchanged re-scan in this process, and prints what they cost
 * (requests, time, memory, Security Hub traffic) and whether the targets hold.
 *
 *   npm run bench -- [--security-groups N] [--buckets N] [--scale K] [--json] [--verbose]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAwsClients, type AwsClients } from '../src/aws/clients.js';
import { RequestCounter } from '../src/aws/request-counter.js';
import { main } from '../src/cli/main.js';
import { emulatorEnv, startEmulator, type Emulator } from '../src/emulator/moto.js';
import type { AsffFinding } from '../src/findings/types.js';
import { SECURITY_HUB_LIMIT } from '../src/publish/rate-limit.js';
import { ec2Auditor } from '../auditors/ec2/index.js';
import { s3Auditor } from '../auditors/s3/index.js';
import { probeInventory, seedBenchAccount, type InventoryProbe, type SeedResult } from './bench-seed.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
/** The page size the EC2 collector asks for (DescribeSecurityGroups MaxResults). */
const EC2_PAGE_SIZE = 1000;
/** The checks over what the benchmark seeds (security groups, buckets, the account's S3 settings). */
const SEEDED_CHECKS = new Set([ec2Auditor, s3Auditor].flatMap((auditor) => auditor.checks.map((c) => c.meta.id)));

const HELP = `Usage: npm run bench -- [options]

Seeds the local emulator (moto) with a large account, then runs a full scan and
an unchanged re-scan in this process and reports requests, time, memory and
Security Hub traffic, with PASS/WARN/FAIL targets (exit 1 when one fails).

  --security-groups <n>   security groups to seed (default 2000)
  --buckets <n>           S3 buckets to seed (default 300)
  --scale <k>             multiply both counts (e.g. 2)
  --seed-concurrency <n>  seeding requests in flight (default 16)
  --json                  also print the result as JSON
  --verbose               also print each scan's own summary and log
  -h, --help              this text`;

// ---------------------------------------------------------------- options

interface BenchOptions {
  securityGroups: number;
  buckets: number;
  seedConcurrency: number;
  json: boolean;
  verbose: boolean;
  help: boolean;
}

function numberOption(flag: string, value: string | undefined, fallback: number, positive = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (positive && n === 0)) throw new Error(`${flag} ${value}: expected a ${positive ? 'positive' : 'non-negative'} number`);
  return n;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      'security-groups': { type: 'string' },
      buckets: { type: 'string' },
      scale: { type: 'string' },
      'seed-concurrency': { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const scale = numberOption('--scale', values.scale, 1, true);
  return {
    securityGroups: Math.round(numberOption('--security-groups', values['security-groups'], 2000) * scale),
    buckets: Math.round(numberOption('--buckets', values.buckets, 300) * scale),
    seedConcurrency: Math.max(1, Math.round(numberOption('--seed-concurrency', values['seed-concurrency'], 16, true))),
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}

// ---------------------------------------------------------------- measuring

type Phase = 'collect' | 'publish' | 'prior' | 'record';

/** The RequestCounter the scan uses, plus a clock: when each phase's requests were on the wire. */
class TimedCounter extends RequestCounter {
  /** First request sent → last response received, per phase (performance.now() ms). */
  readonly windows = new Map<Phase, { start: number; end: number }>();
  /** When each BatchImportFindings attempt was sent. */
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

  seconds(phase: Phase): number | undefined {
    const window = this.windows.get(phase);
    return window ? (window.end - window.start) / 1000 : undefined;
  }
}

/**
 * Collection calls: the inventory reads, i.e. every request but Security Hub, DynamoDB
 * and STS. EC2:DescribeRegions validates --regions (planning), so it is not one either.
 */
function isScanRequest(key: string): boolean {
  return !/^(SecurityHub|DynamoDB|STS):/.test(key) && key !== 'EC2:DescribeRegions';
}

function phaseOf(key: string): Phase | undefined {
  if (isScanRequest(key)) return 'collect';
  if (key === 'SecurityHub:BatchImportFindings') return 'publish';
  if (key === 'DynamoDB:Query') return 'prior';
  if (/^DynamoDB:(PutItem|BatchWriteItem|UpdateItem)$/.test(key)) return 'record';
  return undefined;
}

/** Samples this process's RSS every 50 ms until stopped; returns the peak in bytes. */
function rssSampler(intervalMs = 50): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

interface FindingCounts {
  total: number;
  failed: number;
  passed: number;
  notAvailable: number;
  /** NOT_AVAILABLE results of the EC2 and S3 checks, over the seeded resources. */
  seededNotAvailable: number;
  archived: number;
}

function countFindings(path: string): FindingCounts {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path} is not a JSON array of findings`);
  const findings = parsed as AsffFinding[];
  const status = (s: string): number => findings.filter((f) => f.Compliance?.Status === s).length;
  return {
    total: findings.length,
    failed: status('FAILED'),
    passed: status('PASSED'),
    notAvailable: status('NOT_AVAILABLE'),
    seededNotAvailable: findings.filter((f) => f.Compliance?.Status === 'NOT_AVAILABLE' && SEEDED_CHECKS.has(f.GeneratorId)).length,
    archived: findings.filter((f) => f.RecordState === 'ARCHIVED').length,
  };
}

interface ScanRun {
  label: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  peakRssBytes: number;
  rssBeforeBytes: number;
  findings: FindingCounts;
  requests: Record<string, number>;
  totalRequests: number;
  scanRequests: number;
  importCalls: number;
  importSends: number[];
  collectSeconds?: number;
  publishSeconds?: number;
  priorSeconds?: number;
  recordSeconds?: number;
  /** "resources seen" as the scan's own summary reports it. */
  scanReportedResources?: number;
}

async function measuredScan(label: string, endpoint: string): Promise<ScanRun> {
  const outDir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
  const counter = new TimedCounter();
  let stdout = '';
  let stderr = '';
  try {
    const rssBeforeBytes = process.memoryUsage.rss();
    const sampler = rssSampler();
    const started = performance.now();
    const exitCode = await main(
      ['scan', '--endpoint-url', endpoint, '--regions', REGION, '--create-table', '--no-progress', '--output', 'json', '--out-dir', outDir],
      {
        env: process.env,
        stdout: (text) => void (stdout += text),
        stderr: (text) => void (stderr += text),
        stderrIsTty: false,
        counter,
      },
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const peakRssBytes = sampler.stop();
    let findings: FindingCounts = { total: 0, failed: 0, passed: 0, notAvailable: 0, seededNotAvailable: 0, archived: 0 };
    try {
      findings = countFindings(join(outDir, 'findings.json'));
    } catch (error) {
      stderr += `bench: findings.json could not be read: ${(error as Error).message}\n`;
    }
    const seen = /resources seen: (\d+)/.exec(stdout)?.[1];
    const collectSeconds = counter.seconds('collect');
    const publishSeconds = counter.seconds('publish');
    const priorSeconds = counter.seconds('prior');
    const recordSeconds = counter.seconds('record');
    return {
      label,
      exitCode,
      stdout,
      stderr,
      wallSeconds,
      peakRssBytes,
      rssBeforeBytes,
      findings,
      requests: counter.snapshot(),
      totalRequests: counter.total(),
      scanRequests: counter.total(isScanRequest),
      importCalls: counter.total((key) => key === 'SecurityHub:BatchImportFindings'),
      importSends: [...counter.importSends],
      ...(collectSeconds !== undefined ? { collectSeconds } : {}),
      ...(publishSeconds !== undefined ? { publishSeconds } : {}),
      ...(priorSeconds !== undefined ? { priorSeconds } : {}),
      ...(recordSeconds !== undefined ? { recordSeconds } : {}),
      ...(seen !== undefined ? { scanReportedResources: Number(seen) } : {}),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- targets

interface Target {
  name: string;
  /** WARN: within the stated tolerance but not strictly; does not fail the run. */
  status: 'PASS' | 'WARN' | 'FAIL' | 'SKIP';
  detail: string;
}

const check = (name: string, ok: boolean, detail: string): Target => ({ name, status: ok ? 'PASS' : 'FAIL', detail });

/**
 * Replays the BatchImportFindings send times through the service's token bucket
 * (10/s, burst 30). Returns the lowest token level seen: below 0 means a request
 * went out that Security Hub would have throttled.
 */
function lowestTokens(sends: readonly number[]): number {
  let tokens: number = SECURITY_HUB_LIMIT.burst;
  let lowest: number = tokens;
  let previous = sends[0] ?? 0;
  for (const sent of sends) {
    tokens = Math.min(SECURITY_HUB_LIMIT.burst, tokens + ((sent - previous) / 1000) * SECURITY_HUB_LIMIT.ratePerSecond) - 1;
    previous = sent;
    lowest = Math.min(lowest, tokens);
  }
  return lowest;
}

/** (a) Each resource fetched once: list calls equal the pages served, per-bucket reads equal the buckets. */
function fetchOnceTargets(run: ScanRun, probe: InventoryProbe): Target[] {
  const count = (key: string): number => run.requests[key] ?? 0;
  const targets: Target[] = [];
  const awsPages = Math.max(1, Math.ceil(probe.securityGroups / EC2_PAGE_SIZE));
  targets.push(
    check(
      `${run.label}: EC2 DescribeSecurityGroups once per page`,
      count('EC2:DescribeSecurityGroups') === probe.securityGroupPages,
      `${count('EC2:DescribeSecurityGroups')} call(s) for ${probe.securityGroups} groups; the emulator serves ${probe.securityGroupPages} page(s) at MaxResults ${EC2_PAGE_SIZE}` +
        (awsPages !== probe.securityGroupPages ? ` (AWS would serve ceil(${probe.securityGroups}/${EC2_PAGE_SIZE}) = ${awsPages}; moto ignores MaxResults)` : ''),
    ),
  );
  const s3Keys = Object.keys(run.requests).filter((key) => key.startsWith('S3:') || key.startsWith('S3Control:'));
  if (s3Keys.length === 0) {
    targets.push({ name: `${run.label}: S3 each bucket read once`, status: 'SKIP', detail: 'no S3 requests: the S3 auditor is not registered in auditors/index.ts' });
    return targets;
  }
  targets.push(check(`${run.label}: S3 ListBuckets once per page`, count('S3:ListBuckets') === probe.bucketPages, `${count('S3:ListBuckets')} call(s); the emulator serves ${probe.bucketPages} page(s) of ${probe.buckets} buckets at MaxBuckets 1000`));
  for (const key of s3Keys.filter((k) => k.startsWith('S3:') && k !== 'S3:ListBuckets')) {
    targets.push(check(`${run.label}: ${key} once per bucket`, count(key) === probe.buckets, `${count(key)} call(s) for ${probe.buckets} buckets`));
  }
  // The account's Block Public Access settings are read through S3 Control: once, and never skipped.
  for (const key of new Set(['S3Control:GetPublicAccessBlock', ...s3Keys.filter((k) => k.startsWith('S3Control:'))])) {
    targets.push(check(`${run.label}: ${key} once per account`, count(key) === 1, `${count(key)} call(s) for 1 account (a request that fails before it is sent, e.g. on endpoint resolution, is not counted)`));
  }
  return targets;
}

/**
 * (c) Security Hub publish rate within 10 requests/s, burst 30. The send times are taken on the
 * way to the wire, after the publisher's own limiter released each request, so serialization
 * delays shift them a little: up to one request over is reported as WARN, beyond that FAIL.
 */
function publishRateTarget(run: ScanRun): Target {
  const name = `${run.label}: Security Hub publish rate ≤ 10/s (burst 30)`;
  if (run.importCalls === 0) return check(name, true, 'no BatchImportFindings calls');
  const seconds = run.publishSeconds ?? 0;
  const allowed = SECURITY_HUB_LIMIT.burst + SECURITY_HUB_LIMIT.ratePerSecond * seconds;
  const lowest = lowestTokens(run.importSends);
  const strict = run.importCalls <= allowed && lowest >= 0;
  const tolerated = run.importCalls <= allowed + 1 && lowest >= -1;
  return {
    name,
    status: strict ? 'PASS' : tolerated ? 'WARN' : 'FAIL',
    detail:
      `${run.importCalls} call(s) in ${seconds.toFixed(2)} s vs 30 + 10 × ${seconds.toFixed(2)} = ${allowed.toFixed(1)} allowed; ` +
      `token-bucket replay of the send times: lowest level ${lowest.toFixed(2)} (≥ 0 to PASS, ≥ -1 tolerated as WARN: send-time jitter of up to one request)`,
  };
}

function evaluateTargets(full: ScanRun, rescan: ScanRun, probe: InventoryProbe): Target[] {
  return [
    ...fetchOnceTargets(full, probe),
    ...fetchOnceTargets(rescan, probe),
    ...[full, rescan].map((run) =>
      check(
        `${run.label}: security groups and buckets fully read (0 ERROR results of the EC2 and S3 checks)`,
        run.findings.seededNotAvailable === 0,
        `${run.findings.seededNotAvailable} NOT_AVAILABLE finding(s) of the EC2/S3 checks, ${run.findings.notAvailable} in all${run.findings.notAvailable > 0 ? ' (--verbose shows the collection failures)' : ''}`,
      ),
    ),
    check('unchanged re-scan: 0 BatchImportFindings calls', rescan.importCalls === 0, `${rescan.importCalls} call(s)`),
    publishRateTarget(full),
    publishRateTarget(rescan),
    check('both scans exit 0', full.exitCode === 0 && rescan.exitCode === 0, `full scan ${full.exitCode}, re-scan ${rescan.exitCode}`),
  ];
}

// ---------------------------------------------------------------- printing

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ').trimEnd();
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const fixed = (n: number | undefined, digits: number): string => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const seconds = (s: number | undefined): string => (s === undefined ? 'none' : `${s.toFixed(2)} s`);
const mb = (bytes: number): number => bytes / (1024 * 1024);

function resultRow(run: ScanRun, seeded: number): string[] {
  const resources = run.scanReportedResources ?? seeded;
  const publishRate = run.importCalls > 0 && run.publishSeconds ? run.importCalls / run.publishSeconds : undefined;
  return [
    run.label,
    String(resources),
    String(run.totalRequests),
    String(run.scanRequests),
    fixed(run.scanRequests / resources, 2),
    String(run.findings.total),
    fixed(run.wallSeconds, 2),
    fixed(run.findings.total / run.wallSeconds, 0),
    fixed(mb(run.peakRssBytes), 0),
    String(run.importCalls),
    fixed(publishRate, 1),
  ];
}

function report(options: BenchOptions, seed: SeedResult, seedSeconds: number, probe: InventoryProbe, runs: readonly ScanRun[], targets: readonly Target[]): string {
  const seeded = probe.securityGroups + probe.buckets + 1;
  const [full] = runs;
  const lines: string[] = [];
  lines.push(
    '',
    `rampart scan benchmark: ${options.securityGroups} security groups (+ ${probe.securityGroups - options.securityGroups} VPC default groups, ${seed.vpcs} seeded VPC(s)), ` +
      `${options.buckets} buckets (${seed.publicAclBuckets} public-read ACL, ${seed.publicPolicyBuckets} public policy, ${seed.vpceOnlyPolicyBuckets} VPC-endpoint-only policy), 1 account`,
    `seeded resources: ${probe.securityGroups} security groups + ${probe.buckets} buckets + 1 account = ${seeded}; seeding took ${seedSeconds.toFixed(1)} s (not measured below)`,
    '',
    table([
      ['run', 'resources', 'AWS requests', 'scan requests', 'req/resource', 'findings', 'wall (s)', 'findings/s', 'peak RSS (MB)', 'BatchImportFindings', 'SH publish rate (req/s)'],
      ...runs.map((run) => resultRow(run, seeded)),
    ]),
    '',
    '  resources: what the scan inventoried ("resources seen"; with only the EC2 and S3 auditors: the seeded resources).',
    '  scan requests: inventory calls, i.e. every request but Security Hub, DynamoDB and STS (EC2:DescribeRegions, which',
    '  validates --regions, is counted in AWS requests only). findings: entries of findings.json',
    '  (every result: FAILED, PASSED, NOT_AVAILABLE). peak RSS: this Node process, where the scan runs, sampled every 50 ms;',
    '  moto_server is a separate process and not counted. SH publish rate: BatchImportFindings calls / publish duration',
    '  (first call sent → last answer received); with a burst of 30 a short publish averages above 10/s: target (c) replays',
    '  the send times through the 10/s, burst 30 token bucket.',
    '',
  );
  for (const run of runs) {
    lines.push(
      `${run.label}: collection ${seconds(run.collectSeconds)}, record table reads ${seconds(run.priorSeconds)}, Security Hub publish ${seconds(run.publishSeconds)}, record table writes ${seconds(run.recordSeconds)} (first request sent → last answer, per phase); ` +
        `findings FAILED ${run.findings.failed}, PASSED ${run.findings.passed}, NOT_AVAILABLE ${run.findings.notAvailable}, archived ${run.findings.archived}; ` +
        `RSS before ${fixed(mb(run.rssBeforeBytes), 0)} MB; scan exit ${run.exitCode}${run.scanReportedResources !== undefined ? `; scan reports ${run.scanReportedResources} resources seen` : ''}`,
    );
  }
  const operations = [...new Set(runs.flatMap((run) => Object.keys(run.requests)))].sort();
  lines.push(
    '',
    'requests by operation',
    table([['operation', ...runs.map((run) => run.label)], ...operations.map((op) => [op, ...runs.map((run) => String(run.requests[op] ?? 0))]), ['total', ...runs.map((run) => String(run.totalRequests))]]),
    '',
    'targets',
    ...targets.map((t) => `  ${t.status}  ${t.name}: ${t.detail}`),
  );
  if (full && !Object.keys(full.requests).some((key) => key.startsWith('S3:'))) {
    lines.push('', 'note: the scan made no S3 requests (S3 auditor not registered): the buckets were not scanned.');
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- main

async function bench(options: BenchOptions): Promise<number> {
  let emulator: Emulator | undefined;
  let seedClients: AwsClients | undefined;
  try {
    process.stderr.write('bench: starting the emulator\n');
    emulator = await startEmulator({ log: (line) => process.stderr.write(`bench: ${line}\n`) });
    Object.assign(process.env, emulatorEnv(emulator.endpoint, REGION), { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    seedClients = createAwsClients(ACCOUNT, REGION, undefined, { endpointUrl: emulator.endpoint });

    process.stderr.write(`bench: seeding ${options.securityGroups} security groups and ${options.buckets} buckets (${options.seedConcurrency} requests in flight)\n`);
    const seedStarted = performance.now();
    const seed = await seedBenchAccount(seedClients, { securityGroups: options.securityGroups, buckets: options.buckets, concurrency: options.seedConcurrency });
    const probe = await probeInventory(seedClients);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    process.stderr.write(`bench: seeded in ${seedSeconds.toFixed(1)} s; running the full scan\n`);

    const full = await measuredScan('full scan', emulator.endpoint);
    process.stderr.write(`bench: full scan ${full.wallSeconds.toFixed(1)} s; running the unchanged re-scan\n`);
    const rescan = await measuredScan('unchanged re-scan', emulator.endpoint);
    const runs = [full, rescan];
    if (options.verbose) {
      for (const run of runs) process.stdout.write(`\n--- ${run.label}: rampart output ---\n${run.stdout}${run.stderr}`);
    } else {
      for (const run of runs) if (run.exitCode !== 0) process.stdout.write(`\n--- ${run.label} exited ${run.exitCode} ---\n${run.stdout}${run.stderr}`);
    }
    const targets = evaluateTargets(full, rescan, probe);
    process.stdout.write(report(options, seed, seedSeconds, probe, runs, targets));
    if (options.json) {
      const result = {
        options: { securityGroups: options.securityGroups, buckets: options.buckets },
        seed: { ...seed, seconds: seedSeconds },
        inventory: { ...probe, resources: probe.securityGroups + probe.buckets + 1 },
        runs: runs.map(({ stdout: _stdout, stderr: _stderr, importSends: _sends, ...run }) => run),
        targets,
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    }
    return targets.some((t) => t.status === 'FAIL') ? 1 : 0;
  } finally {
    seedClients?.destroy();
    await emulator?.stop();
  }
}

async function run(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${HELP}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  try {
    process.exitCode = await bench(options);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}

await run();
