import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { EcrInventory, EcrRepositoryItem, RegistryScanning } from '../../../auditors/ecr/collect.js';
import { ecrAuditor } from '../../../auditors/ecr/index.js';
import { effectiveScanning, matchesScanFilter } from '../../../auditors/ecr/scanning.js';
import imageScanning from '../../../auditors/ecr/checks/ecr-repository-image-scanning-configured.js';
import lifecyclePolicy from '../../../auditors/ecr/checks/ecr-repository-lifecycle-policy-configured.js';
import policyNotPublic from '../../../auditors/ecr/checks/ecr-repository-policy-not-public.js';
import tagImmutability from '../../../auditors/ecr/checks/ecr-repository-tag-immutability-enabled.js';
import { failed, inventory, policyOf, repository, task } from './fixtures.js';

function evaluate<Params>(
  check: Check<EcrInventory, EcrRepositoryItem, Params>,
  item: EcrRepositoryItem,
  params: Record<string, unknown> = {},
  registry: Fetched<RegistryScanning> = fetched({ scanType: 'BASIC', rules: [] }),
): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory([item], registry));
}

const rule = (scanFrequency: string, ...filters: string[]) => ({ scanFrequency, filters: filters.map((filter) => ({ filter, filterType: 'WILDCARD' })) });
const enhanced = (...rules: ReturnType<typeof rule>[]): Fetched<RegistryScanning> => fetched({ scanType: 'ENHANCED', rules });
const basic = (...rules: ReturnType<typeof rule>[]): Fetched<RegistryScanning> => fetched({ scanType: 'BASIC', rules });

describe('ecr-repository-image-scanning-configured', () => {
  it('fails a repository whose own scan-on-push is off when the registry has no rules', () => {
    // prepare
    const item = repository('app', { scanOnPush: false });

    // act
    const verdict = evaluate(imageScanning, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, {
      scanType: 'BASIC', scanFrequency: 'MANUAL', decidedBy: 'repository-setting', matchingFilter: null, repositoryScanOnPush: false,
    });
  });

  it('passes enhanced continuous scanning that matches the repository, whatever its own setting', () => {
    const verdict = evaluate(imageScanning, repository('prod-api', { scanOnPush: false }), {}, enhanced(rule('SCAN_ON_PUSH', '*'), rule('CONTINUOUS_SCAN', 'prod-*')));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.summary, 'images are scanned (ENHANCED, CONTINUOUS_SCAN, filter "prod-*")');
  });

  it('fails a repository that scans on push itself but no registry rule matches (edge: registry rules override it)', () => {
    const verdict = evaluate(imageScanning, repository('dev-api', { scanOnPush: true }), {}, basic(rule('SCAN_ON_PUSH', 'prod-*')));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /no BASIC registry scanning rule matches it/);
  });

  it('an unreadable registry configuration, or an unreported repository setting, is an error', () => {
    assert.throws(() => evaluate(imageScanning, repository('app'), {}, failed()), MissingInputError);
    const { scanOnPush: _omitted, ...unreported } = repository('app');
    assert.throws(() => evaluate(imageScanning, unreported as EcrRepositoryItem), /did not report imageScanningConfiguration.scanOnPush/);
  });
});

describe('ecr scanning filters', () => {
  it('match as ECR documents: a plain filter is contained, a wildcard one is anchored', () => {
    const names = ['prod', 'repo-prod', 'prod-repo', 'repo-prod-repo', 'prodrepo'];
    const table = Object.fromEntries(['prod', '*prod', 'prod*', '*prod*', 'prod*repo'].map((filter) => [filter, names.map((n) => matchesScanFilter(filter, n))]));
    assert.deepEqual(table, {
      prod: [true, true, true, true, true],
      '*prod': [true, true, false, false, false],
      'prod*': [true, false, true, false, true],
      '*prod*': [true, true, true, true, true],
      'prod*repo': [false, false, true, false, true],
    });
  });

  it('a filter type rampart does not know is an error, not a guess', () => {
    assert.throws(() => effectiveScanning({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', filters: [{ filter: 'x', filterType: 'REGEX' }] }] }, 'x', true), /filter type REGEX/);
  });
});

describe('ecr-repository-tag-immutability-enabled', () => {
  it('fails mutable tags', () => {
    const verdict = evaluate(tagImmutability, repository('app', { imageTagMutability: 'MUTABLE' }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /lets image tags be overwritten \(MUTABLE\)/);
  });

  it('passes immutable tags', () => {
    assert.equal(evaluate(tagImmutability, repository('app')).status, 'PASSED');
  });

  it('immutable with exclusions fails by default and passes with allowExclusionFilters, naming the filters (edge)', () => {
    // prepare
    const item = repository('app', { imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', tagMutabilityExclusions: ['latest', 'dev-*'] });

    // act
    const strict = evaluate(tagImmutability, item);
    const lenient = evaluate(tagImmutability, item, { allowExclusionFilters: true });

    // assert
    assert.deepEqual([strict.status, strict.summary], ['FAILED', 'repository app lets tags matching latest, dev-* be overwritten']);
    assert.equal(lenient.status, 'PASSED');
  });

  it('an unreported setting is an error', () => {
    const { imageTagMutability: _omitted, ...unreported } = repository('app');
    assert.throws(() => evaluate(tagImmutability, unreported as EcrRepositoryItem), /did not report imageTagMutability/);
  });
});

describe('ecr-repository-lifecycle-policy-configured', () => {
  it('fails a repository without a lifecycle policy', () => {
    assert.deepEqual(evaluate(lifecyclePolicy, repository('app', { lifecyclePolicy: fetched(undefined) })), {
      status: 'FAILED', summary: 'repository app has no lifecycle policy', evidence: { lifecyclePolicy: null },
    });
  });

  it('passes a lifecycle policy and counts its rules', () => {
    assert.equal(evaluate(lifecyclePolicy, repository('app')).summary, 'a lifecycle policy with 1 rule(s) is set');
  });

  it('a policy that could not be read is an error (edge)', () => {
    assert.throws(() => evaluate(lifecyclePolicy, repository('app', { lifecyclePolicy: failed() })), /the lifecycle policy could not be read/);
  });
});

describe('ecr-repository-policy-not-public', () => {
  it('fails a statement that lets anyone pull', () => {
    // prepare
    const policy = policyOf({ Sid: 'AnyonePulls', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] });

    // act
    const verdict = evaluate(policyNotPublic, repository('app', { repositoryPolicy: fetched(policy) }));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /statement\(s\) AnyonePulls$/);
  });

  it('passes a repository without a policy and one shared with named accounts', () => {
    assert.equal(evaluate(policyNotPublic, repository('app')).status, 'PASSED');
    const shared = policyOf({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'ecr:BatchGetImage' });
    assert.equal(evaluate(policyNotPublic, repository('app', { repositoryPolicy: fetched(shared) })).status, 'PASSED');
  });

  it('"*" limited to the organization passes; "*" limited by an IfExists condition fails (edge)', () => {
    const org = policyOf({ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
    const ifExists = policyOf({ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
    assert.deepEqual([org, ifExists].map((p) => evaluate(policyNotPublic, repository('app', { repositoryPolicy: fetched(p) })).status), ['PASSED', 'FAILED']);
  });
});

describe('ecr auditor', () => {
  it('a registry configuration that could not be read makes only the scanning check ERROR', () => {
    const { results } = evaluateChecks(task(ecrAuditor.checks), inventory([repository('app')], failed()));
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId}`), ['ERROR ecr-repository-image-scanning-configured']);
  });
});
