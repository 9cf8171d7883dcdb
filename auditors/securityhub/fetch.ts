/** Reads the Security Hub inventory (see collect.ts). */
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding, type AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { pages } from '../../src/aws/paginate.js';
import type { CollectContext } from '../../src/core/collector.js';
import { accountRef } from '../../src/core/resource.js';
import { MAX_FINDINGS, type HubFindingRecord, type SecurityHubInventory } from './collect.js';

const PAGE_SIZE = 100;

/** The ProductName and ProductFields rampart/toolName of rampart's own findings (src/findings/build.ts TOOL_NAME; a test keeps them equal). */
export const RAMPART_TOOL_NAME = 'rampart';

/**
 * This account's and region's findings only (an administrator account sees its
 * members', an aggregation region its linked regions'), and none of rampart's,
 * so that rampart does not grade itself. The age is judged by the check.
 */
export function findingFilters(accountId: string, region: string): AwsSecurityFindingFilters {
  return {
    AwsAccountId: [{ Value: accountId, Comparison: 'EQUALS' }],
    Region: [{ Value: region, Comparison: 'EQUALS' }],
    RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
    WorkflowStatus: [{ Value: 'NEW', Comparison: 'EQUALS' }, { Value: 'NOTIFIED', Comparison: 'EQUALS' }],
    SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }, { Value: 'CRITICAL', Comparison: 'EQUALS' }],
    ProductFields: [{ Key: 'rampart/toolName', Value: RAMPART_TOOL_NAME, Comparison: 'NOT_EQUALS' }],
    ProductName: [{ Value: RAMPART_TOOL_NAME, Comparison: 'NOT_EQUALS' }],
  };
}

function toRecord(finding: AwsSecurityFinding): HubFindingRecord {
  const resourceId = finding.Resources?.[0]?.Id;
  return {
    id: finding.Id ?? 'unknown',
    ...(finding.ProductName ? { productName: finding.ProductName } : {}),
    ...(finding.GeneratorId ? { generatorId: finding.GeneratorId } : {}),
    ...(finding.Title ? { title: finding.Title } : {}),
    ...(finding.Severity?.Label ? { severity: finding.Severity.Label } : {}),
    ...(finding.CreatedAt ? { createdAt: finding.CreatedAt } : {}),
    ...(resourceId ? { resourceId } : {}),
  };
}

async function readFindings(hub: SecurityHubClient, ctx: CollectContext): Promise<{ findings: HubFindingRecord[]; truncated: boolean }> {
  const findings: HubFindingRecord[] = [];
  const Filters = findingFilters(ctx.accountId, ctx.region);
  const listing = pages(
    (NextToken) => hub.send(new GetFindingsCommand({ Filters, SortCriteria: [{ Field: 'CreatedAt', SortOrder: 'asc' }], MaxResults: PAGE_SIZE, NextToken })),
    (page) => page.NextToken,
  );
  for await (const page of listing) {
    findings.push(...(page.Findings ?? []).map(toRecord));
    if (findings.length >= MAX_FINDINGS) {
      return { findings: findings.slice(0, MAX_FINDINGS), truncated: findings.length > MAX_FINDINGS || (page.NextToken !== undefined && page.NextToken !== '') };
    }
  }
  return { findings, truncated: false };
}

export async function fetchSecurityHubInventory(ctx: CollectContext): Promise<SecurityHubInventory> {
  const collectedAt = new Date().toISOString();
  const hub = ctx.clients.get(SecurityHubClient);
  return unlessNotOffered(
    async () => {
      const ref = accountRef(ctx.accountId, ctx.region);
      try {
        return { collectedAt, account: { ref, enabled: true, ...(await readFindings(hub, ctx)) } };
      } catch (error) {
        // Security Hub answers InvalidAccessException when it is not enabled in the region (an IAM denial is AccessDeniedException).
        if (describeAwsError(error).code !== 'InvalidAccessException') throw error;
        return { collectedAt, account: { ref, enabled: false, findings: [], truncated: false } };
      }
    },
    () => ({ collectedAt }),
    (why) => ctx.logger.debug(`securityhub: not offered in ${ctx.region} (${why}); nothing to judge there`),
  );
}
