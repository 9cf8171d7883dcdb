import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import managedCheck from '../../../auditors/ssm/checks/ssm-instance-managed.js';
import associationCheck from '../../../auditors/ssm/checks/ssm-instance-association-succeeded.js';
import agentCheck from '../../../auditors/ssm/checks/ssm-instance-agent-up-to-date.js';
import patchCheck from '../../../auditors/ssm/checks/ssm-instance-patch-compliant.js';
import { ssmAuditor } from '../../../auditors/ssm/index.js';
import { fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { failed, instance, inventory, managedInstance, patchState, task, unmanaged } from './fixtures.js';

const empty = inventory([]);
const associationDefaults = associationCheck.parameters?.parse({}) as { requireAssociation: boolean };

describe('ssm-instance-managed', () => {
  it('fails a running instance SSM does not know, showing its instance profile', () => {
    // prepare
    const item = unmanaged('i-0aaa', { iamInstanceProfileArn: undefined });
    // act
    const verdict = managedCheck.evaluate(item, {}, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'running instance i-0aaa is not managed by Systems Manager');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { registered: false, iamInstanceProfileArn: null });
  });

  it('fails a registered instance whose agent lost its connection', () => {
    const verdict = managedCheck.evaluate(instance('i-0bbb', { managed: managedInstance({ pingStatus: 'ConnectionLost' }) }), {}, empty);
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /registered with Systems Manager but its agent is ConnectionLost \(last ping 2024-05-01T10:00:00.000Z\)/);
  });

  it('passes an online managed instance', () => {
    const verdict = managedCheck.evaluate(instance('i-0ccc'), {}, empty);
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.evidence, { registered: true, pingStatus: 'Online', lastPingAt: '2024-05-01T10:00:00.000Z', agentVersion: '3.3.40.0' });
  });

  it('does not judge a stopped instance, managed or not', () => {
    assert.equal(managedCheck.evaluate(unmanaged('i-0ddd', { state: 'stopped' }), {}, empty).status, 'NOT_APPLICABLE');
  });

  it('an unreported ping status is an ERROR, not a pass', () => {
    const { results } = evaluateChecks(task([managedCheck]), inventory([instance('i-0eee', { managed: managedInstance({ pingStatus: undefined }) })]));
    assert.equal(results[0]?.status, 'ERROR');
  });
});

describe('ssm-instance-association-succeeded', () => {
  it('fails when an association failed', () => {
    // prepare
    const item = instance('i-1', { managed: managedInstance({ associationStatus: 'Failed', associationCounts: { Success: 1, Failed: 2 } }) });
    // act
    const verdict = associationCheck.evaluate(item, associationDefaults, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, '2 State Manager association(s) of instance i-1 failed');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.associationCounts, { Success: 1, Failed: 2 });
  });

  it('passes when the associations succeeded, reading AssociationStatus when no counts are reported', () => {
    const fromStatus = instance('i-2', { managed: managedInstance({ associationStatus: 'Success', associationCounts: {} }) });
    assert.equal(associationCheck.evaluate(instance('i-1'), associationDefaults, empty).status, 'PASSED');
    assert.equal(associationCheck.evaluate(fromStatus, associationDefaults, empty).status, 'PASSED');
  });

  it('fails a managed instance without associations by default, and only then', () => {
    // prepare
    const item = instance('i-3', { managed: managedInstance({ associationStatus: undefined, associationCounts: {} }) });
    const lenient = associationCheck.parameters?.parse({ requireAssociation: false }) as { requireAssociation: boolean };
    // act
    const strict = associationCheck.evaluate(item, associationDefaults, empty);
    const relaxed = associationCheck.evaluate(item, lenient, empty);
    // assert
    assert.equal(strict.status, 'FAILED');
    assert.equal(strict.summary, 'managed instance i-3 has no State Manager association');
    assert.equal(relaxed.status, 'NOT_APPLICABLE');
  });

  it('does not judge associations still pending, unmanaged or stopped instances', () => {
    const pending = instance('i-4', { managed: managedInstance({ associationStatus: 'Pending', associationCounts: { Pending: 1 } }) });
    assert.equal(associationCheck.evaluate(pending, associationDefaults, empty).status, 'NOT_APPLICABLE');
    assert.equal(associationCheck.evaluate(unmanaged('i-5'), associationDefaults, empty).status, 'NOT_APPLICABLE');
    assert.equal(associationCheck.evaluate(instance('i-6', { state: 'stopped' }), associationDefaults, empty).status, 'NOT_APPLICABLE');
  });
});

describe('ssm-instance-agent-up-to-date', () => {
  it('fails an outdated agent, with its version', () => {
    const verdict = agentCheck.evaluate(instance('i-1', { managed: managedInstance({ isLatestVersion: false, agentVersion: '2.3.1319.0' }) }), {}, empty);
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'instance i-1 runs an outdated SSM Agent (2.3.1319.0)');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { agentVersion: '2.3.1319.0', platformType: 'Linux', isLatestVersion: false });
  });

  it('passes the latest agent', () => {
    assert.equal(agentCheck.evaluate(instance('i-2'), {}, empty).status, 'PASSED');
  });

  it('an unreported version flag is not applicable on Windows and an ERROR elsewhere', () => {
    // prepare
    const windows = instance('i-win', { managed: managedInstance({ isLatestVersion: undefined, platformType: 'Windows' }) });
    const linux = instance('i-lin', { managed: managedInstance({ isLatestVersion: undefined }) });
    // act
    const { results, notApplicable } = evaluateChecks(task([agentCheck]), inventory([windows, linux]));
    // assert
    assert.equal(notApplicable, 1);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['i-lin ERROR']);
  });
});

describe('ssm-instance-patch-compliant', () => {
  it('fails missing, failed and pending-reboot patches with reason non-compliant-patches', () => {
    // prepare
    const item = instance('i-1', { patchState: fetched(patchState({ missingCount: 3, failedCount: 1, installedPendingRebootCount: 2, criticalNonCompliantCount: 1 })) });
    // act
    const verdict = patchCheck.evaluate(item, {}, empty);
    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'instance i-1 is not patch compliant: 3 missing, 1 failed, 2 installed pending reboot patch(es)');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.reason, 'non-compliant-patches');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.criticalNonCompliantCount, 1);
  });

  it('fails an instance without patch state with reason no-patch-state', () => {
    const verdict = patchCheck.evaluate(instance('i-2', { patchState: fetched(undefined) }), {}, empty);
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /^no patch baseline reported for managed instance i-2/);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { reason: 'no-patch-state' });
  });

  it('passes a clean scan', () => {
    const verdict = patchCheck.evaluate(instance('i-3'), {}, empty);
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.summary, 'no missing, failed or pending patch after the last Scan operation');
  });

  it('a patch state that could not be read is an ERROR; unmanaged and stopped instances are not judged', () => {
    // prepare
    const items = [instance('i-err', { patchState: failed() }), unmanaged('i-un'), instance('i-stop', { state: 'stopped', patchState: fetched(undefined) })];
    // act
    const { results, notApplicable } = evaluateChecks(task([patchCheck]), inventory(items));
    // assert
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.status}`), ['i-err ERROR']);
    assert.match(results[0]?.summary ?? '', /the patch state could not be read: AccessDeniedException/);
    assert.equal(notApplicable, 2);
  });
});

describe('the SSM checks together', () => {
  it('an unmanaged running instance fails only the managed check', () => {
    // act
    const { results } = evaluateChecks(task(ssmAuditor.checks), inventory([unmanaged('i-un'), instance('i-ok')]));
    // assert
    assert.deepEqual(results.map((r) => `${r.checkId} ${r.resource.id} ${r.status}`), [
      'ssm-instance-managed i-un FAILED',
      'ssm-instance-managed i-ok PASSED',
      'ssm-instance-association-succeeded i-ok PASSED',
      'ssm-instance-agent-up-to-date i-ok PASSED',
      'ssm-instance-patch-compliant i-ok PASSED',
    ]);
  });
});
