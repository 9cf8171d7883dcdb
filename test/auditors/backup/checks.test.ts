import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Check, Verdict } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { BackupCandidate, BackupInventory } from '../../../auditors/backup/collect.js';
import { assigns, namesResourceType, wildcardMatch } from '../../../auditors/backup/coverage.js';
import { toPlanSelection } from '../../../auditors/backup/fetch.js';
import dynamoDbTableProtected from '../../../auditors/backup/checks/backup-dynamodb-table-protected.js';
import ebsVolumeProtected from '../../../auditors/backup/checks/backup-ebs-volume-protected.js';
import ec2InstanceProtected from '../../../auditors/backup/checks/backup-ec2-instance-protected.js';
import rdsInstanceProtected from '../../../auditors/backup/checks/backup-rds-instance-protected.js';
import { ALL_OPTED_IN, dbInstance, failed, instance, inventory, selection, table, volume } from './fixtures.js';

function evaluate<Params>(check: Check<BackupInventory, BackupCandidate, Params>, item: BackupCandidate, inv: BackupInventory, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inv);
}

const daysAgo = (days: number): string => new Date(Date.parse('2026-06-30T12:00:00.000Z') - days * 86_400_000).toISOString();

describe('backup-ec2-instance-protected', () => {
  it('fails an instance no plan assigns and without a recovery point', () => {
    // prepare
    const i = instance('i-0a1');

    // act
    const verdict = evaluate(ec2InstanceProtected, i, inventory({ ec2Instances: fetched([i]), selections: fetched([selection({ resources: ['arn:aws:rds:*:*:db:*'] })]) }));

    // assert
    assert.deepEqual(verdict, {
      status: 'FAILED',
      summary: 'no backup plan assigns instance i-0a1 and it has no recovery point',
      evidence: { assignmentsChecked: 1, lastBackupTime: null, maxDaysSinceBackup: 7 },
    });
  });

  it('passes an instance assigned by resource type, naming the plan and assignment', () => {
    const i = instance('i-0a1');
    const verdict = evaluate(ec2InstanceProtected, i, inventory({ selections: fetched([selection({ selectionName: 'all-instances', resources: ['arn:aws:ec2:*:*:instance/*'] })]) }));
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { coveredBy: 'backup plan', plan: 'daily', selection: 'all-instances' });
  });

  it('a recovery point counts when at most maxDaysSinceBackup old (edge)', () => {
    const i = instance('i-0a1');
    const withPoint = (days: number): BackupInventory => inventory({ recoveryPoints: fetched([{ arn: i.ref.arn, resourceType: 'EC2', lastBackupTime: daysAgo(days) }]) });
    assert.equal(evaluate(ec2InstanceProtected, i, withPoint(2)).status, 'PASSED');
    const stale = evaluate(ec2InstanceProtected, i, withPoint(10));
    assert.match(stale.status === 'FAILED' ? stale.summary : '', /newest recovery point \(2026-06-20T12:00:00.000Z\) is older than 7 days/);
    assert.equal(evaluate(ec2InstanceProtected, i, withPoint(10), { maxDaysSinceBackup: 30 }).status, 'PASSED');
  });
});

describe('backup-ebs-volume-protected', () => {
  it('fails a detached volume nothing protects', () => {
    assert.equal(evaluate(ebsVolumeProtected, volume('vol-1'), inventory()).status, 'FAILED');
  });

  it('passes a volume attached to an instance a tag-based assignment protects', () => {
    // prepare
    const i = instance('i-0a1', { backup: 'daily' });
    const v = volume('vol-1', ['i-0a1']);
    const inv = inventory({ ec2Instances: fetched([i]), ebsVolumes: fetched([v]), selections: fetched([selection({ listOfTags: [{ key: 'backup', value: 'daily' }] })]) });

    // act
    const verdict = evaluate(ebsVolumeProtected, v, inv);

    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { coveredBy: 'instance backup (backup plan)', plan: 'daily', selection: 'assignment', instance: 'i-0a1' });
  });

  it('an attached volume whose instances could not be read is an error, not a failure (edge)', () => {
    const v = volume('vol-1', ['i-0a1']);
    assert.throws(() => evaluate(ebsVolumeProtected, v, inventory({ ec2Instances: failed(), ebsVolumes: fetched([v]) })), /attached to i-0a1, whose backups are not known/);
  });
});

describe('backup-dynamodb-table-protected', () => {
  const byTag = selection({ resources: ['*'], conditions: { stringEquals: [{ key: 'backup', value: 'daily' }] } });

  it('passes a table "*" and a tag condition select, when DynamoDB is opted in', () => {
    const t = table('orders', fetched({ backup: 'daily' }));
    assert.equal(evaluate(dynamoDbTableProtected, t, inventory({ selections: fetched([byTag]) })).status, 'PASSED');
  });

  it('fails the same table when the region has DynamoDB opted out: "*" selects opted-in types only', () => {
    const t = table('orders', fetched({ backup: 'daily' }));
    const verdict = evaluate(dynamoDbTableProtected, t, inventory({ selections: fetched([byTag]), optIn: fetched({ ...ALL_OPTED_IN, DynamoDB: false }) }));
    assert.equal(verdict.status, 'FAILED');
  });

  it('tags that could not be read: a tag-based assignment is an error, an ARN assignment still passes (edge)', () => {
    const t = table('orders', failed('AccessDeniedException: dynamodb:ListTagsOfResource'));
    assert.throws(() => evaluate(dynamoDbTableProtected, t, inventory({ selections: fetched([byTag]) })), /tags that could not be read \(AccessDeniedException/);
    const byArn = selection({ resources: ['arn:aws:dynamodb:*:*:table/orders'] });
    assert.equal(evaluate(dynamoDbTableProtected, t, inventory({ selections: fetched([byTag, byArn]) })).status, 'PASSED');
  });
});

describe('backup-rds-instance-protected', () => {
  it('fails an instance excluded by NotResources', () => {
    const db = dbInstance('orders-db');
    const excluded = selection({ resources: ['*'], notResources: ['arn:aws:rds:*:*:db:orders-*'] });
    assert.equal(evaluate(rdsInstanceProtected, db, inventory({ selections: fetched([excluded]) })).status, 'FAILED');
  });

  it('passes an instance assigned by resource type even with RDS opted out (an explicit type ignores the opt-in)', () => {
    const db = dbInstance('orders-db');
    const verdict = evaluate(rdsInstanceProtected, db, inventory({ selections: fetched([selection({ resources: ['arn:aws:rds:*:*:db:*'] })]), optIn: fetched({ RDS: false }) }));
    assert.equal(verdict.status, 'PASSED');
  });

  it('an instance of a DB cluster is not applicable (edge)', () => {
    assert.equal(evaluate(rdsInstanceProtected, dbInstance('aurora-1', 'orders-cluster'), inventory()).status, 'NOT_APPLICABLE');
  });
});

describe('backup checks: select', () => {
  it('a check without its listing, or with something to judge but a source of protection missing, cannot select, naming what is missing', () => {
    const instances = fetched([instance('i-0a1')]);
    assert.throws(() => ec2InstanceProtected.select(inventory({ ec2Instances: instances, recoveryPoints: failed('SyntaxError: the endpoint answered HTTP 404') })), /the protected resources \(ListProtectedResources\): SyntaxError/);
    assert.throws(() => rdsInstanceProtected.select(inventory({ rdsInstances: failed() })), /the RDS DB instances could not be read: AccessDenied/);
    assert.throws(() => ebsVolumeProtected.select(inventory({ ebsVolumes: fetched([volume('vol-1')]), optIn: failed() })), /DescribeRegionSettings/);
    assert.deepEqual(dynamoDbTableProtected.select(inventory({ ec2Instances: failed() })), []);
  });

  it('nothing to protect needs no source of protection (edge)', () => {
    const notRead = { ok: false as const, error: 'not read: the region has no resource to protect' };
    assert.deepEqual(ec2InstanceProtected.select(inventory({ recoveryPoints: notRead, selections: notRead, optIn: notRead })), []);
  });
});

describe('backup assignments', () => {
  it('wildcards match any run of characters; a pattern names a resource type only past the account field', () => {
    assert.equal(wildcardMatch('arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:us-east-1:123456789012:volume/vol-1'), true);
    assert.equal(wildcardMatch('arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1'), false);
    assert.equal(wildcardMatch('arn:aws:rds:*:*:db:orders.db', 'arn:aws:rds:us-east-1:123456789012:db:ordersXdb'), false);
    assert.deepEqual(['*', 'arn:aws:ec2:*', 'arn:aws:ec2:*:*:*', 'arn:aws:ec2:*:*:volume/*'].map(namesResourceType), [false, false, false, true]);
  });

  it('a service-wide ARN needs the opt-in; conditions on missing tags do not hold, StringNotEquals included', () => {
    const v = volume('vol-1', [], { stage: 'prod' });
    const optedOut = { ...ALL_OPTED_IN, EBS: false };
    assert.equal(assigns(selection({ resources: ['arn:aws:ec2:*'] }), v, ALL_OPTED_IN), 'yes');
    assert.equal(assigns(selection({ resources: ['arn:aws:ec2:*'] }), v, optedOut), 'no');
    assert.equal(assigns(selection({ resources: ['arn:aws:ec2:*'] }), v, {}), 'unknown');
    assert.equal(assigns(selection({ conditions: { stringLike: [{ key: 'stage', value: 'pro*' }] } }), v, ALL_OPTED_IN), 'yes');
    assert.equal(assigns(selection({ conditions: { stringNotEquals: [{ key: 'backup', value: 'none' }] } }), v, ALL_OPTED_IN), 'no');
    assert.equal(assigns(selection({ conditions: { stringNotLike: [{ key: 'stage', value: 'dev*' }] } }), v, ALL_OPTED_IN), 'yes');
  });

  it('reads GetBackupSelection: tag keys without aws:ResourceTag/, ListOfTags StringEquals only', () => {
    const read = toPlanSelection('daily', {
      SelectionName: 's',
      IamRoleArn: 'arn:aws:iam::123456789012:role/backup',
      Resources: ['*'],
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/team', ConditionValue: 'orders' }] },
    });
    assert.deepEqual(read.listOfTags, [{ key: 'backup', value: 'daily' }]);
    assert.deepEqual(read.conditions.stringEquals, [{ key: 'team', value: 'orders' }]);
  });
});
