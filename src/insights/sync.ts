/**
 * Brings one account and region's Security Hub insights in step with the definitions: reads every
 * custom insight (GetInsights, paginated), plans (plan.ts), then makes the calls one by one. A call
 * that fails is recorded with its error and the others go on; nothing is thrown but a failure to
 * read the insights at all, which is recorded the same way.
 */
import { CreateInsightCommand, DeleteInsightCommand, GetInsightsCommand, SecurityHubClient, UpdateInsightCommand, type Insight } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { collectPages } from '../aws/paginate.js';
import { INSIGHT_LIMITS, type InsightDefinition } from './definitions.js';
import { planInsights, type InsightPlan, type PlannedCall } from './plan.js';

export interface CallOutcome {
  call: PlannedCall;
  /** done: made; planned: a dry run; failed: the error says why. */
  outcome: 'done' | 'planned' | 'failed';
  /** The new insight's ARN (create). */
  arn?: string;
  error?: string;
}

export interface InsightSyncReport {
  accountId: string;
  region: string;
  /** Absent when the insights could not be read (error says why). */
  plan?: InsightPlan;
  outcomes: CallOutcome[];
  /** GetInsights failed: nothing was planned or changed. */
  error?: string;
}

export async function readInsights(clients: AwsClients): Promise<Insight[]> {
  const hub = clients.get(SecurityHubClient);
  return collectPages(
    (NextToken) => hub.send(new GetInsightsCommand({ MaxResults: 100, ...(NextToken ? { NextToken } : {}) })),
    (page) => page.NextToken,
    (page) => page.Insights,
  );
}

async function perform(hub: SecurityHubClient, call: PlannedCall): Promise<string | undefined> {
  switch (call.action) {
    case 'create': {
      const out = await hub.send(new CreateInsightCommand({ Name: call.name, Filters: call.filters, GroupByAttribute: call.groupBy }));
      return out.InsightArn;
    }
    case 'update':
      await hub.send(new UpdateInsightCommand({ InsightArn: call.arn, Name: call.name, Filters: call.filters, GroupByAttribute: call.groupBy }));
      return call.arn;
    case 'delete':
      await hub.send(new DeleteInsightCommand({ InsightArn: call.arn }));
      return call.arn;
  }
}

/** Reads, plans, and (unless dryRun) makes the calls; only GetInsights when everything is in step. */
export async function syncInsights(clients: AwsClients, definitions: readonly InsightDefinition[], options: { dryRun?: boolean } = {}): Promise<InsightSyncReport> {
  const base = { accountId: clients.accountId, region: clients.region };
  let plan: InsightPlan;
  let held: number;
  try {
    const existing = await readInsights(clients);
    plan = planInsights(definitions, existing);
    held = existing.length;
  } catch (error) {
    return { ...base, outcomes: [], error: `GetInsights: ${describeAwsError(error).message}` };
  }
  const outcomes: CallOutcome[] = [];
  const hub = clients.get(SecurityHubClient);
  for (const call of plan.calls) {
    if (options.dryRun) {
      outcomes.push({ call, outcome: 'planned' });
      continue;
    }
    // Security Hub would refuse it (LimitExceededException, which the SDK retries as a throttle): no call.
    if (call.action === 'create' && held >= INSIGHT_LIMITS.customInsights) {
      outcomes.push({ call, outcome: 'failed', error: `not created: ${clients.accountId}/${clients.region} already holds ${held} custom insights, the most Security Hub allows (delete some that are not rampart's)` });
      continue;
    }
    try {
      const arn = await perform(hub, call);
      outcomes.push({ call, outcome: 'done', ...(arn ? { arn } : {}) });
      if (call.action === 'create') held += 1;
      if (call.action === 'delete') held -= 1;
    } catch (error) {
      outcomes.push({ call, outcome: 'failed', error: describeAwsError(error).message });
    }
  }
  return { ...base, plan, outcomes };
}

/** The state of each insight without changing anything (rampart insights list). */
export async function insightStatus(clients: AwsClients, definitions: readonly InsightDefinition[]): Promise<InsightSyncReport> {
  return syncInsights(clients, definitions, { dryRun: true });
}
