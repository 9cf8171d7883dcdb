import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import type { CloudFormationInventory, StackItem } from '../../../auditors/cloudformation/collect.js';
import driftCheckedInSync from '../../../auditors/cloudformation/checks/cloudformation-stack-drift-checked-in-sync.js';
import notificationsConfigured from '../../../auditors/cloudformation/checks/cloudformation-stack-notifications-configured.js';
import { toStackItem } from '../../../auditors/cloudformation/fetch.js';
import { createAwsClients } from '../../../src/aws/clients.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { ACCOUNT, inventory, REGION, stack, TOPIC } from './fixtures.js';

function evaluate<Params>(check: Check<CloudFormationInventory, StackItem, Params>, item: StackItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

describe('cloudformation-stack-drift-checked-in-sync', () => {
  it('fails a stack whose drift detection never ran, saying so', () => {
    // act
    const verdict = evaluate(driftCheckedInSync, stack('app', { drift: { status: 'NOT_CHECKED' } }));

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.status === 'FAILED' ? verdict.summary : '', /drift detection has never run on stack app \(NOT_CHECKED\)/);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { StackDriftStatus: 'NOT_CHECKED', LastCheckTimestamp: null, maxDaysSinceCheck: 30 });
  });

  it('fails a drifted stack with the time of the check', () => {
    const verdict = evaluate(driftCheckedInSync, stack('app', { drift: { status: 'DRIFTED', lastCheck: '2026-06-30T08:00:00.000Z' } }));
    assert.match(verdict.status === 'FAILED' ? verdict.summary : '', /has drifted from its template \(last checked 2026-06-30T08:00:00.000Z\)/);
  });

  it('passes a stack found in sync a day ago', () => {
    const verdict = evaluate(driftCheckedInSync, stack('app'));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(verdict.status === 'PASSED' && verdict.evidence?.daysSinceCheck, 1);
  });

  it('fails an IN_SYNC answer older than maxDaysSinceCheck, and passes it with a wider window (edge)', () => {
    const old = stack('app', { drift: { status: 'IN_SYNC', lastCheck: '2026-05-01T12:00:00.000Z' } });
    assert.equal(evaluate(driftCheckedInSync, old).status, 'FAILED');
    assert.equal(evaluate(driftCheckedInSync, old, { maxDaysSinceCheck: 90 }).status, 'PASSED');
  });

  it('a stack awaiting its first change set is not applicable (edge)', () => {
    assert.equal(evaluate(driftCheckedInSync, stack('app', { status: 'REVIEW_IN_PROGRESS', drift: { status: 'NOT_CHECKED' } })).status, 'NOT_APPLICABLE');
  });

  it('unreported drift information, UNKNOWN, or IN_SYNC without a time is an error, never a guess', () => {
    assert.throws(() => evaluate(driftCheckedInSync, stack('app', { drift: undefined })), /DriftInformation/);
    assert.throws(() => evaluate(driftCheckedInSync, stack('app', { drift: { status: 'UNKNOWN' } })), MissingInputError);
    assert.throws(() => evaluate(driftCheckedInSync, stack('app', { drift: { status: 'IN_SYNC' } })), /LastCheckTimestamp/);
  });
});

describe('cloudformation-stack-notifications-configured', () => {
  it('fails a stack without a topic', () => {
    const verdict = evaluate(notificationsConfigured, stack('app', { notificationArns: [] }));
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'stack app sends its events to no SNS topic', evidence: { NotificationARNs: [] } });
  });

  it('passes a stack with a topic, naming it', () => {
    const verdict = evaluate(notificationsConfigured, stack('app'));
    assert.deepEqual(verdict.status === 'PASSED' && verdict.evidence, { NotificationARNs: [TOPIC] });
  });

  it('an answer without NotificationARNs is a stack without topics: the query protocol leaves empty lists out (edge)', () => {
    // prepare
    const item = toStackItem({ StackName: 'app', StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE' }, mockedContext(createAwsClients(ACCOUNT, REGION, undefined, {})));

    // act
    const verdict = evaluate(notificationsConfigured, item);

    // assert
    assert.deepEqual([item.notificationArns, item.drift, verdict.status], [[], undefined, 'FAILED']);
  });
});
