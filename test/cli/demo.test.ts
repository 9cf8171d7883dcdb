/**
 * The demo account, scanned as `rampart demo` scans it: every auditor finds
 * at least one real problem, and the compliant decoys raise nothing.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoAccount } from '../../src/emulator/demo-seed.js';
import { DEMO_CONFIG_YAML, DEMO_LEFT_OUT, leftOutChecks, leftOutName } from '../../src/emulator/demo-config.js';
import { demoScanArgs } from '../../src/cli/demo-command.js';
import { OUTPUT_FILES } from '../../src/publish/files.js';
import { AUDITORS } from '../../auditors/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';
import type { AsffFinding } from '../../src/findings/types.js';

/** Auditors whose resources the emulator cannot create: no finding to show, and no error either. */
const NOT_SEEDABLE = new Set([
  'appstream', // moto does not serve AppStream 2.0; the local front answers as an account without it
  'docdb', // moto serves the RDS API DocumentDB speaks but refuses the docdb engine: no DocumentDB resource can be seeded
]);
/** Checks the demo runs that find nothing to fail in the emulator (real AWS would): no FAILED finding, and no ERROR either. */
const NO_DEMO_FINDING = new Set([
  // The demo's backup plan assigns every resource but one table (the emulator makes no recovery points to tell them apart otherwise).
  'backup-ec2-instance-protected',
  'backup-ebs-volume-protected',
  'backup-rds-instance-protected',
  'cloudtrail-trail-delivers-logs', // moto never reports a delivery error
  'secretsmanager-secret-rotated-recently', // moto stamps every secret with the current time and cannot back-date it
  'iam-root-no-access-keys', // moto always reports AccountAccessKeysPresent 0
  // One account has one Shield Response Team setting: the demo authorises a role (so the log-bucket check can fail) and cannot also lack one.
  'shield-drt-access-role-authorized',
  'iam-console-password-used-recently', // moto cannot back-date a password, and the demo keeps the 45-day limit
]);
const LEFT_OUT = new Set(DEMO_LEFT_OUT.flatMap(leftOutChecks));

/** The demo's scan with the demo's config, as `rampart demo` runs it. */
async function demoScan(endpoint: string): Promise<{ out: string; run: Awaited<ReturnType<typeof runCli>> }> {
  const out = tempDir();
  const config = join(out, 'rampart.yaml');
  writeFileSync(config, DEMO_CONFIG_YAML);
  const run = await runCli(['scan', ...demoScanArgs(endpoint, config, out), '--no-progress']);
  return { out, run };
}

describe('the demo account', () => {
  const aws = useEmulator();

  it('has a FAILED finding from every check it runs, none on a compliant decoy, and no ERROR: the scan is complete', async () => {
    // prepare
    const seed = await seedDemoAccount(aws.clients());
    // act
    const { out, run } = await demoScan(aws.endpoint);
    // assert
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^ERROR(\s+0){6}$/m);
    const findings = JSON.parse(readFileSync(join(out, OUTPUT_FILES.json), 'utf8')) as AsffFinding[];
    const failed = findings.filter((f) => f.Compliance.Status === 'FAILED');
    for (const auditor of AUDITORS) {
      const shown = auditor.checks.filter((c) => !LEFT_OUT.has(c.meta.id));
      if (shown.length === 0 || NOT_SEEDABLE.has(auditor.service)) continue;
      assert.ok(failed.some((f) => f.ProductFields['rampart/service'] === auditor.service), `the demo shows a FAILED ${auditor.service} finding`);
      for (const check of shown.filter((c) => !NO_DEMO_FINDING.has(c.meta.id))) {
        assert.ok(failed.some((f) => f.GeneratorId === check.meta.id), `the demo shows a FAILED finding of ${check.meta.id}`);
      }
    }
    for (const decoy of seed.compliant) {
      const hits = failed.filter((f) => f.Resources.some((r) => r.Id === decoy || r.Id.endsWith(`/${decoy}`) || r.Id.endsWith(`:${decoy}`)));
      assert.deepEqual(hits.map((f) => f.GeneratorId), [], `the compliant decoy ${decoy} has no FAILED finding`);
    }
    const errors = findings.filter((f) => f.Compliance.Status === 'NOT_AVAILABLE');
    assert.deepEqual(errors.map((f) => `${f.GeneratorId}: ${f.Description}`), []);
    assert.deepEqual(findings.filter((f) => LEFT_OUT.has(f.GeneratorId)).map((f) => f.GeneratorId), [], 'the left-out checks do not run');
  });

  it('the README names every check or auditor the demo leaves out', () => {
    // prepare
    const readme = readFileSync('README.md', 'utf8');
    // act
    const missing = DEMO_LEFT_OUT.map(leftOutName).filter((name) => !readme.includes(`\`${name}\``));
    // assert
    assert.deepEqual(missing, []);
  });
});
