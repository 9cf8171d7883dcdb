/**
 * Least privilege is generated, not guessed: a full scan of the seeded demo
 * account may only call operations whose IAM actions the code declares, and
 * each collector only its own.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AUDITORS } from '../../auditors/index.js';
import { iamActionFor } from '../../src/aws/iam-actions.js';
import { RequestCounter } from '../../src/aws/request-counter.js';
import { declaredActions, auditRolePolicy, runnerPolicy } from '../../src/pipeline/permissions.js';
import { Registry } from '../../src/core/registry.js';
import { seedDemoAccount } from '../../src/emulator/demo-seed.js';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, scanArgs, tempDir } from '../helpers/cli.js';

const registry = new Registry(AUDITORS);

describe('declared permissions', () => {
  const aws = useEmulator();

  it('each collector calls only the actions it declares', async () => {
    await seedDemoAccount(aws.clients());
    for (const collector of registry.collectors) {
      const counter = new RequestCounter();
      // Every inventory is collected on the emulator (its front serves what moto lacks).
      await collector.collect(aws.collectContext({ counter }));
      const called = Object.keys(counter.snapshot()).map(iamActionFor);
      assert.ok(called.length > 0, `${collector.id} made calls`);
      for (const action of called) assert.ok(collector.permissions.includes(action), `${collector.id} calls ${action} without declaring it`);
    }
  });

  it('a whole scan calls only declared actions, and the audit policy grants them', async () => {
    await seedDemoAccount(aws.clients());
    const run = await runCli(scanArgs(aws.endpoint, tempDir(), '--output', 'json'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /could not be collected/);
    const declared = declaredActions(registry);
    const granted = new Set(auditRolePolicy(registry).Statement.flatMap((s) => s.Action));
    for (const key of Object.keys(run.counter.snapshot())) {
      const action = iamActionFor(key);
      assert.ok(declared.has(action), `the scan called ${action} (${key}) which nothing declares`);
      if (!/^dynamodb:(?!List)/.test(action) && action !== 'sts:AssumeRole') assert.ok(granted.has(action), `the audit policy lacks ${action}`);
    }
  });
});

describe('generated policies', () => {
  it('the audit role grants every collector action and Security Hub publishing, nothing that writes elsewhere', () => {
    const policy = auditRolePolicy(registry);
    const actions = policy.Statement.flatMap((s) => s.Action);
    for (const collector of registry.collectors) for (const action of collector.permissions) assert.ok(actions.includes(action), action);
    assert.ok(actions.includes('securityhub:BatchImportFindings'));
    // AWS Backup's checks list the account's tables; nothing may write to one, the record table included.
    assert.ok(!actions.some((a) => /^dynamodb:(?!List|Describe)/.test(a)), 'the record table is the runner\'s, not the audit role\'s');
    // iam:GenerateCredentialReport only has IAM build the report GetCredentialReport reads (IAM lists it as a Read action).
    assert.ok(actions.every((a) => /^(securityhub|sts):|:(Describe|Get|List|BatchGet)/.test(a) || a === 'iam:GenerateCredentialReport'), 'collection is read-only');
  });

  it('the runner role is scoped to its table and indexes and to the audit roles', () => {
    const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/rampart-findings';
    const policy = runnerPolicy(table, ['arn:aws:iam::111111111111:role/RampartAudit']);
    const byId = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    assert.deepEqual(byId.RampartRecordTable?.Resource, [table, `${table}/index/*`]);
    assert.deepEqual(byId.RampartAssumeAuditRoles?.Resource, ['arn:aws:iam::111111111111:role/RampartAudit']);
    assert.ok(!byId.RampartRecordTable?.Action.includes('dynamodb:CreateTable'));
  });
});
