/**
 * rampart prune: archive the open findings of what the config no longer
 * watches (an account or region dropped, a global inventory whose home region
 * moved). A scan never does this on its own: it cannot tell a scope dropped on
 * purpose from one it was not asked to scan this time. Lists first; archives
 * only when asked.
 */
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolveAccounts } from '../aws/accounts.js';
import { createAwsClients, type AwsClients, type ClientSettings } from '../aws/clients.js';
import { describeAwsError } from '../aws/errors.js';
import { enabledRegions, validateRegions } from '../aws/regions.js';
import type { Registry } from '../core/registry.js';
import { partitionOf } from '../core/resource.js';
import type { RampartConfig } from '../config/schema.js';
import { SecurityHubPublisher } from '../publish/securityhub.js';
import { digestWrite } from '../state/digest.js';
import { scopePk, type FindingRecord, type RecordStateKey } from '../state/record.js';
import { planRecordArchive, settle, type FindingPlan } from '../state/reconcile.js';
import { RecordStore, type StoreWrite } from '../state/store.js';
import type { Logger } from '../util/logger.js';
import { EXIT, exitCodeOf, type ExitCondition } from './exit-codes.js';

export interface PruneOptions {
  config: RampartConfig;
  homeRegion: string;
  regions?: readonly string[] | 'all';
  accounts?: readonly string[];
  roleName?: string;
  externalId?: string;
  profile?: string;
  endpointUrl?: string;
  table: string;
  tableRegion: string;
  /** Archive what is listed (otherwise only list it). */
  apply: boolean;
  securityHub: boolean;
}

export interface PruneCandidate {
  record: FindingRecord;
  reason: string;
}

export interface PruneOutcome {
  /** The watched accounts and regions the candidates were judged against. */
  watched: { accounts: string[]; regions: string[]; homeRegion: string };
  candidates: PruneCandidate[];
  archived: number;
  pending: number;
  problems: string[];
  conditions: ExitCondition[];
  exitCode: number;
}

const OPEN_STATES: readonly RecordStateKey[] = ['FAILED', 'PASSED', 'ERROR'];

/** Why a finding is no longer watched by this config, or undefined when it is. */
export function unwatchedReason(record: FindingRecord, watched: PruneOutcome['watched'], registry: Registry): string | undefined {
  if (!watched.accounts.includes(record.accountId)) return `account ${record.accountId} is no longer in the config`;
  const check = registry.check(record.checkId);
  if (check?.collector.global) {
    return record.region === watched.homeRegion ? undefined : `global findings now live in the home region ${watched.homeRegion}, not ${record.region}`;
  }
  return watched.regions.includes(record.region) ? undefined : `region ${record.region} is no longer scanned`;
}

export async function runPrune(options: PruneOptions, deps: { registry: Registry; logger: Logger; version: string; now?: () => Date }): Promise<PruneOutcome> {
  const now = deps.now ?? (() => new Date());
  const settings: ClientSettings = options.endpointUrl ? { endpointUrl: options.endpointUrl } : {};
  const accountOptions = {
    region: options.homeRegion,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.roleName ? { roleName: options.roleName } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    settings,
  };
  const { base, targets } = await resolveAccounts(accountOptions);
  const cache = new Map<string, AwsClients>();
  const clientsFor = (accountId: string, region: string): AwsClients => {
    const key = `${accountId}/${region}`;
    let clients = cache.get(key);
    if (!clients) {
      const target = targets.find((t) => t.accountId === accountId);
      // An account dropped from the config is reached through the same role name, if it still trusts us.
      const credentials = target?.credentials ?? (accountId === base.accountId || !options.roleName
        ? base.credentials
        : fromTemporaryCredentials({
          masterCredentials: base.credentials,
          params: { RoleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/${options.roleName}`, RoleSessionName: 'rampart-prune', ...(options.externalId ? { ExternalId: options.externalId } : {}) },
          clientConfig: { region, ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}) },
        }));
      clients = createAwsClients(accountId, region, credentials, settings);
      cache.set(key, clients);
    }
    return clients;
  };
  try {
    const home = clientsFor(base.accountId, options.homeRegion);
    const requested = options.regions ?? options.config.regions ?? [options.homeRegion];
    const regions = requested === 'all' ? await enabledRegions(home) : validateRegions(requested, options.regions ? '--regions' : 'config regions');
    const watched = { accounts: targets.map((t) => t.accountId), regions, homeRegion: options.homeRegion };
    const store = new RecordStore(clientsFor(base.accountId, options.tableRegion).get(DynamoDBClient), options.table);
    await store.ensureTable(false);
    const candidates: PruneCandidate[] = [];
    for (const state of OPEN_STATES) {
      for (const record of await store.byState(state)) {
        const reason = unwatchedReason(record, watched, deps.registry);
        if (reason) candidates.push({ record, reason });
      }
    }
    const outcome: PruneOutcome = { watched, candidates, archived: 0, pending: 0, problems: [], conditions: [], exitCode: EXIT.OK };
    if (!options.apply || candidates.length === 0) return outcome;
    await archiveCandidates(candidates, outcome, { store, clientsFor, logger: deps.logger, version: deps.version, now: now(), securityHub: options.securityHub, registry: deps.registry });
    if (outcome.problems.length > 0) outcome.conditions.push({ code: EXIT.NOT_PUBLISHED, message: `${outcome.problems.length} problem(s) archiving (listed above): ${outcome.pending} finding(s) stay pending for the next prune` });
    outcome.exitCode = exitCodeOf(outcome.conditions);
    return outcome;
  } finally {
    for (const clients of cache.values()) clients.destroy();
  }
}

interface ArchiveDeps {
  store: RecordStore;
  clientsFor(accountId: string, region: string): AwsClients;
  logger: Logger;
  version: string;
  now: Date;
  securityHub: boolean;
  registry: Registry;
}

async function archiveCandidates(candidates: readonly PruneCandidate[], outcome: PruneOutcome, deps: ArchiveDeps): Promise<void> {
  const plans = candidates.map((c) => planRecordArchive(c.record, `pruned: ${c.reason}`, deps.registry.check(c.record.checkId)?.meta, deps.now, deps.version));
  const toSend = plans.filter((p) => p.import);
  const imported = new Set<string>();
  const failures = new Map<string, string>();
  if (toSend.length > 0 && deps.securityHub) {
    const report = await new SecurityHubPublisher({ clientsFor: deps.clientsFor, logger: deps.logger }).importFindings(toSend.map((p) => p.finding()));
    for (const id of report.imported) imported.add(id);
    for (const [id, error] of report.failed) failures.set(id, error);
    outcome.problems.push(...new Set(report.problems));
  }
  // Record and digest, scope by scope: the digest of a scope must agree with its records.
  const byScope = new Map<string, FindingPlan[]>();
  for (const plan of plans) {
    const key = `${plan.record.accountId}/${plan.record.region}`;
    byScope.set(key, [...(byScope.get(key) ?? []), plan]);
  }
  for (const [key, scopePlans] of byScope) {
    const [accountId, region] = key.split('/') as [string, string];
    try {
      const state = await deps.store.loadScope(accountId, region);
      const writes: StoreWrite[] = [];
      for (const plan of scopePlans) {
        const answer = !plan.import ? { kind: 'not-needed' as const }
          : !deps.securityHub ? { kind: 'not-sent' as const, reason: 'Security Hub publishing was off for this run' }
            : imported.has(plan.id) ? { kind: 'imported' as const } : { kind: 'failed' as const, error: failures.get(plan.id) ?? 'not imported' };
        if (answer.kind === 'imported' || answer.kind === 'not-needed') outcome.archived += 1;
        else outcome.pending += 1;
        const settled = settle(plan, answer, undefined, deps.now);
        state.digest.set(plan.id, settled.entry);
        if (settled.record) writes.push({ put: settled.record });
      }
      const shards = digestWrite(accountId, region, state.digest, state.shards);
      writes.push(...shards.put.map((put) => ({ put })), ...shards.remove.map((sk) => ({ remove: { pk: scopePk(accountId, region), sk } })));
      const written = await deps.store.write(writes);
      if (written.failed.length > 0) outcome.problems.push(`${written.failed.length} record(s) of ${key} could not be written, e.g. ${written.failed[0]?.error}`);
    } catch (error) {
      outcome.problems.push(`the records of ${key} could not be updated: ${describeAwsError(error).message}`);
    }
  }
  if (failures.size > 0) outcome.problems.push(`${failures.size} archive(s) were not accepted by Security Hub, e.g. ${[...failures.values()][0]}`);
}
