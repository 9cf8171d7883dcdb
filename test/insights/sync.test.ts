/**
 * Insight sync against the emulator's Security Hub front: created, then in step at the cost of one
 * GetInsights; changed, renamed and retired insights handled in place; foreign ones untouched; and the
 * shipped filters select the findings they say, as rampart publishes them. aws-sdk-client-mock only
 * injects faults.
 */
import { beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  BatchImportFindingsCommand, BatchUpdateFindingsCommand, CreateInsightCommand, DeleteInsightCommand, EnableSecurityHubCommand,
  GetInsightResultsCommand, GetInsightsCommand, SecurityHubClient, UpdateInsightCommand,
  type AwsSecurityFinding, type GetInsightsCommandInput, type SeverityLabel, type GetInsightsCommandOutput, type UpdateInsightCommandInput,
} from '@aws-sdk/client-securityhub';
import { RequestCounter } from '../../src/aws/request-counter.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { loadInsightDefinitions, type InsightDefinition } from '../../src/insights/definitions.js';
import { readInsights, syncInsights } from '../../src/insights/sync.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';
import { passThrough } from '../helpers/pass-through.js';

const PRODUCT_ARN = `arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:product/${DEFAULT_ACCOUNT}/default`;

interface Spec {
  check: string;
  status?: 'PASSED' | 'FAILED';
  severity?: string;
  resourceType?: string;
  tool?: string;
  /** First seen this many days ago (default now). */
  ageDays?: number;
}

/** A finding shaped as rampart publishes it (src/findings/build.ts), or another tool's when tool is given. */
function finding(id: string, { check, status = 'FAILED', severity = 'HIGH', resourceType = 'AwsEc2SecurityGroup', tool = 'rampart', ageDays = 0 }: Spec): AwsSecurityFinding {
  const now = new Date().toISOString();
  const created = new Date(Date.now() - ageDays * 86_400_000).toISOString();
  return {
    SchemaVersion: '2018-10-08', Id: id, ProductArn: PRODUCT_ARN, ProductName: tool, CompanyName: tool, GeneratorId: check,
    AwsAccountId: DEFAULT_ACCOUNT, Region: REGION, Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: created, UpdatedAt: now, Severity: { Label: (status === 'FAILED' ? severity : 'INFORMATIONAL') as SeverityLabel }, Title: check, Description: check,
    ProductFields: { 'rampart/toolName': tool, 'rampart/checkId': check },
    Resources: [{ Type: resourceType, Id: `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:security-group/${id}`, Region: REGION }],
    Compliance: { Status: status }, RecordState: 'ACTIVE',
  };
}

describe('insight sync', () => {
  const aws = useEmulator();
  let definitions: InsightDefinition[];
  beforeAll(async () => {
    definitions = await loadInsightDefinitions();
  });

  const setUp = async (): Promise<{ clients: AwsClients; counter: RequestCounter; hub: SecurityHubClient }> => {
    const counter = new RequestCounter();
    const clients = aws.collectContext({ counter }).clients;
    const hub = clients.get(SecurityHubClient);
    await hub.send(new EnableSecurityHubCommand({}));
    counter.reset();
    return { clients, counter, hub };
  };

  const failedCalls = (report: Awaited<ReturnType<typeof syncInsights>>) => report.outcomes.filter((o) => o.outcome === 'failed');

  it('creates every definition, then a second sync only reads', async () => {
    // prepare
    const { clients, counter } = await setUp();
    // act
    const first = await syncInsights(clients, definitions);
    const afterFirst = counter.snapshot();
    counter.reset();
    const second = await syncInsights(clients, definitions);
    const afterSecond = counter.snapshot();
    // assert
    assert.deepEqual(failedCalls(first), []);
    assert.equal(first.outcomes.filter((o) => o.call.action === 'create' && o.outcome === 'done').length, definitions.length);
    assert.deepEqual(afterFirst, { 'SecurityHub:CreateInsight': definitions.length, 'SecurityHub:GetInsights': 1 });
    const stored = await readInsights(clients);
    assert.deepEqual(stored.map((i) => i.Name).sort(), definitions.map((d) => d.name).sort());
    assert.deepEqual(second.outcomes, []);
    assert.ok(second.plan?.statuses.every((s) => s.state === 'in-step'));
    assert.deepEqual(afterSecond, { 'SecurityHub:GetInsights': 1 }, 'in step: one read, no call');
  });

  it('updates in place, deletes what is no longer defined, and leaves foreign insights alone', async () => {
    // prepare
    const { clients, counter, hub } = await setUp();
    await syncInsights(clients, definitions);
    const before = new Map((await readInsights(clients)).map((i) => [i.Name, i.InsightArn]));
    const { InsightArn: foreignArn } = await hub.send(new CreateInsightCommand({ Name: 'Security team: root usage', Filters: { ResourceType: [{ Value: 'AwsAccount', Comparison: 'EQUALS' }] }, GroupByAttribute: 'AwsAccountId' }));
    const [changed, renamed, retired, ...rest] = definitions as [InsightDefinition, InsightDefinition, InsightDefinition, ...InsightDefinition[]];
    const next = [{ ...changed, groupBy: 'Region' }, { ...renamed, name: `${renamed.name} (renamed)` }, ...rest];
    counter.reset();
    // act
    const report = await syncInsights(clients, next);
    // assert
    assert.deepEqual(failedCalls(report), []);
    assert.deepEqual(report.outcomes.map((o) => [o.call.action, o.call.name]), [
      ['delete', retired.name],
      ['update', changed.name],
      ['update', `${renamed.name} (renamed)`],
    ]);
    assert.deepEqual(counter.snapshot(), { 'SecurityHub:DeleteInsight': 1, 'SecurityHub:GetInsights': 1, 'SecurityHub:UpdateInsight': 2 });
    const after = await readInsights(clients);
    assert.equal(after.find((i) => i.Name === changed.name)?.InsightArn, before.get(changed.name), 'updated in place: same ARN');
    assert.equal(after.find((i) => i.Name === changed.name)?.GroupByAttribute, 'Region');
    assert.equal(after.find((i) => i.Name === `${renamed.name} (renamed)`)?.InsightArn, before.get(renamed.name), 'renamed in place');
    assert.equal(after.some((i) => i.Name === retired.name), false);
    assert.deepEqual(after.find((i) => i.InsightArn === foreignArn), { InsightArn: foreignArn, Name: 'Security team: root usage', Filters: { ResourceType: [{ Value: 'AwsAccount', Comparison: 'EQUALS' }] }, GroupByAttribute: 'AwsAccountId' });
    assert.deepEqual(report.plan?.statuses.filter((s) => s.state === 'foreign').map((s) => s.arn), [foreignArn]);
  });

  it('a dry run reads and plans but changes nothing', async () => {
    // prepare
    const { clients, counter } = await setUp();
    // act
    const report = await syncInsights(clients, definitions, { dryRun: true });
    // assert
    assert.equal(report.outcomes.length, definitions.length);
    assert.ok(report.outcomes.every((o) => o.outcome === 'planned' && o.call.action === 'create'));
    assert.deepEqual(counter.snapshot(), { 'SecurityHub:GetInsights': 1 });
    assert.deepEqual(await readInsights(clients), []);
  });

  it('collects a failing UpdateInsight and goes on with the others', async () => {
    // prepare
    const { clients } = await setUp();
    await syncInsights(clients, definitions);
    const changed = definitions.map((d) => ({ ...d, groupBy: 'Region' }));
    const victim = (await readInsights(clients)).find((i) => i.Name === definitions[1]?.name)?.InsightArn;
    const mock = passThrough(SecurityHubClient, [GetInsightsCommand, CreateInsightCommand, UpdateInsightCommand, DeleteInsightCommand]);
    mock.fake<UpdateInsightCommandInput>(UpdateInsightCommand, async (input, real) => {
      if (input.InsightArn === victim) throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } });
      return real(input);
    });
    // act
    let report: Awaited<ReturnType<typeof syncInsights>>;
    try {
      report = await syncInsights(clients, changed);
    } finally {
      mock.restore();
    }
    // assert
    const failed = failedCalls(report);
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.call.name, definitions[1]?.name);
    assert.match(failed[0]?.error ?? '', /^LimitExceededException: Rate exceeded/);
    assert.equal(report.outcomes.filter((o) => o.outcome === 'done').length, definitions.length - 1, 'the others were updated');
    const stored = await readInsights(clients);
    assert.equal(stored.filter((i) => i.GroupByAttribute === 'Region').length, definitions.length - 1);
  });

  it('makes no create past the 100-insight limit, reports each, and reports a GetInsights failure, without throwing', async () => {
    // prepare
    const { clients, hub } = await setUp();
    for (let i = 0; i < 95; i += 1) {
      await hub.send(new CreateInsightCommand({ Name: `team insight ${i}`, Filters: { Title: [{ Value: `t${i}`, Comparison: 'EQUALS' }] }, GroupByAttribute: 'ResourceId' }));
    }
    // act
    const full = await syncInsights(clients, definitions);
    const mock = passThrough(SecurityHubClient, []);
    mock.fake(GetInsightsCommand, async () => {
      throw Object.assign(new Error('User is not authorized to perform: securityhub:GetInsights'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    });
    let denied: Awaited<ReturnType<typeof syncInsights>>;
    try {
      denied = await syncInsights(clients, definitions);
    } finally {
      mock.restore();
    }
    // assert
    assert.equal(full.plan?.projectedCount, 95 + definitions.length);
    assert.equal(full.outcomes.filter((o) => o.outcome === 'done').length, 5);
    assert.equal(failedCalls(full).length, definitions.length - 5);
    assert.match(failedCalls(full)[0]?.error ?? '', /^not created: 123456789012\/us-east-1 already holds 100 custom insights/);
    assert.equal((await readInsights(clients)).length, 100);
    assert.match(denied.error ?? '', /^GetInsights: AccessDeniedException: User is not authorized/);
    assert.deepEqual(denied.outcomes, []);
  });

  it('follows GetInsights pages', async () => {
    // prepare
    const { clients } = await setUp();
    await syncInsights(clients, definitions);
    const mock = passThrough(SecurityHubClient, []);
    mock.fake<GetInsightsCommandInput>(GetInsightsCommand, async (input, real) => {
      const all = ((await real({ MaxResults: 100 })) as GetInsightsCommandOutput).Insights ?? [];
      return input.NextToken === 'page-2' ? { Insights: all.slice(4) } : { Insights: all.slice(0, 4), NextToken: 'page-2' };
    });
    // act
    let insights: Awaited<ReturnType<typeof readInsights>>;
    let report: Awaited<ReturnType<typeof syncInsights>>;
    try {
      insights = await readInsights(clients);
      report = await syncInsights(clients, definitions);
    } finally {
      mock.restore();
    }
    // assert
    assert.equal(insights.length, definitions.length);
    assert.deepEqual(report.outcomes, [], 'every page read: nothing created twice');
  });

  it('the shipped filters select rampart\'s open, exempted and remediated findings as they say', async () => {
    // prepare
    const { clients, hub } = await setUp();
    const findings = [
      finding('open-sg', { check: 'ec2-security-group-no-public-restricted-ports', severity: 'CRITICAL' }),
      finding('open-bucket', { check: 's3-bucket-policy-not-public', resourceType: 'AwsS3Bucket' }),
      finding('plain-volume', { check: 'ebs-volume-encrypted', severity: 'MEDIUM', resourceType: 'AwsEc2Volume' }),
      finding('passed', { check: 'ebs-volume-encrypted', status: 'PASSED', resourceType: 'AwsEc2Volume' }),
      finding('exempt', { check: 's3-bucket-policy-not-public', resourceType: 'AwsS3Bucket' }),
      finding('fixed', { check: 'ec2-security-group-no-public-restricted-ports', status: 'PASSED' }),
      finding('other-tool', { check: 'ec2-security-group-no-public-restricted-ports', tool: 'prowler' }),
      finding('old-open', { check: 'ebs-volume-encrypted', severity: 'LOW', resourceType: 'AwsEc2Volume', ageDays: 45 }),
    ];
    await hub.send(new BatchImportFindingsCommand({ Findings: findings }));
    const ref = (id: string) => ({ Id: id, ProductArn: PRODUCT_ARN });
    await hub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [ref('exempt')], Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'Exempted by rampart config: a public website', UpdatedBy: 'rampart' } }));
    await hub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [ref('fixed')], Workflow: { Status: 'RESOLVED' }, Note: { Text: 'Remediated by rampart ec2-revoke-public-restricted-port-ranges (rem-1), requested by x', UpdatedBy: 'x' } }));
    await syncInsights(clients, definitions);
    const arns = new Map((await readInsights(clients)).map((i) => [i.Name, i.InsightArn as string]));
    const results = async (key: string): Promise<Record<string, number>> => {
      const name = definitions.find((d) => d.key === key)?.name as string;
      const { InsightResults } = await hub.send(new GetInsightResultsCommand({ InsightArn: arns.get(name) }));
      return Object.fromEntries((InsightResults?.ResultValues ?? []).map((v) => [v.GroupByAttributeValue, v.Count]));
    };
    // act
    const [byCheck, byAccount, byType, critical, exposed, unencrypted, remediated, exempted, old] = await Promise.all(
      ['failed-by-check', 'failed-by-account', 'failed-by-resource-type', 'critical-and-high-open', 'publicly-exposed', 'unencrypted', 'remediated-last-7-days', 'exempted', 'open-over-30-days'].map(results),
    );
    // assert
    assert.deepEqual(byCheck, { 'ec2-security-group-no-public-restricted-ports': 1, 's3-bucket-policy-not-public': 1, 'ebs-volume-encrypted': 2 });
    assert.deepEqual(byAccount, { [DEFAULT_ACCOUNT]: 4 });
    assert.deepEqual(byType, { AwsEc2SecurityGroup: 1, AwsS3Bucket: 1, AwsEc2Volume: 2 });
    assert.deepEqual(Object.keys(critical ?? {}).sort(), [findings[0]?.Resources?.[0]?.Id, findings[1]?.Resources?.[0]?.Id].sort());
    assert.equal(Object.keys(exposed ?? {}).length, 2);
    assert.deepEqual(unencrypted, { AwsEc2Volume: 2 });
    assert.deepEqual(remediated, { 'ec2-security-group-no-public-restricted-ports': 1 });
    assert.deepEqual(exempted, { 's3-bucket-policy-not-public': 1 });
    assert.equal(Object.values(old ?? {}).reduce((a, b) => a + b, 0), 1, 'only the finding first seen 45 days ago is open over 30 days');
  });
});
