/**
 * The remediation step as the CLI and the worker run it: credentials per
 * account (a remediation role assumed in other accounts), the record table,
 * the backup bucket, and the write-back of a fix: the finding re-imported
 * through the same reconcile and publish path a scan uses (so the record and
 * Security Hub agree), its workflow set by BatchUpdateFindings, and a comment
 * on the Jira issue and the Slack thread reporting made.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { resolveAccounts } from '../aws/accounts.js';
import { createAwsClients, type AwsClients, type ClientSettings } from '../aws/clients.js';
import type { RequestCounter } from '../aws/request-counter.js';
import type { RampartConfig } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { partitionOf } from '../core/resource.js';
import { validateCheckSettings } from '../core/planner.js';
import type { RemediationContext } from '../core/remediation.js';
import type { TaskOutcome } from '../core/runner.js';
import { SecurityHubPublisher } from '../publish/securityhub.js';
import { paragraph, text } from '../report/jira/content.js';
import { BackupStore } from '../remediate/backup.js';
import { dueDecisions } from '../remediate/due.js';
import { RemediationEngine, remediationIdOf, type RemediationReport, type WriteBack } from '../remediate/engine.js';
import { eventFindings, eventRefusal, parseCustomActionEvent, requesterOf, EventError } from '../remediate/event.js';
import { rollbackRemediation, type RollbackReport } from '../remediate/rollback.js';
import type { RemediationItem } from '../state/remediations.js';
import { RecordStore } from '../state/store.js';
import { createLimiter } from '../util/limit.js';
import type { Logger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import { VERSION } from '../version.js';
import { followUpClients } from './report.js';
import { entryFor } from './scan.js';
import { processScope, type ScopeSettings } from './scope.js';

export { EventError };

export interface RemediationRunOptions {
  config: RampartConfig;
  homeRegion: string;
  table: string;
  endpointUrl?: string;
  profile?: string;
  env: NodeJS.ProcessEnv;
  /** How long a claim holds before another worker may take it over (default 15 minutes). */
  leaseMs?: number;
}

export interface RemediationDeps {
  registry: Registry;
  logger: Logger;
  counter?: RequestCounter;
  now?: () => Date;
}

export interface DueReport {
  fixes: RemediationReport[];
  warnings: Array<{ findingId: string; dueAt: string; text: string; sent: string[]; alreadyWarned: boolean }>;
}

export interface RemediationSession {
  readonly baseAccountId: string;
  handleEvent(event: unknown, options?: { receives?: number; dryRun?: boolean }): Promise<RemediationReport[]>;
  handleFinding(findingId: string, options: { dryRun: boolean; requestedBy: string }): Promise<RemediationReport>;
  due(options: { dryRun?: boolean }): Promise<DueReport>;
  rollback(remediationId: string, requestedBy: string): Promise<RollbackReport>;
  history(findingId?: string): Promise<RemediationItem[]>;
  close(): void;
}

const DEFAULT_LEASE_MS = 15 * 60 * 1000;
const DEFAULT_REFRESH_DAYS = 30;

export async function openRemediation(options: RemediationRunOptions, deps: RemediationDeps): Promise<RemediationSession> {
  const now = deps.now ?? (() => new Date());
  const remediation = options.config.remediation ?? {};
  // Bad parameters are one line before anything is read or changed, not a refusal per finding.
  validateCheckSettings(deps.registry, options.config.checks);
  const settings: ClientSettings = { ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}), ...(deps.counter ? { counter: deps.counter } : {}) };
  const { base } = await resolveAccounts({ region: options.homeRegion, ...(options.profile ? { profile: options.profile } : {}), settings });
  const cache = new Map<string, AwsClients>();
  const clientsFor = (accountId: string, region: string): AwsClients => {
    const key = `${accountId}/${region}`;
    let clients = cache.get(key);
    if (!clients) {
      let credentials = base.credentials;
      if (accountId !== base.accountId) {
        if (!remediation.roleName) throw new Error(`remediation.roleName is not set: rampart cannot act in account ${accountId} (it runs in ${base.accountId})`);
        credentials = fromTemporaryCredentials({
          masterCredentials: base.credentials,
          params: { RoleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/${remediation.roleName}`, RoleSessionName: 'rampart-remediate', DurationSeconds: 3600 },
          clientConfig: { region, ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}) },
        });
      }
      clients = createAwsClients(accountId, region, credentials, settings);
      cache.set(key, clients);
    }
    return clients;
  };
  const home = clientsFor(base.accountId, options.homeRegion);
  const store = new RecordStore(home.get(DynamoDBClient), options.table);
  await store.ensureTable(false);
  const log = store.remediations();
  const backups = remediation.backupBucket ? new BackupStore(home, remediation.backupBucket, remediation.backupKmsKeyId) : undefined;
  const publisher = new SecurityHubPublisher({ clientsFor, logger: deps.logger });
  const followUp = await followUpClients({ config: options.config, env: options.env }, home, deps.logger);
  const reportingWanted = Boolean(options.config.reporting?.jira?.project || options.config.reporting?.slack?.channel);

  const scopeSettings: ScopeSettings = {
    securityHub: options.config.securityHub?.enabled !== false,
    publishErrors: options.config.securityHub?.publishErrors !== false,
    mode: 'changed',
    refreshDays: options.config.refreshDays ?? DEFAULT_REFRESH_DAYS,
    version: VERSION,
    exemptions: options.config.exemptions ?? [],
    meta: (id) => deps.registry.check(id)?.meta,
    retired: () => undefined,
    entryFor: (plan) => entryFor(plan, deps.registry),
  };

  /** Comments on the finding's Jira issue and replies in its Slack thread, when reporting made them. */
  const tell = async (findingId: string, message: string): Promise<{ sent: string[]; problems: string[] }> => {
    const sent: string[] = [];
    const problems: string[] = [];
    if (!reportingWanted) return { sent, problems };
    const outbox = store.outbox();
    const ticket = await outbox.get(findingId, 'TICKET').catch(() => undefined);
    if (ticket && 'key' in ticket && ticket.key) {
      if (!followUp.jira) problems.push(`Jira ${ticket.key} not told: ${followUp.problems.jira.join('; ') || 'Jira is not configured'}`);
      else {
        try {
          await followUp.jira.comment(ticket.key, { type: 'doc', version: 1, content: [paragraph(text(redact(message)))] });
          sent.push(`jira:${ticket.key}`);
        } catch (error) {
          problems.push(`Jira ${ticket.key}: ${(error as Error).message}`);
        }
      }
    }
    const notification = await outbox.get(findingId, 'NOTIFICATION').catch(() => undefined);
    if (notification && 'ts' in notification && notification.ts && notification.channel) {
      if (!followUp.slack) problems.push(`Slack thread not told: ${followUp.problems.slack.join('; ') || 'Slack is not configured'}`);
      else {
        try {
          await followUp.slack.reply(notification.channel, notification.ts, redact(message));
          sent.push(`slack:${notification.channel}`);
        } catch (error) {
          problems.push(`Slack ${notification.channel}: ${(error as Error).message}`);
        }
      }
    }
    return { sent, problems };
  };

  const writeBack = async (input: WriteBack): Promise<string[]> => {
    const { record, result } = input;
    const problems: string[] = [];
    const check = deps.registry.check(record.checkId);
    const outcome: TaskOutcome = {
      accountId: record.accountId, region: record.region, collectorId: check?.collector.id ?? record.service, service: record.service, ok: true, durationMs: 0,
      resources: 1, completedChecks: [], failedChecks: [], results: [result], notApplicable: 0,
    };
    const scope = await processScope({ accountId: record.accountId, region: record.region }, [outcome], store.loadScope(record.accountId, record.region), scopeSettings, {
      store, ...(scopeSettings.securityHub ? { publisher } : {}), publishLimit: createLimiter(1), clientsFor, now,
    });
    problems.push(...scope.problems);
    if (scope.failed > 0 || scope.pending > 0) problems.push('the finding could not be re-imported: it is pending in the record and retried by the next scan');
    if (scopeSettings.securityHub) {
      const productArn = `arn:${record.resource.partition}:securityhub:${record.region}:${record.accountId}:product/${record.accountId}/default`;
      const updated = await publisher.updateWorkflow([{ findingId: record.findingId, productArn, accountId: record.accountId, region: record.region, status: input.workflow.status, note: input.workflow.note, updatedBy: input.workflow.updatedBy }]);
      for (const failure of updated.failed.values()) problems.push(`BatchUpdateFindings: ${failure}`);
    }
    const told = await tell(record.findingId, input.comment);
    problems.push(...told.problems);
    return problems;
  };

  const ports = {
    registry: deps.registry,
    log,
    records: { get: async (findingId: string) => (await store.getRecords([findingId])).get(findingId) },
    ...(backups ? { backups } : {}),
    contextFor: async (accountId: string, region: string): Promise<RemediationContext> => {
      const clients = clientsFor(accountId, region);
      return { accountId, region, partition: partitionOf(region), clients, clientsIn: (other) => clientsFor(accountId, other), limit: createLimiter(4), logger: deps.logger };
    },
    writeBack,
    now,
    logger: deps.logger,
  };
  const engine = new RemediationEngine(
    {
      accounts: remediation.accounts ?? [], exemptions: options.config.exemptions ?? [], checks: options.config.checks ?? {}, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      cannotActIn: (accountId) => (accountId === base.accountId || remediation.roleName ? undefined : `remediation.roleName is not set: rampart cannot act in account ${accountId} (it runs in ${base.accountId})`),
    },
    ports,
  );

  return {
    baseAccountId: base.accountId,
    async handleEvent(raw, eventOptions = {}) {
      const event = parseCustomActionEvent(raw);
      const refusal = eventRefusal(event, partitionOf(event.region));
      const requestedBy = requesterOf(event);
      const reports: RemediationReport[] = [];
      // Each finding on its own: one that fails never stops the others.
      for (const entry of eventFindings(event)) {
        const findingId = entry.ok ? entry.finding.Id : entry.id;
        const dryRun = eventOptions.dryRun ?? false;
        reports.push(await engine.handle({
          findingId,
          remediationId: remediationIdOf(dryRun ? 'dry-run' : 'event', event.id, findingId, ...(dryRun ? [now().toISOString()] : [])),
          trigger: 'custom-action',
          requestedBy,
          eventId: event.id,
          dryRun,
          ...(entry.ok ? { claimed: { productArn: entry.finding.ProductArn, generatorId: entry.finding.GeneratorId, accountId: entry.finding.AwsAccountId, ...(entry.finding.Region ? { region: entry.finding.Region } : {}) } } : {}),
          ...(refusal ? { refusal } : !entry.ok ? { refusal: entry.reason } : {}),
          ...(eventOptions.receives !== undefined ? { receives: eventOptions.receives } : {}),
        }));
      }
      return reports;
    },
    async handleFinding(findingId, findingOptions) {
      const at = now().toISOString();
      return engine.handle({
        findingId,
        remediationId: remediationIdOf(findingOptions.dryRun ? 'dry-run' : 'manual', findingId, at),
        trigger: 'manual',
        requestedBy: findingOptions.requestedBy,
        dryRun: findingOptions.dryRun,
      });
    },
    async due(dueOptions) {
      const out: DueReport = { fixes: [], warnings: [] };
      for (const [checkId, checkSettings] of Object.entries(options.config.checks ?? {})) {
        const auto = checkSettings.autoRemediate;
        const fix = deps.registry.remediationOf(checkId);
        if (!auto?.enabled || !fix) continue;
        const records = await store.byCheck(checkId, 'FAILED');
        // A finding fixed (or rolled back) before starts a new episode then: its grace period counts from there.
        const episodes = new Map<string, string>();
        // Only findings that could be due or warned about by their first sighting need their history.
        const candidates = dueDecisions(records, auto, remediation.accounts ?? [], now()).map((d) => d.record);
        for (const record of candidates) {
          const history = await log.ofFinding(record.findingId);
          const marks = history.flatMap((i) => [...(i.outcome === 'REMEDIATED' ? [i.updatedAt] : []), ...(i.rollback ? [i.rollback.at] : [])]);
          episodes.set(record.findingId, [record.firstSeenAt, ...marks].sort().at(-1) as string);
        }
        const dated = candidates.map((r) => ({ ...r, firstSeenAt: episodes.get(r.findingId) ?? r.firstSeenAt }));
        for (const decision of dueDecisions(dated, auto, remediation.accounts ?? [], now())) {
          const { record } = decision;
          const dryRun = dueOptions.dryRun === true || decision.dryRun;
          if (decision.action === 'fix') {
            out.fixes.push(await engine.handle({
              findingId: record.findingId,
              remediationId: remediationIdOf(dryRun ? 'dry-run-due' : 'due', record.findingId, record.firstSeenAt, ...(dryRun ? [now().toISOString()] : [])),
              trigger: 'due',
              requestedBy: `rampart grace period (checks.${checkId}.autoRemediate.afterDays ${auto.afterDays})`,
              dryRun,
            }));
            continue;
          }
          const message = `rampart will fix this finding automatically on ${decision.dueAt.slice(0, 10)} (${fix.title}; checks.${checkId}.autoRemediate, afterDays ${auto.afterDays}${dryRun ? ', dry run: it will only say what it would do' : ''}) unless it is fixed or exempted before then.`;
          const first = dueOptions.dryRun ? true : await log.warnOnce(record.findingId, record.firstSeenAt, now().toISOString(), message);
          const told = first && !dueOptions.dryRun ? await tell(record.findingId, message) : { sent: [], problems: [] };
          for (const problem of told.problems) deps.logger.warn(`warning for ${record.findingId}: ${problem}`);
          out.warnings.push({ findingId: record.findingId, dueAt: decision.dueAt, text: message, sent: told.sent, alreadyWarned: !first });
        }
      }
      return out;
    },
    rollback: (remediationId, requestedBy) => rollbackRemediation(remediationId, requestedBy, ports, engine, options.config.checks ?? {}),
    history: async (findingId) => {
      const items = findingId ? await log.ofFinding(findingId) : await log.all();
      return items;
    },
    close() {
      for (const clients of cache.values()) clients.destroy();
      cache.clear();
    },
  };
}
