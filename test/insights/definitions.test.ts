/**
 * The insight definitions: every shipped file validates, stays within Security Hub's limits, is
 * scoped to rampart's findings and names only real checks (a contract test); a bad file is refused
 * with its name and the field at fault.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDITORS } from '../../auditors/index.js';
import { Registry } from '../../src/core/registry.js';
import { TOOL_NAME } from '../../src/findings/build.js';
import { INSIGHT_LIMITS, INSIGHT_PREFIX, insightsDirectory, loadInsightDefinitions, parseInsightDefinition, type InsightDefinition } from '../../src/insights/definitions.js';

const registry = new Registry(AUDITORS);
const checkIds = new Set(registry.checks.map((c) => c.meta.id));

const valid = {
  name: 'rampart: open failed findings',
  description: 'The open failed findings of rampart.',
  groupBy: 'GeneratorId',
  filters: { ProductFields: [{ Key: 'rampart/toolName', Value: 'rampart', Comparison: 'EQUALS' }] },
};

function problem(body: unknown, file = 'insights/x.json'): string {
  try {
    parseInsightDefinition(JSON.stringify(body), file);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('the definition was accepted');
}

const values = (d: InsightDefinition, attribute: string): string[] =>
  ((d.filters as Record<string, Array<{ Value?: string }> | undefined>)[attribute] ?? []).map((f) => f.Value ?? '');

describe('shipped insight definitions (contract)', async () => {
  const defs = await loadInsightDefinitions();

  it('are found at the package root, whatever the working directory', () => {
    assert.ok(insightsDirectory().endsWith('/insights'), insightsDirectory());
    assert.ok(defs.length >= 9, `${defs.length} definitions`);
  });

  it('stay within Security Hub limits and are named with rampart\'s prefix, uniquely', () => {
    assert.ok(defs.length <= INSIGHT_LIMITS.customInsights);
    assert.equal(new Set(defs.map((d) => d.name)).size, defs.length);
    for (const d of defs) {
      assert.ok(d.name.startsWith(INSIGHT_PREFIX), d.file);
      const attributes = Object.values(d.filters).filter((list) => Array.isArray(list) && list.length > 0) as unknown[][];
      assert.ok(attributes.length <= INSIGHT_LIMITS.attributes, `${d.file}: ${attributes.length} attributes`);
      for (const list of attributes) assert.ok(list.length <= INSIGHT_LIMITS.valuesPerAttribute, d.file);
    }
  });

  it('are scoped to rampart\'s findings, and to ACTIVE ones but for the remediation history', () => {
    for (const d of defs) {
      assert.deepEqual(d.filters.ProductFields, [{ Key: 'rampart/toolName', Value: TOOL_NAME, Comparison: 'EQUALS' }], d.file);
      if (d.key !== 'remediated-last-7-days') assert.deepEqual(values(d, 'RecordState'), ['ACTIVE'], d.file);
    }
  });

  it('cover what the brief asks: by check, account and resource type, severity, exposure, encryption, age, remediation, exemption', () => {
    const byKey = new Map(defs.map((d) => [d.key, d]));
    assert.deepEqual(['failed-by-check', 'failed-by-account', 'failed-by-resource-type'].map((k) => byKey.get(k)?.groupBy), ['GeneratorId', 'AwsAccountId', 'ResourceType']);
    assert.deepEqual(values(byKey.get('critical-and-high-open') as InsightDefinition, 'SeverityLabel'), ['CRITICAL', 'HIGH']);
    assert.deepEqual(byKey.get('open-over-30-days')?.filters.CreatedAt, [{ DateRange: { Value: 30, Unit: 'DAYS', Comparison: 'OLDER_THAN' } }]);
    assert.deepEqual(values(byKey.get('remediated-last-7-days') as InsightDefinition, 'WorkflowStatus'), ['RESOLVED']);
    assert.deepEqual(values(byKey.get('exempted') as InsightDefinition, 'WorkflowStatus'), ['SUPPRESSED']);
  });

  it('name only checks that exist, and every public-access and encryption check is in its insight', () => {
    for (const d of defs) for (const id of values(d, 'GeneratorId')) assert.ok(checkIds.has(id), `${d.file}: ${id} is not a check`);
    const exposed = new Set(values(defs.find((d) => d.key === 'publicly-exposed') as InsightDefinition, 'GeneratorId'));
    const encryption = new Set(defs.filter((d) => d.key.startsWith('unencrypted')).flatMap((d) => values(d, 'GeneratorId')));
    // A new check of either kind must be placed (or this list says why it is left out).
    const leftOut = new Set(['s3-account-block-public-access-enabled', 's3-bucket-block-public-access-enabled', 'opensearch-domain-tls-1-2-or-newer']);
    for (const id of checkIds) {
      if (/not-public|publicly-accessible|no-public/.test(id) && !leftOut.has(id)) assert.ok(exposed.has(id), `${id} belongs in publicly-exposed.json`);
      if (/encrypt|insecure-transport|https-required/.test(id) && !leftOut.has(id)) assert.ok(encryption.has(id), `${id} belongs in unencrypted.json`);
    }
  });
});

describe('insight definition validation', () => {
  it('accepts a minimal definition and keys it by its file name', () => {
    // act
    const d = parseInsightDefinition(JSON.stringify(valid), 'insights/open-failed.json');
    // assert
    assert.equal(d.key, 'open-failed');
    assert.equal(d.groupBy, 'GeneratorId');
  });

  it('names the file and the field at fault', () => {
    // act and assert
    assert.match(problem({ ...valid, name: 'open failed findings' }), /^insights\/x\.json: name: must start with "rampart: "/);
    assert.match(problem({ ...valid, name: `rampart: ${'x'.repeat(200)}` }), /insights\/x\.json: name: must be at most 128/);
    assert.match(problem({ ...valid, groupBy: 'CreatedAt' }), /insights\/x\.json: groupBy: must be a string attribute/);
    assert.match(problem({ ...valid, filters: { GeneratorId: [{ Value: 'x', Comparison: 'CONTAINS' }] } }), /insights\/x\.json: filters\.GeneratorId\.0\.Comparison: must be one of EQUALS, PREFIX, NOT_EQUALS, PREFIX_NOT_EQUALS/);
    assert.match(problem({ ...valid, filters: { GeneratorID: [{ Value: 'x', Comparison: 'EQUALS' }] } }), /insights\/x\.json: filters: unknown field\(s\) "GeneratorID"/);
    assert.match(problem({ ...valid, filters: { CreatedAt: [{ DateRange: { Value: 30, Unit: 'WEEKS' } }] } }), /filters\.CreatedAt\.0\.DateRange\.Unit: must be DAYS/);
    assert.match(problem({ ...valid, filters: { CreatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS' }, Start: '2026-01-01T00:00:00Z' }] } }), /filters\.CreatedAt\.0: give either DateRange or Start\/End/);
    assert.match(problem({ ...valid, filters: { GeneratorId: [{ Value: 'a', Comparison: 'EQUALS' }, { Value: 'b', Comparison: 'NOT_EQUALS' }] } }), /filters\.GeneratorId: EQUALS cannot be combined/);
    assert.match(problem({ ...valid, extra: 1 }), /\(top level\): unknown field\(s\) "extra"/);
    assert.match(problem(valid, 'insights/Bad_Name.json'), /Bad_Name\.json: \(file name\): Bad_Name\.json must be kebab-case/);
  });

  it('refuses more than 10 attributes and more than 20 values for one', () => {
    // prepare
    const attributes = ['GeneratorId', 'AwsAccountId', 'Region', 'Title', 'Description', 'Id', 'ProductArn', 'ProductName', 'CompanyName', 'ResourceId', 'ResourceType'];
    const eleven = Object.fromEntries(attributes.map((a) => [a, [{ Value: 'x', Comparison: 'EQUALS' }]]));
    const many = Array.from({ length: 21 }, (_, i) => ({ Value: `check-${i}`, Comparison: 'EQUALS' }));
    // act and assert
    assert.match(problem({ ...valid, filters: eleven }), /filters: filters on 11 attributes: Security Hub allows at most 10/);
    assert.match(problem({ ...valid, filters: { GeneratorId: many } }), /filters\.GeneratorId: has more than 20 values/);
  });

  it('loads a folder and reports every bad file, and two files of one name', async () => {
    // prepare
    const dir = mkdtempSync(join(tmpdir(), 'rampart-insights-'));
    writeFileSync(join(dir, 'one.json'), JSON.stringify(valid));
    writeFileSync(join(dir, 'two.json'), JSON.stringify(valid));
    writeFileSync(join(dir, 'three.json'), '{ not json');
    writeFileSync(join(dir, 'README.md'), 'not a definition');
    // act
    const error = await loadInsightDefinitions(dir).then(() => undefined, (e: unknown) => e as Error);
    // assert
    assert.match(error?.message ?? '', /three\.json: not valid JSON/);
    assert.match(error?.message ?? '', /two\.json: name: "rampart: open failed findings" is also the name of .*one\.json/);
  });

  it('refuses a missing or empty folder rather than deleting every insight', async () => {
    // act and assert
    await assert.rejects(loadInsightDefinitions(join(tmpdir(), 'rampart-no-such-dir')), /no such directory/);
    await assert.rejects(loadInsightDefinitions(mkdtempSync(join(tmpdir(), 'rampart-empty-'))), /no insight definitions/);
  });
});
