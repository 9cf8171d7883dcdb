import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { EksClusterItem, EksInventory } from '../../../auditors/eks/collect.js';
import { eksAuditor } from '../../../auditors/eks/index.js';
import { CALENDAR_READ, SUPPORT_CALENDAR } from '../../../auditors/eks/support-calendar.js';
import { parseMinorVersion, supportStatus } from '../../../auditors/eks/support.js';
import endpointNotPublic from '../../../auditors/eks/checks/eks-cluster-endpoint-not-public.js';
import versionSupported from '../../../auditors/eks/checks/eks-cluster-kubernetes-version-supported.js';
import { SCAN_TIME, cluster, failed, inventory, task } from './fixtures.js';

function evaluate<Params>(check: Check<EksInventory, EksClusterItem, Params>, item: EksClusterItem, params: Record<string, unknown> = {}, at = SCAN_TIME): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory([item], at));
}

describe('eks-cluster-endpoint-not-public', () => {
  it('fails a public endpoint open to 0.0.0.0/0', () => {
    // prepare
    const item = cluster('c', { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] });

    // act
    const verdict = evaluate(endpointNotPublic, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /open to the internet: 0\.0\.0\.0\/0 \(\/0\) is wider than \/8/);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'], publicEndpoint: 'restricted-cidrs' });
  });

  it('passes a private-only endpoint, and a public one restricted to named ranges', () => {
    assert.equal(evaluate(endpointNotPublic, cluster('c')).status, 'PASSED');
    const restricted = cluster('c', { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'] });
    assert.equal(evaluate(endpointNotPublic, restricted).summary, 'the public API endpoint accepts only 203.0.113.0/24, 198.51.100.7/32');
  });

  it('a restricted public endpoint fails under publicEndpoint: never; one range wider than /8 fails it by default (edge)', () => {
    const restricted = cluster('c', { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] });
    assert.equal(evaluate(endpointNotPublic, restricted, { publicEndpoint: 'never' }).status, 'FAILED');
    const oneWide = cluster('c', { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24', '52.0.0.0/6'] });
    assert.equal(evaluate(endpointNotPublic, oneWide).status, 'FAILED');
  });

  it('an unreported public-access setting or range list is an error, never a guess', () => {
    assert.throws(() => evaluate(endpointNotPublic, cluster('c', { endpointPublicAccess: undefined })), MissingInputError);
    assert.throws(() => evaluate(endpointNotPublic, cluster('c', { endpointPublicAccess: true })), /publicAccessCidrs/);
    assert.throws(() => evaluate(endpointNotPublic, { ...cluster('c'), cluster: failed() }), /the cluster description could not be read/);
  });
});

describe('eks-cluster-kubernetes-version-supported', () => {
  it('fails a version past the end of extended support at full severity', () => {
    // prepare
    const item = cluster('c', { version: '1.29' });

    // act
    const verdict = evaluate(versionSupported, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.levelsBelow, undefined);
    assert.equal(verdict.summary, 'cluster c runs Kubernetes 1.29, which is out of EKS support (extended support ended 2026-03-23)');
  });

  it('passes a version in standard support, naming its end', () => {
    const verdict = evaluate(versionSupported, cluster('c', { version: '1.33' }), {}, '2026-07-28T23:59:59Z');
    assert.deepEqual([verdict.status, verdict.summary], ['PASSED', 'Kubernetes 1.33 is in standard support until 2026-07-29']);
  });

  it('standard support ends at 00:00 UTC of the listed day; extended support fails one level lower (edge)', () => {
    // act
    const verdict = evaluate(versionSupported, cluster('c', { version: '1.33' }), {}, '2026-07-29T00:00:00Z');

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.levelsBelow, 1);
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.supportStatus, 'extended');
    assert.match(verdict.summary ?? '', /standard support ended on 2026-07-29: it is in paid extended support/);
  });

  it('a version newer than the calendar passes while the newest listed one is in standard support, then fails one level lower as unknown (edge)', () => {
    const newer = cluster('c', { version: '1.99' });
    const before = evaluate(versionSupported, newer, {}, '2027-03-26T23:00:00Z');
    const after = evaluate(versionSupported, newer, {}, '2027-03-27T00:00:00Z');
    assert.deepEqual([before.status, before.summary], ['PASSED', 'Kubernetes 1.99 is in standard support until at least 2027-03-27']);
    assert.equal(after.status, 'FAILED');
    assert.equal(after.status === 'FAILED' && after.levelsBelow, 1);
    assert.match(after.summary ?? '', new RegExp(`not in rampart's EKS support calendar \\(read ${CALENDAR_READ}\\)`));
  });

  it('a version older than the calendar is out of support (its end dates come before the oldest listed)', () => {
    const verdict = evaluate(versionSupported, cluster('c', { version: '1.14' }));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.evidence.supportStatus, 'ended');
  });

  it('an unreported version is an error', () => {
    assert.throws(() => evaluate(versionSupported, cluster('c', { version: undefined })), /did not report version/);
  });
});

describe('eks support calendar', () => {
  it('lists every version between its oldest and newest, with standard support ending before extended support', () => {
    const minors = Object.keys(SUPPORT_CALENDAR).map((v) => parseMinorVersion(v)?.[1] ?? NaN);
    assert.deepEqual(minors, Array.from({ length: minors.length }, (_, i) => (minors[0] ?? 0) + i));
    for (const [version, dates] of Object.entries(SUPPORT_CALENDAR)) {
      assert.match(dates.endOfStandardSupport, /^\d{4}-\d{2}-\d{2}$/, version);
      assert.ok(dates.endOfStandardSupport < dates.endOfExtendedSupport, version);
    }
  });

  it('an unlisted version between listed ones is placed by its neighbours', () => {
    const calendar = { '1.28': SUPPORT_CALENDAR['1.28']!, '1.30': SUPPORT_CALENDAR['1.30']! };
    assert.equal(supportStatus('1.29', '2024-11-01T00:00:00Z', calendar).status, 'standard');
    assert.equal(supportStatus('1.29', '2025-01-01T00:00:00Z', calendar).status, 'unknown');
    assert.deepEqual(supportStatus('1.29', '2025-08-01T00:00:00Z', calendar), { status: 'past-standard', endOfStandardSupport: null, endOfExtendedSupport: null, extendedSupport: 'active' });
    assert.equal(supportStatus('1.29.4', '2025-08-01T00:00:00Z', calendar).status, 'past-standard');
  });

  it('is current: its newest version is still in standard support today (update support-calendar.ts when this fails)', () => {
    const newest = Object.entries(SUPPORT_CALENDAR).at(-1);
    assert.ok(newest);
    assert.equal(supportStatus(newest[0], new Date().toISOString()).status, 'standard', `Kubernetes ${newest[0]} left standard support on ${newest[1].endOfStandardSupport}: read AWS's calendar again`);
  });
});

describe('eks auditor', () => {
  it('a cluster that could not be described is an ERROR for both checks, the others are judged', () => {
    const { results } = evaluateChecks(task(eksAuditor.checks), inventory([{ ...cluster('denied'), cluster: failed() }, cluster('fine')]));
    assert.deepEqual(results.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), [
      'ERROR eks-cluster-endpoint-not-public denied',
      'PASSED eks-cluster-endpoint-not-public fine',
      'ERROR eks-cluster-kubernetes-version-supported denied',
      'PASSED eks-cluster-kubernetes-version-supported fine',
    ]);
  });

  it('a version in extended support makes a finding one level below the check\'s severity', () => {
    const { results } = evaluateChecks(task([versionSupported]), inventory([cluster('old', { version: '1.32' })]));
    assert.deepEqual(results.map((r) => [r.status, r.severity]), [['FAILED', 'MEDIUM']]);
  });
});
