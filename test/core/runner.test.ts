import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { defineCheck, fail, failBelow, pass } from '../../src/core/check.js';
import type { Collector } from '../../src/core/collector.js';
import { fetched, need, type Fetched } from '../../src/core/collector.js';
import { planTasks, selectChecks, PlanError } from '../../src/core/planner.js';
import { Registry } from '../../src/core/registry.js';
import { runPlan } from '../../src/core/runner.js';
import type { ResourceRef } from '../../src/core/resource.js';
import { silentLogger } from '../../src/util/logger.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { META } from '../helpers/fixtures.js';

interface Item { ref: ResourceRef; value: Fetched<number> }
interface Inventory { items: Item[] }

const ref = (id: string): ResourceRef => ({ type: 'Other', arn: `arn:aws:test:::${id}`, id, region: 'us-east-1', partition: 'aws', tags: {} });

function makeAuditor(collect: () => Promise<Inventory>) {
  const collector: Collector<Inventory> = { id: 'test', service: 'test', global: false, permissions: ['test:List'], collect };
  const positive = defineCheck<Inventory, Item>({
    meta: { ...META, id: 'test-value-positive', service: 'test' },
    collector,
    select: (inv) => inv.items,
    evaluate: (item) => (need(item.value, 'the value') > 0 ? pass('positive') : fail('not positive', { value: need(item.value, 'the value') })),
  });
  const throws = defineCheck<Inventory, Item>({
    meta: { ...META, id: 'test-throws', service: 'test', severity: 'LOW' },
    collector,
    select: (inv) => inv.items.slice(0, 1),
    evaluate: () => {
      throw new TypeError('boom');
    },
  });
  return new Registry([{ service: 'test', collector, checks: [positive, throws] }]);
}

const clientsFor = () => createAwsClients('123456789012', 'us-east-1', { accessKeyId: 'x', secretAccessKey: 'y' }, {});

describe('runner', () => {
  it('a check whose select() throws did not complete: nothing of it may be archived, and the failure is an ERROR result', async () => {
    // prepare
    const collector: Collector<Inventory> = { id: 'test', service: 'test', global: false, permissions: ['test:List'], collect: async () => ({ items: [{ ref: ref('a'), value: fetched(1) }] }) };
    const selects = defineCheck<Inventory, Item>({ meta: { ...META, id: 'test-selects', service: 'test' }, collector, select: (inv) => inv.items, evaluate: () => pass() });
    const broken = defineCheck<Inventory, Item>({
      meta: { ...META, id: 'test-broken-select', service: 'test' },
      collector,
      select: () => {
        throw new TypeError('items is not iterable');
      },
      evaluate: () => pass(),
    });
    const registry = new Registry([{ service: 'test', collector, checks: [selects, broken] }]);
    // act
    const [outcome] = await runPlan(planTasks(selectChecks(registry, {}), ['123456789012'], ['us-east-1'], 'us-east-1'), { clientsFor, logger: silentLogger, concurrency: 1 });
    // assert
    assert.deepEqual(outcome?.completedChecks, ['test-selects']);
    assert.deepEqual(outcome?.failedChecks, ['test-broken-select']);
    assert.equal(outcome?.results.find((r) => r.checkId === 'test-broken-select')?.status, 'ERROR');
  });

  it('a FAILED verdict may be less severe than its check, never below LOW', async () => {
    const collector: Collector<Inventory> = { id: 'test', service: 'test', global: false, permissions: ['test:List'], collect: async () => ({ items: [{ ref: ref('a'), value: fetched(1) }] }) };
    const partly = defineCheck<Inventory, Item>({ meta: { ...META, id: 'test-partly', service: 'test', severity: 'HIGH' }, collector, select: (inv) => inv.items, evaluate: () => failBelow(1, 'open to part of the internet') });
    const far = defineCheck<Inventory, Item>({ meta: { ...META, id: 'test-far', service: 'test', severity: 'MEDIUM' }, collector, select: (inv) => inv.items, evaluate: () => failBelow(9, 'far below') });
    const registry = new Registry([{ service: 'test', collector, checks: [partly, far] }]);
    const [outcome] = await runPlan(planTasks(selectChecks(registry, { settings: { 'test-partly': { severity: 'CRITICAL' } } }), ['123456789012'], ['us-east-1'], 'us-east-1'), { clientsFor, logger: silentLogger, concurrency: 1 });
    assert.deepEqual(Object.fromEntries(outcome!.results.map((r) => [r.checkId, r.severity])), { 'test-partly': 'HIGH', 'test-far': 'LOW' });
  });

  it('evaluates each item; a throwing check and a failed detail become ERROR results', async () => {
    const registry = makeAuditor(async () => ({ items: [
      { ref: ref('a'), value: fetched(1) },
      { ref: ref('b'), value: fetched(-1) },
      { ref: ref('c'), value: { ok: false, error: 'AccessDenied: no' } },
    ] }));
    const tasks = planTasks(selectChecks(registry, {}), ['123456789012'], ['us-east-1'], 'us-east-1');
    const [outcome] = await runPlan(tasks, { clientsFor, logger: silentLogger, concurrency: 2 });
    const statuses = Object.fromEntries(outcome!.results.map((r) => [`${r.checkId}/${r.resource.id}`, r.status]));
    assert.deepEqual(statuses, { 'test-value-positive/a': 'PASSED', 'test-value-positive/b': 'FAILED', 'test-value-positive/c': 'ERROR', 'test-throws/a': 'ERROR' });
    assert.match(outcome!.results.find((r) => r.resource.id === 'c')?.summary ?? '', /the value could not be read: AccessDenied/);
    assert.equal(outcome!.resources, 3);
  });

  it('a failed collection is one ERROR per check, never PASSED and never zero resources silently', async () => {
    const registry = makeAuditor(async () => {
      throw Object.assign(new Error('not authorized'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    });
    const tasks = planTasks(selectChecks(registry, {}), ['123456789012'], ['us-east-1'], 'us-east-1');
    const [outcome] = await runPlan(tasks, { clientsFor, logger: silentLogger, concurrency: 1 });
    assert.equal(outcome!.ok, false);
    assert.equal(outcome!.error?.kind, 'access-denied');
    assert.deepEqual(outcome!.results.map((r) => r.status), ['ERROR', 'ERROR']);
    assert.deepEqual(outcome!.completedChecks, []);
    assert.equal(outcome!.results[0]?.resource.type, 'AwsAccount');
  });
});

describe('planner', () => {
  const registry = makeAuditor(async () => ({ items: [] }));

  it('applies the selection and severity overrides', () => {
    const planned = selectChecks(registry, { excludeChecks: ['test-throws'], settings: { 'test-value-positive': { severity: 'CRITICAL' } } });
    assert.deepEqual(planned.map((p) => [p.check.meta.id, p.severity]), [['test-value-positive', 'CRITICAL']]);
  });

  it('skips checks disabled in the config unless named with --checks', () => {
    assert.equal(selectChecks(registry, { settings: { 'test-throws': { enabled: false } } }).length, 1);
    assert.equal(selectChecks(registry, { checks: ['test-throws'], settings: { 'test-throws': { enabled: false } } }).length, 1);
  });

  it('rejects unknown ids and services, and an empty selection', () => {
    assert.throws(() => selectChecks(registry, { checks: ['nope'] }), PlanError);
    assert.throws(() => selectChecks(registry, { services: ['nope'] }), /--services: unknown service nope/);
    assert.throws(() => selectChecks(registry, { settings: { nope: {} } }), /config checks: unknown check id nope/);
    assert.throws(() => selectChecks(registry, { excludeChecks: ['test-throws', 'test-value-positive'] }), /no check is selected/);
  });

  it('plans global collectors once per account in the home region', () => {
    const planned = selectChecks(registry, {});
    const regional = planTasks(planned, ['1', '2'], ['us-east-1', 'eu-west-1'], 'us-east-1');
    assert.equal(regional.length, 4);
    const globalPlanned = planned.map((p) => ({ ...p, check: { ...p.check, collector: { ...p.check.collector, global: true } } }));
    assert.equal(planTasks(globalPlanned, ['1', '2'], ['us-east-1', 'eu-west-1'], 'eu-west-1').every((t) => t.region === 'eu-west-1'), true);
  });
});
