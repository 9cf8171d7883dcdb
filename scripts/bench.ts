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
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAwsClients, type AwsClients } from '../src/aws/clients.js';
import { emulatorEnv, startEmulator, type Emulator } from '../src/emulator/moto.js';
import type { AsffFinding } from '../src/findings/types.js';
import { SECURITY_HUB_LIMIT } from '../src/publish/rate-limit.js';
import { ec2Auditor } from '../auditors/ec2/index.js';
import { s3Auditor } from '../auditors/s3/index.js';
import { CONTAINER_NODE_FLAGS, isScanRequest, type BenchScanResult } from './bench-common.js';
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
  --scale <k>             also measure at k × both counts (e.g. 2), and compare
                          peak memory with 1×
  --seed-concurrency <n>  seeding requests in flight (default 16)
  --json                  also print the result as JSON
  --verbose               also print each scan's own summary and log
  -h, --help              this text`;

// ---------------------------------------------------------------- options

interface BenchOptions {
  /** At 1×. */
  securityGroups: number;
  buckets: number;
  /** Above 1: measure at 1×, grow the account to scale × and measure again. */
  scale: number;
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
    securityGroups: Math.round(numberOption('--security-groups', values['security-groups'], 2000)),
    buckets: Math.round(numberOption('--buckets', values.buckets, 300)),
    scale,
    seedConcurrency: Math.max(1, Math.round(numberOption('--seed-concurrency', values['seed-concurrency'], 16, true))),
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}

// ---------------------------------------------------------------- measuring

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
  findings: FindingCounts;
  requests: Record<string, number>;
  totalRequests: number;
  scanRequests: number;
  importCalls: number;
  importSends: number[];
  /** First request sent → last answer received, per kind of request. */
  wire: BenchScanResult['wire'];
  /** The scan's own wall time by phase (reconcile, publish and record summed over scopes). */
  phases?: NonNullable<BenchScanResult['phases']>;
  /** "resources seen" as the scan's own summary reports it. */
  scanReportedResources?: number;
}

/** Runs one scan in a child process (bench-scan.js), so its peak RSS is the scan's alone. */
async function measuredScan(label: string, endpoint: string, table: string): Promise<ScanRun> {
  const outDir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
  try {
    const child = spawn(process.execPath, [...CONTAINER_NODE_FLAGS, join(dirname(fileURLToPath(import.meta.url)), 'bench-scan.js'), endpoint, REGION, table, outDir], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    const line = out.trim().split('\n').at(-1) ?? '';
    let result: BenchScanResult;
    try {
      result = JSON.parse(line) as BenchScanResult;
    } catch {
      throw new Error(`the ${label} process exited ${code} without a result: ${err.slice(-2000)}`);
    }
    let findings: FindingCounts = { total: 0, failed: 0, passed: 0, notAvailable: 0, seededNotAvailable: 0, archived: 0 };
    let stderr = result.stderr + err;
    try {
      findings = countFindings(join(outDir, 'findings.asff.json'));
    } catch (error) {
      stderr += `bench: findings.asff.json could not be read: ${(error as Error).message}\n`;
    }
    const requests = result.requests;
    const total = (filter: (key: string) => boolean): number => Object.entries(requests).filter(([key]) => filter(key)).reduce((sum, [, n]) => sum + n, 0);
    return {
      label,
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr,
      wallSeconds: result.wallSeconds,
      peakRssBytes: result.peakRssBytes,
      findings,
      requests,
      totalRequests: total(() => true),
      scanRequests: total(isScanRequest),
      importCalls: total((key) => key === 'SecurityHub:BatchImportFindings'),
      importSends: result.importSends,
      wire: result.wire,
      ...(result.phases ? { phases: result.phases } : {}),
      ...(result.resources !== undefined ? { scanReportedResources: result.resources } : {}),
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
  const seconds = run.wire.publish ?? 0;
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

/** Record-table data calls (reads and writes; not DescribeTable/CreateTable, which set the table up). */
function dynamoCalls(run: ScanRun): number {
  return Object.entries(run.requests).filter(([key]) => /^DynamoDB:(Query|Scan|GetItem|BatchGetItem|PutItem|UpdateItem|BatchWriteItem|TransactWriteItems)$/.test(key)).reduce((sum, [, n]) => sum + n, 0);
}

const MIB = 1024 * 1024;
const RSS_LIMIT = 256 * MIB;
/** One account, one region: the EC2 and S3 inventories share the scope of the home region. */
const SCOPES = 1;

function evaluateTargets(full: ScanRun, rescan: ScanRun, probe: InventoryProbe): Target[] {
  const recordShare = full.phases ? full.phases.recordMs / (full.wallSeconds * 1000) : Number.NaN;
  const rescanOverCollect = rescan.phases ? rescan.wallSeconds / (rescan.phases.collectMs / 1000) : Number.NaN;
  const callBound = 2 * Math.ceil(full.findings.total / 25) + SCOPES;
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
    check(
      'unchanged re-scan: no record writes beyond the scope marker',
      (rescan.requests['DynamoDB:BatchWriteItem'] ?? 0) <= SCOPES && (rescan.requests['DynamoDB:PutItem'] ?? 0) === 0 && (rescan.requests['DynamoDB:UpdateItem'] ?? 0) === 0,
      `BatchWriteItem ${rescan.requests['DynamoDB:BatchWriteItem'] ?? 0} (the marker, ${SCOPES} scope), PutItem ${rescan.requests['DynamoDB:PutItem'] ?? 0}, UpdateItem ${rescan.requests['DynamoDB:UpdateItem'] ?? 0}`,
    ),
    check(`${full.label}: DynamoDB calls ≤ 2 × ⌈findings / 25⌉ + scopes`, dynamoCalls(full) <= callBound, `${dynamoCalls(full)} call(s) for ${full.findings.total} findings; bound 2 × ${Math.ceil(full.findings.total / 25)} + ${SCOPES} = ${callBound}`),
    check(`${full.label}: record phase ≤ 20 % of the wall time`, recordShare <= 0.2, `${full.phases ? (full.phases.recordMs / 1000).toFixed(2) : '-'} s of ${full.wallSeconds.toFixed(2)} s = ${(recordShare * 100).toFixed(1)} %`),
    check(`${rescan.label}: wall time ≤ 1.1 × its collect phase`, rescanOverCollect <= 1.1, `${rescan.wallSeconds.toFixed(2)} s wall vs ${rescan.phases ? (rescan.phases.collectMs / 1000).toFixed(2) : '-'} s collect = ${rescanOverCollect.toFixed(2)} ×`),
    ...[full, rescan].map((run) => check(`${run.label}: peak RSS ≤ 256 MiB`, run.peakRssBytes <= RSS_LIMIT, `${(run.peakRssBytes / MIB).toFixed(0)} MiB (the scanning process alone)`)),
    publishRateTarget(full),
    publishRateTarget(rescan),
    check('both scans exit 0', full.exitCode === 0 && rescan.exitCode === 0, `full scan ${full.exitCode}, re-scan ${rescan.exitCode}`),
  ];
}

/** At K×, each scan's peak RSS stays within 1.25 × the same scan's at 1×: memory does not grow with the account. */
function scaleTargets(base: readonly ScanRun[], scaled: readonly ScanRun[], factor: number): Target[] {
  return scaled.map((run, i) => {
    const reference = base[i] as ScanRun;
    const ratio = run.peakRssBytes / reference.peakRssBytes;
    return check(`${run.label}: peak RSS at ${factor}× ≤ 1.25 × 1×`, ratio <= 1.25, `${(run.peakRssBytes / MIB).toFixed(0)} MiB vs ${(reference.peakRssBytes / MIB).toFixed(0)} MiB at 1× = ${ratio.toFixed(2)} ×`);
  });
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
  const publishRate = run.importCalls > 0 && run.wire.publish ? run.importCalls / run.wire.publish : undefined;
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
    '  validates --regions, is counted in AWS requests only). findings: entries of findings.asff.json',
    `  (every result: FAILED, PASSED, NOT_AVAILABLE). peak RSS: the scan's own process (its maxRSS), run with the container's Node flags (${CONTAINER_NODE_FLAGS.join(' ')});`,
    '  moto_server is a separate process and not counted. SH publish rate: BatchImportFindings calls / publish duration',
    '  (first call sent → last answer received); with a burst of 30 a short publish averages above 10/s: target (c) replays',
    '  the send times through the 10/s, burst 30 token bucket.',
    '',
  );
  for (const run of runs) {
    const p = run.phases;
    lines.push(
      `${run.label}: wall ${run.wallSeconds.toFixed(2)} s; phases (the scan's own clock; reconcile, publish and record summed over scopes): ` +
        (p ? `collect ${seconds(p.collectMs / 1000)}, reconcile ${seconds(p.reconcileMs / 1000)}, publish ${seconds(p.publishMs / 1000)}, record ${seconds(p.recordMs / 1000)}` : 'not reported') +
        `; on the wire: record-table reads ${seconds(run.wire.prior)}, writes ${seconds(run.wire.record)}, Security Hub ${seconds(run.wire.publish)}; ` +
        `DynamoDB calls ${dynamoCalls(run)} (${Object.entries(run.requests).filter(([k]) => k.startsWith('DynamoDB:')).map(([k, n]) => `${k.slice(9)} ${n}`).join(', ')}); ` +
        `findings FAILED ${run.findings.failed}, PASSED ${run.findings.passed}, NOT_AVAILABLE ${run.findings.notAvailable}, archived ${run.findings.archived}; scan exit ${run.exitCode}`,
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

interface Stage {
  label: string;
  seed: SeedResult;
  seedSeconds: number;
  probe: InventoryProbe;
  runs: ScanRun[];
  targets: Target[];
}

async function measureStage(label: string, endpoint: string, seed: SeedResult, seedSeconds: number, probe: InventoryProbe): Promise<Stage> {
  const table = `rampart-bench-${label.replace(/[^a-z0-9]/gi, '')}`;
  process.stderr.write(`bench: ${label}: running the full scan\n`);
  const full = await measuredScan(`${label} full scan`, endpoint, table);
  process.stderr.write(`bench: ${label}: full scan ${full.wallSeconds.toFixed(1)} s; running the unchanged re-scan\n`);
  const rescan = await measuredScan(`${label} unchanged re-scan`, endpoint, table);
  return { label, seed, seedSeconds, probe, runs: [full, rescan], targets: evaluateTargets(full, rescan, probe) };
}

async function bench(options: BenchOptions): Promise<number> {
  let emulator: Emulator | undefined;
  let seedClients: AwsClients | undefined;
  try {
    process.stderr.write('bench: starting the emulator\n');
    emulator = await startEmulator({ log: (line) => process.stderr.write(`bench: ${line}\n`) });
    Object.assign(process.env, emulatorEnv(emulator.endpoint, REGION), { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    seedClients = createAwsClients(ACCOUNT, REGION, undefined, { endpointUrl: emulator.endpoint });
    const stages: Stage[] = [];
    let seeded = { securityGroups: 0, buckets: 0, vpcs: 0 };
    for (const factor of options.scale > 1 ? [1, options.scale] : [1]) {
      const securityGroups = Math.round(options.securityGroups * factor) - seeded.securityGroups;
      const buckets = Math.round(options.buckets * factor) - seeded.buckets;
      process.stderr.write(`bench: seeding ${securityGroups} security groups and ${buckets} buckets for ${factor}× (${options.seedConcurrency} requests in flight)\n`);
      const seedStarted = performance.now();
      const seed = await seedBenchAccount(seedClients, { securityGroups, buckets, concurrency: options.seedConcurrency, offset: seeded });
      const probe = await probeInventory(seedClients);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      seeded = { securityGroups: seeded.securityGroups + securityGroups, buckets: seeded.buckets + buckets, vpcs: seeded.vpcs + seed.vpcs };
      // The account as it now is: this stage's resources added to the earlier stages'.
      const before = stages.at(-1)?.seed;
      const total: SeedResult = before
        ? { vpcs: before.vpcs + seed.vpcs, openGroups: before.openGroups + seed.openGroups, publicAclBuckets: before.publicAclBuckets + seed.publicAclBuckets, publicPolicyBuckets: before.publicPolicyBuckets + seed.publicPolicyBuckets, vpceOnlyPolicyBuckets: before.vpceOnlyPolicyBuckets + seed.vpceOnlyPolicyBuckets }
        : seed;
      stages.push(await measureStage(`${factor}x`, emulator.endpoint, total, seedSeconds, probe));
    }
    const [base, scaled] = stages;
    if (base && scaled) scaled.targets.push(...scaleTargets(base.runs, scaled.runs, options.scale));
    for (const stage of stages) {
      for (const run of stage.runs) {
        if (options.verbose) process.stdout.write(`\n--- ${run.label}: rampart output ---\n${run.stdout}${run.stderr}`);
        else if (run.exitCode !== 0) process.stdout.write(`\n--- ${run.label} exited ${run.exitCode} ---\n${run.stdout}${run.stderr}`);
      }
      const stageOptions = { ...options, securityGroups: stage.probe.securityGroups - (stage.probe.securityGroups - Math.round(options.securityGroups * (stage === scaled ? options.scale : 1))), buckets: stage.probe.buckets };
      process.stdout.write(report(stageOptions, stage.seed, stage.seedSeconds, stage.probe, stage.runs, stage.targets));
    }
    const targets = stages.flatMap((stage) => stage.targets);
    if (options.json) {
      const result = stages.map((stage) => ({
        stage: stage.label,
        inventory: { ...stage.probe, resources: stage.probe.securityGroups + stage.probe.buckets + 1 },
        runs: stage.runs.map(({ stdout: _stdout, stderr: _stderr, importSends: _sends, ...run }) => run),
        targets: stage.targets,
      }));
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
