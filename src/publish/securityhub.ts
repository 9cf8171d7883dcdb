/**
 * The Security Hub publisher. Findings are imported with each account's own
 * credentials into the finding's region, in batches within the request limits,
 * at no more than 10 requests/s per account and region. FailedFindings are
 * read and retried when retryable; what still fails is reported, never dropped.
 */
import {
  BatchImportFindingsCommand, BatchUpdateFindingsCommand, DescribeHubCommand, SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { backoffMs, sleep as defaultSleep, withRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../aws/retry.js';
import type { AsffFinding } from '../findings/types.js';
import type { Logger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import { createLimiter, mapLimited } from '../util/limit.js';
import { batchBySizeAndCount } from './batches.js';
import { RateLimiter, SECURITY_HUB_RATE } from './rate-limit.js';

export { SECURITY_HUB_PERMISSIONS } from './securityhub-permissions.js';

export interface ImportReport {
  imported: Set<string>;
  failed: Map<string, string>;
  /** One line per account/region that could not be published to at all. */
  problems: string[];
  requests: number;
}

export interface WorkflowUpdate {
  findingId: string;
  productArn: string;
  accountId: string;
  region: string;
  status: 'SUPPRESSED' | 'NEW' | 'RESOLVED';
  note: string;
  /** Who asked (Note.UpdatedBy); rampart unless given. */
  updatedBy?: string;
}

export interface UpdateReport {
  updated: Set<string>;
  failed: Map<string, string>;
}

export interface PublisherOptions {
  clientsFor(accountId: string, region: string): AwsClients;
  logger: Logger;
  limiter?: RateLimiter;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE_FAILURE = /throttl|limitexceeded|toomanyrequests|internal|serviceunavailable|timeout|temporar/i;

const INVALID_INPUT = /invalidinput|validation/i;

function hasDetails(finding: AsffFinding): boolean {
  return finding.Resources.some((r) => r.Details !== undefined);
}

function withoutDetails(finding: AsffFinding, failure: string): AsffFinding {
  return {
    ...finding,
    Resources: finding.Resources.map(({ Details: _details, ...rest }) => rest),
    ProductFields: { ...finding.ProductFields, 'rampart/detailsDropped': failure.slice(0, 2000) },
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}

export class SecurityHubPublisher {
  private readonly limiter: RateLimiter;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly hubState = new Map<string, string | undefined>();

  constructor(private readonly options: PublisherOptions) {
    this.limiter = options.limiter ?? new RateLimiter(SECURITY_HUB_RATE);
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? defaultSleep;
  }

  private client(accountId: string, region: string): SecurityHubClient {
    return this.options.clientsFor(accountId, region).get(SecurityHubClient);
  }

  /** Undefined when the hub is enabled; otherwise the one line that says what to do. */
  async hubProblem(accountId: string, region: string): Promise<string | undefined> {
    const key = `${accountId}/${region}`;
    if (this.hubState.has(key)) return this.hubState.get(key);
    let problem: string | undefined;
    try {
      await withRetry(() => this.client(accountId, region).send(new DescribeHubCommand({})), this.policy, this.sleep);
    } catch (error) {
      const info = describeAwsError(error);
      problem = /not subscribed|not enabled|InvalidAccess|ResourceNotFound/i.test(`${info.code} ${info.message}`)
        ? `Security Hub is not enabled in account ${accountId} region ${region} (${info.code}): enable it (aws securityhub enable-security-hub --region ${region}) or pass --no-securityhub`
        : `Security Hub cannot be reached in account ${accountId} region ${region}: ${info.message}`;
    }
    this.hubState.set(key, problem);
    return problem;
  }

  async importFindings(findings: readonly AsffFinding[]): Promise<ImportReport> {
    const report: ImportReport = { imported: new Set(), failed: new Map(), problems: [], requests: 0 };
    const groups = groupBy(findings, (f) => `${f.AwsAccountId}/${f.Region}`);
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const { AwsAccountId: accountId, Region: region } = group[0] as AsffFinding;
        const problem = await this.hubProblem(accountId, region);
        if (problem) {
          report.problems.push(problem);
          for (const f of group) report.failed.set(f.Id, problem);
          return;
        }
        await this.importGroup(accountId, region, group, report);
      }),
    );
    return report;
  }

  private async importGroup(accountId: string, region: string, findings: readonly AsffFinding[], report: ImportReport): Promise<void> {
    const client = this.client(accountId, region);
    const key = `${accountId}/${region}`;
    let pending = [...findings];
    for (let round = 1; pending.length > 0; round += 1) {
      const retry: AsffFinding[] = [];
      // Several requests in flight; the rate limiter paces them to the service limit.
      await mapLimited(batchBySizeAndCount(pending, (f) => Buffer.byteLength(JSON.stringify(f))), createLimiter(4), async (batch) => {
        await this.limiter.take(key);
        report.requests += 1;
        try {
          const response = await client.send(new BatchImportFindingsCommand({ Findings: batch as unknown as AwsSecurityFinding[] }));
          // Security Hub's error text may quote the finding: redacted before it reaches a record or a log.
          const failedIds = new Map((response.FailedFindings ?? []).map((f) => [f.Id ?? '', redact(`${f.ErrorCode ?? 'Failed'}: ${f.ErrorMessage ?? ''}`.trim())]));
          for (const finding of batch) {
            const failure = failedIds.get(finding.Id);
            if (failure === undefined) {
              report.imported.add(finding.Id);
              report.failed.delete(finding.Id);
            } else if (RETRYABLE_FAILURE.test(failure) && round < this.policy.maxAttempts) {
              retry.push(finding);
            } else if (INVALID_INPUT.test(failure) && hasDetails(finding)) {
              // Shrink rather than drop: resource details are the part most likely to break the schema.
              this.options.logger.warn(`Security Hub refused ${finding.Id} (${failure}): retrying it without resource details`);
              retry.push(withoutDetails(finding, failure));
            } else {
              report.failed.set(finding.Id, failure);
            }
          }
        } catch (error) {
          const info = describeAwsError(error);
          if ((info.kind === 'throttling' || info.kind === 'server') && round < this.policy.maxAttempts) {
            retry.push(...batch);
          } else if (batch.length > 1 && INVALID_INPUT.test(`${info.code} ${info.message}`)) {
            // The whole request was refused for one bad finding: split it until the bad one is alone.
            const half = Math.ceil(batch.length / 2);
            this.options.logger.warn(`Security Hub ${key} refused a request of ${batch.length} findings (${info.message}): splitting it`);
            await this.importGroup(accountId, region, batch.slice(0, half), report);
            await this.importGroup(accountId, region, batch.slice(half), report);
          } else {
            for (const finding of batch) report.failed.set(finding.Id, info.message);
          }
        }
      });
      pending = retry;
      if (pending.length > 0) {
        this.options.logger.warn(`Security Hub ${key}: retrying ${pending.length} finding(s), round ${round + 1}`);
        await this.sleep(backoffMs(round, this.policy));
      }
    }
  }

  /** Sets Workflow and Note (BatchImportFindings cannot change them after creation). */
  async updateWorkflow(updates: readonly WorkflowUpdate[]): Promise<UpdateReport> {
    const report: UpdateReport = { updated: new Set(), failed: new Map() };
    const groups = groupBy(updates, (u) => `${u.accountId}/${u.region}/${u.status}/${u.note}/${u.updatedBy ?? ''}`);
    for (const group of groups.values()) {
      const { accountId, region, status, note, updatedBy } = group[0] as WorkflowUpdate;
      const client = this.client(accountId, region);
      for (let i = 0; i < group.length; i += 100) {
        const chunk = group.slice(i, i + 100);
        await this.limiter.take(`${accountId}/${region}/update`);
        try {
          const response = await withRetry(
            () => client.send(new BatchUpdateFindingsCommand({
              FindingIdentifiers: chunk.map((u) => ({ Id: u.findingId, ProductArn: u.productArn })),
              Workflow: { Status: status },
              Note: { Text: note.slice(0, 512), UpdatedBy: (updatedBy ?? 'rampart').slice(0, 512) },
            })),
            this.policy,
            this.sleep,
          );
          const unprocessed = new Map((response.UnprocessedFindings ?? []).map((u) => [u.FindingIdentifier?.Id ?? '', redact(`${u.ErrorCode ?? 'Unprocessed'}: ${u.ErrorMessage ?? ''}`)]));
          for (const u of chunk) {
            const failure = unprocessed.get(u.findingId);
            if (failure) report.failed.set(u.findingId, failure);
            else report.updated.add(u.findingId);
          }
        } catch (error) {
          const message = describeAwsError(error).message;
          for (const u of chunk) report.failed.set(u.findingId, message);
        }
      }
    }
    return report;
  }
}
