import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import type { CloudTrailInventory } from '../../../auditors/cloudtrail/collect.js';
import { cloudtrailAuditor } from '../../../auditors/cloudtrail/index.js';
import enabledInRegion from '../../../auditors/cloudtrail/checks/cloudtrail-enabled-in-region.js';
import deliversLogs from '../../../auditors/cloudtrail/checks/cloudtrail-trail-delivers-logs.js';
import logFileValidation from '../../../auditors/cloudtrail/checks/cloudtrail-trail-log-file-validation-enabled.js';
import encryptedWithKms from '../../../auditors/cloudtrail/checks/cloudtrail-trail-encrypted-with-kms.js';
import { failed, inventory, task, trail } from './fixtures.js';

function evaluate<Item extends { ref: ResourceRef }, Params>(check: Check<CloudTrailInventory, Item, Params>, item: Item, inv: CloudTrailInventory, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inv);
}

const evidenceOf = (verdict: Verdict): Record<string, unknown> => (verdict.status === 'NOT_APPLICABLE' ? {} : (verdict.evidence ?? {}));

function regionVerdict(inv: CloudTrailInventory, params: Record<string, unknown> = {}): Verdict {
  return evaluate(enabledInRegion, inv.account, inv, params);
}

describe('cloudtrail-enabled-in-region', () => {
  it('fails a region with no trail at all', () => {
    const verdict = regionVerdict(inventory([]));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /no CloudTrail trail records events in us-east-1: there is no trail at all/);
  });

  it('fails when every trail is stopped or records no management events, and says why for each', () => {
    // prepare
    const inv = inventory([
      trail('stopped', { status: fetched({ isLogging: false }) }),
      trail('data-only', { managementEvents: fetched('None') }),
    ]);

    // act
    const verdict = regionVerdict(inv);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /stopped is not logging; data-only records no management events/);
    assert.deepEqual(evidenceOf(verdict).trails, [
      { name: 'stopped', arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/stopped', homeRegion: 'us-east-1', multiRegion: false, organizationTrail: false, logging: false, managementEvents: 'All', counts: false, reason: 'is not logging' },
      { name: 'data-only', arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/data-only', homeRegion: 'us-east-1', multiRegion: false, organizationTrail: false, logging: true, managementEvents: 'None', counts: false, reason: 'records no management events' },
    ]);
  });

  it('passes with a logging regional trail homed here', () => {
    const verdict = regionVerdict(inventory([trail('local')]));
    assert.equal(verdict.status, 'PASSED');
    assert.match(verdict.summary ?? '', /recorded by local/);
  });

  it('passes with a logging multi-Region trail homed in another region, or an organization trail of another account', () => {
    const shadow = trail('global', { homeRegion: 'eu-west-1', isMultiRegion: true });
    const organization = trail('org', { ownerAccountId: '999999999999', isMultiRegion: true, isOrganizationTrail: true });
    assert.equal(regionVerdict(inventory([shadow])).status, 'PASSED');
    assert.equal(regionVerdict(inventory([organization])).status, 'PASSED');
  });

  it('a regional trail homed in another region does not count for this one', () => {
    const verdict = regionVerdict(inventory([trail('elsewhere', { homeRegion: 'eu-west-1' })]));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /elsewhere does not record this region/);
  });

  it('CIS 3.1 parameters: only multi-Region trails recording read and write management events count', () => {
    // prepare
    const regional = inventory([trail('local')]);
    const writeOnly = inventory([trail('global', { isMultiRegion: true, managementEvents: fetched('WriteOnly') })]);
    const cis = { requireMultiRegionTrail: true, requireAllManagementEvents: true };

    // act
    const regionalVerdict = regionVerdict(regional, cis);
    const writeOnlyVerdict = regionVerdict(writeOnly, cis);

    // assert
    assert.equal(regionalVerdict.status, 'FAILED');
    assert.match(regionalVerdict.summary ?? '', /local is not a multi-Region trail/);
    assert.equal(writeOnlyVerdict.status, 'FAILED');
    assert.match(writeOnlyVerdict.summary ?? '', /global records only WriteOnly management events/);
    assert.equal(regionVerdict(writeOnly).status, 'PASSED');
    assert.equal(regionVerdict(inventory([trail('global', { isMultiRegion: true })]), cis).status, 'PASSED');
  });

  it('an unreadable status is an error when no other trail counts, and does not matter when one does', () => {
    // prepare
    const unreadable = trail('mystery', { status: failed() });
    const selectorsUnreadable = trail('org', { managementEvents: failed('the event selectors of trail org belong to account 999999999999') });

    // act and assert
    assert.throws(() => regionVerdict(inventory([unreadable])), (error: unknown) => error instanceof MissingInputError && /mystery status could not be read: AccessDenied/.test(error.message));
    assert.throws(() => regionVerdict(inventory([selectorsUnreadable, trail('off', { status: fetched({ isLogging: false }) })])), MissingInputError);
    assert.throws(() => regionVerdict(inventory([trail('silent', { status: fetched({}) })])), /did not say whether it is logging/);
    assert.equal(regionVerdict(inventory([unreadable, trail('local')])).status, 'PASSED');
  });
});

describe('cloudtrail-trail-delivers-logs', () => {
  it('fails a trail whose latest S3 delivery failed, with the error', () => {
    // prepare
    const item = trail('broken', { status: fetched({ isLogging: true, latestDeliveryError: 'AccessDenied', latestDeliveryAttemptTime: '2025-06-30T10:00:00Z', latestDeliveryTime: '2025-06-01T00:00:00.000Z' }) });

    // act
    const verdict = evaluate(deliversLogs, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.summary, 'trail broken cannot deliver its logs to S3 bucket trail-logs: AccessDenied');
    assert.deepEqual(evidenceOf(verdict), {
      S3BucketName: 'trail-logs',
      IsLogging: true,
      LatestDeliveryError: 'AccessDenied',
      LatestDeliveryAttemptTime: '2025-06-30T10:00:00Z',
      LatestDeliveryTime: '2025-06-01T00:00:00.000Z',
    });
  });

  it('passes without a delivery error', () => {
    const item = trail('fine');
    assert.equal(evaluate(deliversLogs, item, inventory([item])).status, 'PASSED');
  });

  it('edge: notification and CloudWatch Logs errors are reported but do not fail', () => {
    // prepare
    const item = trail('noisy', { status: fetched({ isLogging: true, latestNotificationError: 'SNS topic gone', latestCloudWatchLogsDeliveryError: 'role cannot be assumed' }) });

    // act
    const verdict = evaluate(deliversLogs, item, inventory([item]));

    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.summary, 'no S3 delivery error; also reported: LatestNotificationError, LatestCloudWatchLogsDeliveryError');
    assert.equal(evidenceOf(verdict).LatestCloudWatchLogsDeliveryError, 'role cannot be assumed');
  });

  it('an unreadable status is an error', () => {
    const item = trail('hidden', { status: failed() });
    assert.throws(() => evaluate(deliversLogs, item, inventory([item])), /the status of trail hidden could not be read/);
  });
});

describe('cloudtrail-trail-log-file-validation-enabled', () => {
  it('fails a trail without log file validation', () => {
    const item = trail('plain', { logFileValidationEnabled: false });
    const verdict = evaluate(logFileValidation, item, inventory([item]));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { LogFileValidationEnabled: false });
  });

  it('passes a trail with log file validation', () => {
    const item = trail('signed');
    assert.equal(evaluate(logFileValidation, item, inventory([item])).status, 'PASSED');
  });

  it('edge: an unreported setting is an error, never a pass', () => {
    const item = trail('unknown', { logFileValidationEnabled: undefined });
    assert.throws(() => evaluate(logFileValidation, item, inventory([item])), MissingInputError);
  });
});

describe('cloudtrail-trail-encrypted-with-kms', () => {
  it('fails a trail without a KMS key', () => {
    const item = trail('plain', { kmsKeyId: undefined });
    const verdict = evaluate(encryptedWithKms, item, inventory([item]));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict), { KmsKeyId: null });
  });

  it('passes a trail with a KMS key, naming it', () => {
    const item = trail('sealed');
    const verdict = evaluate(encryptedWithKms, item, inventory([item]));
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(evidenceOf(verdict), { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1' });
  });

  it('edge: an empty key id is not a key', () => {
    const item = trail('blank', { kmsKeyId: '' });
    assert.equal(evaluate(encryptedWithKms, item, inventory([item])).status, 'FAILED');
  });
});

describe('the CloudTrail checks through the runner', () => {
  it('judges the region once and each trail homed here once; shadow and other accounts\' trails are judged at home', () => {
    // prepare
    const inv = inventory([
      trail('local', { logFileValidationEnabled: false }),
      trail('global', { homeRegion: 'eu-west-1', isMultiRegion: true, kmsKeyId: undefined }),
      trail('org', { ownerAccountId: '999999999999', isMultiRegion: true, isOrganizationTrail: true, kmsKeyId: undefined }),
    ]);

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), inv);

    // assert
    assert.deepEqual(results.map((r) => `${r.checkId} ${r.resource.id} ${r.status}`), [
      'cloudtrail-enabled-in-region 123456789012 PASSED',
      'cloudtrail-trail-delivers-logs local PASSED',
      'cloudtrail-trail-log-file-validation-enabled local FAILED',
      'cloudtrail-trail-encrypted-with-kms local PASSED',
    ]);
    assert.equal(results[0]?.resource.arn, 'AWS::::Account:123456789012');
  });

  it('a failed status read makes only the checks that read it ERROR', () => {
    // prepare
    const inv = inventory([trail('hidden', { status: failed() }), trail('fine')]);

    // act
    const { results } = evaluateChecks(task(cloudtrailAuditor.checks), inv);

    // assert
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), ['ERROR cloudtrail-trail-delivers-logs hidden']);
  });
});

describe('the CloudTrail auditor', () => {
  it('each check id is kebab-case, starts with cloudtrail- and is unique', () => {
    const ids = cloudtrailAuditor.checks.map((c) => c.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^cloudtrail-[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every check has complete metadata within the ASFF limits', () => {
    for (const { meta, collector } of cloudtrailAuditor.checks) {
      assert.equal(meta.service, 'cloudtrail', meta.id);
      assert.equal(collector, cloudtrailAuditor.collector, meta.id);
      assert.ok(meta.title.length > 0 && meta.title.length <= 256, meta.id);
      assert.ok(meta.description.length > 0 && meta.description.length <= 700, `${meta.id}: description is ${meta.description.length} characters`);
      assert.ok(meta.remediation.text.length <= 512, meta.id);
      assert.match(meta.remediation.url, /^https:\/\/docs\.aws\.amazon\.com\//, meta.id);
      assert.ok(meta.findingTypes.length > 0, meta.id);
    }
  });
});
