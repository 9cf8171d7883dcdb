/**
 * An account with nothing in it: checks that read nothing the account has
 * produce no findings and no errors; account-level checks still judge the account.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, scanArgs, tempDir } from '../helpers/cli.js';
import type { AsffFinding } from '../../src/findings/types.js';

describe('an empty account', () => {
  const aws = useEmulator();

  it('gives no errors, no findings for absent services, and account-level findings only where the account itself is judged', async () => {
    // prepare
    await aws.clients().get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const out = tempDir();
    // act
    const run = await runCli(scanArgs(aws.endpoint, out));
    // assert
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /could not be collected/);
    const findings = JSON.parse(readFileSync(join(out, 'findings.asff.json'), 'utf8')) as AsffFinding[];
    // moto's credential report has no <root_account> row, which AWS always writes: that one check cannot judge the emulator's root.
    assert.deepEqual(findings.filter((f) => f.Compliance.Status === 'NOT_AVAILABLE').map((f) => f.GeneratorId), ['iam-root-not-used-recently']);
    const services = new Set(findings.map((f) => f.ProductFields['rampart/service']));
    for (const absent of ['rds', 'redshift', 'sqs', 'opensearch', 'ecs', 'ssm', 'ami', 's3']) {
      const own = findings.filter((f) => f.ProductFields['rampart/service'] === absent && f.Resources[0]?.Type !== 'AwsAccount');
      assert.deepEqual(own.map((f) => f.Id), [], `no ${absent} resource findings in an empty account`);
    }
    // Judged even when empty: the account's own settings (password policy, CloudTrail in the region, EBS default encryption, S3 account BPA).
    for (const present of ['iam', 'cloudtrail', 'ebs', 's3']) assert.ok(services.has(present), `${present} judges the account`);
  });
});
