/** The insight plan (pure): what to create, update in place and delete, and what to leave alone. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Insight } from '@aws-sdk/client-securityhub';
import type { InsightDefinition } from '../../src/insights/definitions.js';
import { canonicalFilters, planInsights } from '../../src/insights/plan.js';

const SCOPE = { ProductFields: [{ Key: 'rampart/toolName', Value: 'rampart', Comparison: 'EQUALS' as const }] };

function definition(key: string, overrides: Partial<InsightDefinition> = {}): InsightDefinition {
  return {
    key,
    file: `insights/${key}.json`,
    name: `rampart: ${key}`,
    description: `the ${key} insight`,
    groupBy: 'GeneratorId',
    filters: { ...SCOPE, ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }] },
    ...overrides,
  };
}

function insight(arn: string, d: InsightDefinition, overrides: Partial<Insight> = {}): Insight {
  return { InsightArn: arn, Name: d.name, Filters: d.filters, GroupByAttribute: d.groupBy, ...overrides };
}

const foreign: Insight = { InsightArn: 'arn:foreign', Name: 'Team X: my insight', Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] }, GroupByAttribute: 'ResourceId' };

describe('insight plan', () => {
  it('creates every definition in an empty account', () => {
    // prepare
    const defs = [definition('a'), definition('b')];
    // act
    const plan = planInsights(defs, []);
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.name]), [['create', 'rampart: a'], ['create', 'rampart: b']]);
    assert.deepEqual(plan.statuses.map((s) => s.state), ['missing', 'missing']);
    assert.equal(plan.projectedCount, 2);
  });

  it('makes no call when everything is in step, whatever the order of attributes and values', () => {
    // prepare
    const d = definition('a', { filters: { ...SCOPE, WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }, { Value: 'NOTIFIED', Comparison: 'EQUALS' }] } });
    const stored = insight('arn:1', d, {
      Filters: { WorkflowStatus: [{ Comparison: 'EQUALS', Value: 'NOTIFIED' }, { Comparison: 'EQUALS', Value: 'NEW' }], ProductFields: [{ Comparison: 'EQUALS', Value: 'rampart', Key: 'rampart/toolName' }], Title: [] },
    });
    // act
    const plan = planInsights([d], [stored]);
    // assert
    assert.deepEqual(plan.calls, []);
    assert.deepEqual(plan.statuses, [{ state: 'in-step', name: 'rampart: a', key: 'a', arn: 'arn:1' }]);
  });

  it('updates in place what differs in filters or grouping, naming what changed', () => {
    // prepare
    const d = definition('a', { groupBy: 'AwsAccountId' });
    const stored = insight('arn:1', d, { GroupByAttribute: 'GeneratorId', Filters: SCOPE });
    // act
    const plan = planInsights([d], [stored]);
    // assert
    assert.equal(plan.calls.length, 1);
    const [call] = plan.calls;
    assert.equal(call?.action, 'update');
    assert.ok(call?.action === 'update');
    assert.equal(call.arn, 'arn:1');
    assert.deepEqual(call.changes, ['filters', 'groupBy']);
    assert.equal(call.groupBy, 'AwsAccountId');
    assert.deepEqual(call.filters, d.filters);
    assert.deepEqual(plan.statuses[0], { state: 'differs', name: 'rampart: a', key: 'a', arn: 'arn:1', changes: ['filters', 'groupBy'] });
  });

  it('takes a renamed definition as an update in place of the identical insight', () => {
    // prepare
    const d = definition('a', { name: 'rampart: a, renamed' });
    const stored = insight('arn:1', d, { Name: 'rampart: a' });
    // act
    const plan = planInsights([d], [stored]);
    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['update']);
    assert.ok(plan.calls[0]?.action === 'update');
    assert.deepEqual(plan.calls[0].changes, ['name']);
    assert.equal(plan.calls[0].previousName, 'rampart: a');
  });

  it('deletes rampart insights no longer defined, and a duplicate of a defined one', () => {
    // prepare
    const d = definition('a');
    const gone = insight('arn:old', definition('old'));
    const twin = insight('arn:twin', d);
    // act
    const plan = planInsights([d], [insight('arn:1', d), twin, gone]);
    // assert
    assert.deepEqual(plan.calls, [
      { action: 'delete', arn: 'arn:twin', name: 'rampart: a', reason: 'duplicate' },
      { action: 'delete', arn: 'arn:old', name: 'rampart: old', reason: 'no longer defined' },
    ]);
    assert.deepEqual(plan.statuses.map((s) => s.state), ['in-step', 'stale', 'stale']);
    assert.equal(plan.projectedCount, 1);
  });

  it('leaves foreign insights alone, even one whose filters equal a definition, and counts them against the limit', () => {
    // prepare
    const d = definition('a');
    const lookalike = insight('arn:lookalike', d, { Name: 'Rampart: a' });
    // act
    const plan = planInsights([d], [foreign, lookalike]);
    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['create']);
    assert.deepEqual(plan.statuses.map((s) => [s.state, s.name]), [['missing', 'rampart: a'], ['foreign', 'Team X: my insight'], ['foreign', 'Rampart: a']]);
    assert.equal(plan.projectedCount, 3);
  });

  it('orders deletes before updates before creates (a delete frees room under the 100-insight limit)', () => {
    // prepare
    const changed = definition('changed', { groupBy: 'ResourceType' });
    const defs = [definition('new'), changed];
    // act
    const plan = planInsights(defs, [insight('arn:c', definition('changed')), insight('arn:gone', definition('gone', { groupBy: 'Region' }))]);
    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['delete', 'update', 'create']);
  });

  it('compares dates as instants and DateRange WITHIN as the default it is', () => {
    // act and assert
    assert.equal(
      canonicalFilters({ CreatedAt: [{ Start: '2026-01-01T00:00:00Z', End: '2026-02-01T00:00:00.000Z' }], UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS', Comparison: 'WITHIN' } }] }),
      canonicalFilters({ CreatedAt: [{ Start: '2026-01-01T00:00:00.000Z', End: '2026-02-01T00:00:00Z' }], UpdatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] }),
    );
    assert.notEqual(
      canonicalFilters({ CreatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }] }),
      canonicalFilters({ CreatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS' } }] }),
      'OLDER_THAN is not the default',
    );
  });
});
