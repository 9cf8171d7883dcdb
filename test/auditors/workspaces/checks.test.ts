import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Verdict } from '../../../src/core/check.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { WorkSpacesInventory } from '../../../auditors/workspaces/collect.js';
import { workspacesAuditor } from '../../../auditors/workspaces/index.js';
import userVolume from '../../../auditors/workspaces/checks/workspaces-workspace-user-volume-encrypted.js';
import rootVolume from '../../../auditors/workspaces/checks/workspaces-workspace-root-volume-encrypted.js';
import runningMode from '../../../auditors/workspaces/checks/workspaces-workspace-running-mode-auto-stop.js';
import internetAccess from '../../../auditors/workspaces/checks/workspaces-directory-no-default-internet-access.js';
import { directory, inventory, task, workspace } from './fixtures.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const empty: WorkSpacesInventory = inventory();

describe('workspaces-workspace-user-volume-encrypted and -root-volume-encrypted', () => {
  it('fail a WorkSpace that reports neither the flag nor a key (WorkSpaces leaves both out when unencrypted)', () => {
    // prepare
    const item = workspace('ws-plain');

    // act
    const verdicts: Verdict[] = [userVolume.evaluate(item, {}, empty), rootVolume.evaluate(item, {}, empty)];

    // assert
    assert.deepEqual(verdicts.map((v) => v.status), ['FAILED', 'FAILED']);
    assert.deepEqual(verdicts[0]?.status === 'FAILED' && verdicts[0].evidence, { UserVolumeEncryptionEnabled: null, VolumeEncryptionKey: null });
    assert.match(verdicts[1]?.summary ?? '', /root volume of WorkSpace ws-plain \(alice\) is not encrypted/);
  });

  it('pass the volumes reported encrypted, naming the key', () => {
    const item = workspace('ws-enc', { userVolumeEncryptionEnabled: true, rootVolumeEncryptionEnabled: true, volumeEncryptionKey: KEY });
    const verdict = userVolume.evaluate(item, {}, empty);
    assert.deepEqual(verdict, { status: 'PASSED', summary: `the user volume is encrypted with ${KEY}`, evidence: { UserVolumeEncryptionEnabled: true, VolumeEncryptionKey: KEY } });
    assert.equal(rootVolume.evaluate(item, {}, empty).status, 'PASSED');
  });

  it('judge each volume on its own: only the user volume encrypted (edge)', () => {
    const item = workspace('ws-half', { userVolumeEncryptionEnabled: true, rootVolumeEncryptionEnabled: false, volumeEncryptionKey: KEY });
    assert.deepEqual([userVolume.evaluate(item, {}, empty).status, rootVolume.evaluate(item, {}, empty).status], ['PASSED', 'FAILED']);
  });

  it('a key without the flag is unknown: an ERROR, never a guess (edge)', () => {
    const item = workspace('ws-odd', { rootVolumeEncryptionEnabled: true, volumeEncryptionKey: KEY });
    assert.throws(() => userVolume.evaluate(item, {}, empty), /has a VolumeEncryptionKey but WorkSpaces did not report UserVolumeEncryptionEnabled/);
  });

  it('a WorkSpace being terminated is not judged (edge)', () => {
    assert.equal(userVolume.evaluate(workspace('ws-going', { state: 'TERMINATING' }), {}, empty).status, 'NOT_APPLICABLE');
  });
});

describe('workspaces-workspace-running-mode-auto-stop', () => {
  it('fails an AlwaysOn WorkSpace with its mode as evidence', () => {
    const verdict = runningMode.evaluate(workspace('ws-on'), {}, empty);
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'WorkSpace ws-on (alice) runs in ALWAYS_ON mode, not AUTO_STOP', evidence: { RunningMode: 'ALWAYS_ON' } });
  });

  it('passes an AutoStop WorkSpace', () => {
    assert.equal(runningMode.evaluate(workspace('ws-auto', { runningMode: 'AUTO_STOP' }), {}, empty).status, 'PASSED');
  });

  it('fails MANUAL (WorkSpaces Core) too, and a missing mode is an ERROR (edge)', () => {
    assert.equal(runningMode.evaluate(workspace('ws-core', { runningMode: 'MANUAL' }), {}, empty).status, 'FAILED');
    assert.throws(() => runningMode.evaluate(workspace('ws-unknown', { runningMode: undefined }), {}, empty), /did not report WorkspaceProperties\.RunningMode for ws-unknown/);
  });
});

describe('workspaces-directory-no-default-internet-access', () => {
  it('fails a directory that gives new WorkSpaces a public address', () => {
    const verdict = internetAccess.evaluate(directory('d-1234567890'), {}, empty);
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'directory d-1234567890 (corp.example.com) gives every new WorkSpace a public IP address', evidence: { EnableInternetAccess: true } });
  });

  it('passes a directory without default internet access', () => {
    assert.equal(internetAccess.evaluate(directory('d-1234567890', { enableInternetAccess: false }), {}, empty).status, 'PASSED');
  });

  it('an unreported setting is an ERROR, a directory being deregistered is not judged (edge)', () => {
    assert.throws(() => internetAccess.evaluate(directory('d-1234567890', { enableInternetAccess: undefined }), {}, empty), /EnableInternetAccess/);
    assert.equal(internetAccess.evaluate(directory('d-1234567890', { state: 'DEREGISTERING' }), {}, empty).status, 'NOT_APPLICABLE');
  });
});

describe('the workspaces auditor', () => {
  it('judges WorkSpaces and directories with their own checks only', () => {
    // prepare
    const items = inventory([workspace('ws-1', { runningMode: 'AUTO_STOP' })], [directory('d-1234567890', { enableInternetAccess: false })]);

    // act
    const { results } = evaluateChecks(task(workspacesAuditor.checks), items);

    // assert
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'FAILED workspaces-workspace-user-volume-encrypted ws-1',
      'FAILED workspaces-workspace-root-volume-encrypted ws-1',
      'PASSED workspaces-directory-no-default-internet-access d-1234567890',
      'PASSED workspaces-workspace-running-mode-auto-stop ws-1',
    ]);
  });
});
