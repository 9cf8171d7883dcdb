import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { CheckMetadata } from '../../src/core/check.js';
import type { CheckResult } from '../../src/core/result.js';
import type { TaskOutcome } from '../../src/core/runner.js';
import type { OutputSink } from '../../src/publish/files.js';
import type { FileEntry } from '../../src/publish/report-model.js';
import { ScopeWork, type ScopeSettings } from '../../src/pipeline/scope.js';
import type { ScopeState } from '../../src/state/store.js';
import type { FindingPlan } from '../../src/state/reconcile.js';
import { createLimiter } from '../../src/util/limit.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

const meta = (id: string): CheckMetadata => ({
  id, service: 'ec2', title: id, description: id, severity: 'HIGH', resourceType: 'AwsEc2SecurityGroup',
  findingTypes: ['Software and Configuration Checks'], remediation: { text: 'fix it', url: 'https://example.com' }, compliance: {},
});

function result(checkId: string, resourceId: string, status: CheckResult['status']): CheckResult {
  return {
    checkId, accountId: ACCOUNT, region: REGION, partition: 'aws', status, severity: 'HIGH', summary: `${resourceId} ${status}`, evidence: {},
    resource: { type: 'AwsEc2SecurityGroup', arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${resourceId}`, id: resourceId, region: REGION, partition: 'aws', tags: {} },
  };
}

function outcome(checkId: string, results: CheckResult[]): TaskOutcome {
  return { accountId: ACCOUNT, region: REGION, collectorId: checkId, service: 'ec2', ok: true, durationMs: 1, resources: results.length, completedChecks: [checkId], failedChecks: [], results, notApplicable: 0 };
}

/** A file sink that remembers what it was given and when. */
function recordingSink(): { sink: OutputSink; added: string[][] } {
  const added: string[][] = [];
  const sink = { wanted: true, add: async (entries: readonly FileEntry[]) => void added.push(entries.map((e) => e.checkId)) } as unknown as OutputSink;
  return { sink, added };
}

function settings(sink: OutputSink): ScopeSettings {
  return {
    securityHub: false, publishErrors: true, mode: 'changed', refreshDays: 7, version: 'test', exemptions: [],
    meta: (id) => meta(id), retired: () => undefined, sink,
    entryFor: (plan: FindingPlan) => ({ checkId: plan.record.checkId }) as FileEntry,
  };
}

const deps = { publishLimit: createLimiter(1), clientsFor: () => { throw new Error('no AWS here'); }, now: () => new Date('2026-11-30T12:00:00Z') };
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ScopeWork', () => {
  it('writes an inventory\'s results to the files as soon as it arrives, before the scope\'s last inventory', async () => {
    // prepare
    const { sink, added } = recordingSink();
    const work = new ScopeWork({ accountId: ACCOUNT, region: REGION }, undefined, settings(sink), deps);

    // act
    work.add(outcome('ec2-a', [result('ec2-a', 'sg-1', 'FAILED'), result('ec2-a', 'sg-2', 'PASSED')]));
    await settled();

    // assert
    assert.deepEqual(added, [['ec2-a', 'ec2-a']]);
    work.add(outcome('ec2-b', [result('ec2-b', 'sg-1', 'FAILED')]));
    const report = await work.finish();
    assert.deepEqual(added.flat(), ['ec2-a', 'ec2-a', 'ec2-b']);
    assert.equal(report.counts.FAILED.HIGH, 2);
    assert.equal(report.counts.PASSED.HIGH, 1);
    assert.equal(report.openFailed.HIGH, 2);
  });

  it('plans nothing before the scope\'s state is loaded, then plans against it', async () => {
    // prepare
    const { sink, added } = recordingSink();
    let load: (state: ScopeState) => void = () => undefined;
    const state = new Promise<ScopeState>((resolve) => (load = resolve));
    const store = { tableName: 't', getRecords: async () => new Map(), write: async () => ({ failed: [] }) };
    const work = new ScopeWork({ accountId: ACCOUNT, region: REGION }, state, settings(sink), { ...deps, store: store as never });

    // act
    work.add(outcome('ec2-a', [result('ec2-a', 'sg-1', 'FAILED')]));
    await settled();
    const before = added.length;
    load({ digest: new Map(), shards: new Map(), source: 'empty' });
    const report = await work.finish();

    // assert
    assert.equal(before, 0);
    assert.deepEqual(added.flat(), ['ec2-a']);
    assert.equal(report.problems.length, 0);
  });

  it('a state that cannot be read makes one problem and keeps the results in the files', async () => {
    // prepare
    const { sink, added } = recordingSink();
    const state = Promise.reject(new Error('table gone'));
    state.catch(() => undefined);
    const work = new ScopeWork({ accountId: ACCOUNT, region: REGION }, state, settings(sink), { ...deps, store: { tableName: 't' } as never });

    // act
    work.add(outcome('ec2-a', [result('ec2-a', 'sg-1', 'FAILED')]));
    work.add(outcome('ec2-b', [result('ec2-b', 'sg-1', 'ERROR')]));
    const report = await work.finish();

    // assert
    assert.deepEqual(added.flat(), ['ec2-a', 'ec2-b']);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0] ?? '', /cannot be read from t \(.*table gone.*\): its findings were written to the files only/);
  });
});
