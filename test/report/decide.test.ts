import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { changesSince, closeReason, notificationAction, snapshot, ticketAction, wantsReport } from '../../src/report/decide.js';
import { routeFor } from '../../src/report/route.js';
import type { FindingRecord } from '../../src/state/record.js';
import type { NotificationItem, TicketItem } from '../../src/state/outbox.js';
import { reconcileScope, settle } from '../../src/state/reconcile.js';
import { META, result } from '../helpers/fixtures.js';
import type { CheckResult } from '../../src/core/result.js';

function record(partial: Partial<CheckResult> = {}): FindingRecord {
  const now = new Date('2026-11-01T00:00:00Z');
  const { plans } = reconcileScope({
    accountId: '123456789012', region: 'us-east-1', results: [result(partial)], digest: new Map(), completedChecks: new Set([META.id]),
    retired: () => undefined, meta: () => META, exemptions: [], now, refreshDays: 7, mode: 'changed', version: '1', publishErrors: true,
  }, new Map());
  return settle(plans[0]!, { kind: 'imported' }, undefined, now).record as FindingRecord;
}

const ticket = (state: TicketItem['state'], reported = snapshot(record()), key: string | undefined = 'SEC-1'): TicketItem => ({
  pk: 'f', sk: 'TICKET', findingId: 'f', state, lastSeenAt: '2026-11-01T00:00:00Z', project: 'SEC', label: 'rampart-x', claimedAt: '2026-11-01T00:00:00Z',
  ...(key ? { key } : {}), reported,
});

describe('report decisions', () => {
  it('an open, unexempted FAILED finding of a reported check at or above the minimum severity is reported', () => {
    assert.equal(wantsReport(record(), { enabled: true }), true);
    assert.equal(wantsReport(record({ status: 'PASSED' }), { enabled: true }), false);
    assert.equal(wantsReport(record(), { enabled: false }), false);
    assert.equal(wantsReport(record({ severity: 'LOW' }), { enabled: true, minSeverity: 'MEDIUM' }), false);
    assert.equal(wantsReport({ ...record(), exemption: { reason: 'accepted' } }, { enabled: true }), false);
  });

  it('creates once, then nothing while unchanged; a claim without an issue key is adopted', () => {
    assert.deepEqual(ticketAction(record(), undefined, true), { kind: 'create' });
    assert.deepEqual(ticketAction(record(), ticket('TICKET#OPEN'), true), { kind: 'none' });
    assert.deepEqual(ticketAction(record(), ticket('TICKET#CLAIMED', undefined, undefined), true), { kind: 'adopt' });
  });

  it('comments on a change of severity, evidence or tags, naming before and after', () => {
    const changed = record({ severity: 'CRITICAL', evidence: { status: 'open_partly' } });
    const action = ticketAction(changed, ticket('TICKET#OPEN'), true);
    assert.equal(action.kind, 'update');
    assert.deepEqual(action.kind === 'update' ? action.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`) : [], [
      'severity: HIGH → CRITICAL',
      'evidence: {"status":"open_completely"} → {"status":"open_partly"}',
    ]);
    const retagged = record({ resource: { ...record().resource, tags: { team: 'payments' } } });
    assert.deepEqual(changesSince(snapshot(record()), retagged).map((c) => c.field), ['tags']);
  });

  it('closes on fix, deletion and exemption; reopens on regression; a config change alone closes nothing', () => {
    assert.equal(closeReason(record({ status: 'PASSED' })), 'fixed');
    assert.equal(closeReason({ ...record(), recordState: 'ARCHIVED' }), 'deleted');
    assert.equal(closeReason(undefined), 'deleted');
    assert.equal(closeReason({ ...record(), exemption: { reason: 'risk accepted' } }), 'exempted');
    assert.deepEqual(ticketAction(record({ status: 'PASSED' }), ticket('TICKET#OPEN'), false), { kind: 'close', reason: 'fixed' });
    assert.deepEqual(ticketAction(record(), ticket('TICKET#CLOSED'), true), { kind: 'reopen' });
    assert.deepEqual(ticketAction(record(), ticket('TICKET#OPEN'), false), { kind: 'none' });
  });

  it('posts a message once, updates it in place on change, resolves it on fix', () => {
    const note: NotificationItem = { pk: 'f', sk: 'NOTIFICATION', findingId: 'f', state: 'NOTIFY#OPEN', lastSeenAt: 'x', channel: 'C1', ts: '1.000100', reported: snapshot(record()) };
    assert.deepEqual(notificationAction(record(), undefined, true), { kind: 'post' });
    assert.deepEqual(notificationAction(record(), { ...note, state: 'NOTIFY#PENDING', ts: undefined } as unknown as NotificationItem, true), { kind: 'post' });
    assert.deepEqual(notificationAction(record(), note, true), { kind: 'none' });
    assert.equal(notificationAction(record({ severity: 'CRITICAL' }), note, true).kind, 'update');
    assert.deepEqual(notificationAction(record({ status: 'PASSED' }), note, false), { kind: 'resolve', reason: 'fixed' });
  });
});

describe('report routing', () => {
  const reporting = {
    jira: { project: 'SEC', issueType: 'Bug', priorities: { HIGH: 'High' }, dueDays: { HIGH: 14 } },
    slack: { channel: '#security' },
    owners: {
      tagKey: 'owner',
      accounts: { '123456789012': { jira: { project: 'OPS' }, slack: { channel: '#ops' } } },
      tags: [{ tag: { key: 'team', value: 'payments' }, jira: { project: 'PAY', labels: ['payments'] }, slack: { channel: '#payments' } }],
    },
  };

  it('applies the account, then the tag overrides, over the defaults', async () => {
    const byAccount = await routeFor(record(), reporting);
    assert.equal(byAccount.jira?.project, 'OPS');
    assert.equal(byAccount.slack?.channel, '#ops');
    assert.equal(byAccount.jira?.priority, 'High');
    assert.equal(byAccount.jira?.dueDays, 14);
    const byTag = await routeFor(record({ resource: { ...record().resource, tags: { team: 'payments' } } }), reporting);
    assert.equal(byTag.jira?.project, 'PAY');
    assert.deepEqual(byTag.jira?.labels, ['payments']);
    assert.equal(byTag.slack?.channel, '#payments');
  });

  it('assigns the owner named by the owner tag, and says why when it falls back', async () => {
    const lookup = { jiraUser: async (email: string) => (email === 'alice@example.com' ? 'acc-alice' : undefined), slackUser: async (email: string) => (email === 'alice@example.com' ? 'U0ALICE' : undefined) };
    const owned = await routeFor(record({ resource: { ...record().resource, tags: { owner: 'alice@example.com' } } }), reporting, lookup);
    assert.equal(owned.jira?.assigneeAccountId, 'acc-alice');
    assert.deepEqual(owned.slack?.userIds, ['U0ALICE']);
    assert.equal(owned.note, undefined);
    assert.match((await routeFor(record(), reporting, lookup)).note ?? '', /no owner tag/);
    assert.match((await routeFor(record({ resource: { ...record().resource, tags: { owner: 'payments-team' } } }), reporting, lookup)).note ?? '', /not an email/);
    const unknown = await routeFor(record({ resource: { ...record().resource, tags: { owner: 'zed@example.com' } } }), reporting, lookup);
    assert.match(unknown.note ?? '', /no active Jira user has the email zed@example.com; no Slack user has the email zed@example.com/);
    assert.equal(unknown.jira?.assigneeAccountId, undefined);
  });
});
