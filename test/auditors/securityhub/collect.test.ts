/** The Security Hub collector against the emulator and its Security Hub front, which applies GetFindings filters. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { BatchImportFindingsCommand, BatchUpdateFindingsCommand, EnableSecurityHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedSecurityHub } from '../../../src/emulator/seeds/securityhub.js';
import { TOOL_NAME } from '../../../src/findings/build.js';
import { securityHubCollector } from '../../../auditors/securityhub/collect.js';
import { RAMPART_TOOL_NAME } from '../../../auditors/securityhub/fetch.js';
import { securityHubAuditor } from '../../../auditors/securityhub/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();
const PRODUCT_ARN = `arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:product/${DEFAULT_ACCOUNT}/default`;

function imported(id: string, daysAgo: number, overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  const created = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  return {
    SchemaVersion: '2018-10-08', Id: id, ProductArn: PRODUCT_ARN, GeneratorId: `gen-${id}`, AwsAccountId: DEFAULT_ACCOUNT, Region: REGION,
    Types: ['Software and Configuration Checks'], CreatedAt: created, UpdatedAt: created, Severity: { Label: 'HIGH' }, Title: `title ${id}`,
    Description: 'test', Resources: [{ Type: 'Other', Id: `res-${id}` }], RecordState: 'ACTIVE', ...overrides,
  };
}

describe('securityHubCollector against the emulator', () => {
  it('the demo seed\'s stale HIGH finding fails; fresh, LOW, suppressed, archived and rampart\'s own findings do not count', async () => {
    // prepare
    const hub = emulator.clients().get(SecurityHubClient);
    await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    const seed = await seedSecurityHub(emulator.clients());
    await hub.send(new BatchImportFindingsCommand({ Findings: [
      imported('own-rampart', 60, { ProductName: TOOL_NAME, ProductFields: { 'rampart/toolName': TOOL_NAME } }),
      imported('suppressed', 60),
      imported('archived', 60, { RecordState: 'ARCHIVED' }),
    ] }));
    await hub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'suppressed', ProductArn: PRODUCT_ARN }], Workflow: { Status: 'SUPPRESSED' } }));
    const counter = new RequestCounter();

    // act
    const inventory = await securityHubCollector.collect(emulator.collectContext({ counter }));
    const { results } = evaluateChecks(task(securityHubAuditor.checks), inventory);

    // assert
    assert.deepEqual(inventory.account?.findings.map((f) => f.id), [seed.insecure[0], 'demo-scanner/fresh-critical'], 'oldest first, only the active unresolved HIGH and CRITICAL findings of other products');
    assert.deepEqual(results.map((r) => [r.resource.arn, r.status]), [[`AWS::::Account:${DEFAULT_ACCOUNT}`, 'FAILED']]);
    assert.equal(results[0]?.evidence.stale_count, 1);
    assert.equal((results[0]?.evidence.oldest as Array<{ product: string }>)[0]?.product, 'demo-scanner');
    assert.deepEqual(counter.snapshot(), { 'SecurityHub:GetFindings': 1 });
  });

  it('passes a hub with no finding of another product', async () => {
    // act
    const { results } = evaluateChecks(task(securityHubAuditor.checks), await securityHubCollector.collect(emulator.collectContext()));

    // assert
    assert.deepEqual(results.map((r) => r.status), ['PASSED']);
  });

  it('excludes rampart by the name its findings carry', () => {
    assert.equal(RAMPART_TOOL_NAME, TOOL_NAME);
  });
});
