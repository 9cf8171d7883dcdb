/**
 * Least-privilege IAM policies generated from what the code declares: every
 * collector's actions (the audit role in each scanned account) and the
 * publisher's (the account rampart runs in). infra/ uses these documents.
 */
import { ACCOUNT_PERMISSIONS } from '../aws/accounts.js';
import { REGION_PERMISSIONS } from '../aws/regions.js';
import { SECURITY_HUB_PERMISSIONS } from '../publish/securityhub-permissions.js';
import { SECRET_PERMISSIONS } from '../report/secrets.js';
import { CREATE_TABLE_PERMISSIONS, OUTBOX_PERMISSIONS, REMEDIATION_LOG_PERMISSIONS, STORE_PERMISSIONS } from '../state/store-permissions.js';
import { ACTION_TARGET_PERMISSIONS, BACKUP_PERMISSIONS, QUEUE_PERMISSIONS } from '../remediate/permissions.js';
import { INSIGHT_SYNC_PERMISSIONS } from '../insights/permissions.js';
import type { Registry } from '../core/registry.js';

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string | string[] }>;
}

const sorted = (actions: Iterable<string>): string[] => [...new Set(actions)].sort();

/** The role rampart assumes in (or runs as in) each scanned account: read-only collection plus its own findings. */
export function auditRolePolicy(registry: Registry): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RampartCollect', Effect: 'Allow', Action: sorted([...registry.collectors.flatMap((c) => c.permissions), ...REGION_PERMISSIONS, 'sts:GetCallerIdentity']), Resource: '*' },
      { Sid: 'RampartPublishFindings', Effect: 'Allow', Action: sorted(SECURITY_HUB_PERMISSIONS), Resource: '*' },
    ],
  };
}

/**
 * The role rampart fixes with in each account where fixes are allowed: every fix's calls, the
 * re-check's reads (the collectors of the checks that have a fix), and the finding's write-back.
 */
export function remediationRolePolicy(registry: Registry): PolicyDocument {
  const collectors = new Set(registry.remediations.map((fix) => registry.check(fix.checkId)?.collector).filter((c) => c !== undefined));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RampartRecheck', Effect: 'Allow', Action: sorted([...[...collectors].flatMap((c) => c.permissions), 'sts:GetCallerIdentity']), Resource: '*' },
      { Sid: 'RampartFix', Effect: 'Allow', Action: sorted(registry.remediations.flatMap((fix) => fix.permissions)), Resource: '*' },
      { Sid: 'RampartWriteBack', Effect: 'Allow', Action: sorted([...SECURITY_HUB_PERMISSIONS, ...ACTION_TARGET_PERMISSIONS]), Resource: '*' },
    ],
  };
}

/** What the worker needs beyond the runner's: the queue it drains and the backup bucket. */
export interface WorkerResources {
  queueArn?: string;
  backupBucket?: string;
  remediationRoleArns?: readonly string[];
}

/** The task role in the account rampart runs in: the record table and assuming the audit roles. */
export function runnerPolicy(tableArn: string, auditRoleArns: readonly string[], allowCreateTable = false, secretArns: readonly string[] = [], worker: WorkerResources = {}): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RampartRecordTable', Effect: 'Allow', Action: sorted([...STORE_PERMISSIONS, ...OUTBOX_PERMISSIONS, ...REMEDIATION_LOG_PERMISSIONS, ...(allowCreateTable ? CREATE_TABLE_PERMISSIONS : [])]), Resource: [tableArn, `${tableArn}/index/*`] },
      ...(worker.queueArn ? [{ Sid: 'RampartRemediationQueue', Effect: 'Allow' as const, Action: sorted(QUEUE_PERMISSIONS), Resource: [worker.queueArn] }] : []),
      ...(worker.backupBucket ? [{ Sid: 'RampartBackups', Effect: 'Allow' as const, Action: sorted(BACKUP_PERMISSIONS), Resource: [`arn:aws:s3:::${worker.backupBucket}/*`] }] : []),
      ...(worker.remediationRoleArns && worker.remediationRoleArns.length > 0 ? [{ Sid: 'RampartAssumeRemediationRoles', Effect: 'Allow' as const, Action: ['sts:AssumeRole'], Resource: [...worker.remediationRoleArns] }] : []),
      // The reporting tokens, when the config names an SSM parameter or a secret for them.
      ...(secretArns.length > 0 ? [{ Sid: 'RampartReportingSecrets', Effect: 'Allow' as const, Action: sorted(SECRET_PERMISSIONS), Resource: [...secretArns] }] : []),
      { Sid: 'RampartAssumeAuditRoles', Effect: 'Allow', Action: sorted(ACCOUNT_PERMISSIONS.filter((a) => a === 'sts:AssumeRole')), Resource: auditRoleArns.length > 0 ? [...auditRoleArns] : '*' },
      // The runner resolves its own identity and the region list (--regions all) before assuming roles.
      { Sid: 'RampartPlan', Effect: 'Allow', Action: sorted(['sts:GetCallerIdentity', ...REGION_PERMISSIONS]), Resource: '*' },
    ],
  };
}

/** Every action the code declares, for the contract test. */
export function declaredActions(registry: Registry): Set<string> {
  return new Set([
    ...registry.collectors.flatMap((c) => c.permissions), ...REGION_PERMISSIONS, ...ACCOUNT_PERMISSIONS,
    ...SECURITY_HUB_PERMISSIONS, ...STORE_PERMISSIONS, ...CREATE_TABLE_PERMISSIONS, ...OUTBOX_PERMISSIONS, ...SECRET_PERMISSIONS,
    ...registry.remediations.flatMap((fix) => fix.permissions), ...REMEDIATION_LOG_PERMISSIONS, ...BACKUP_PERMISSIONS, ...QUEUE_PERMISSIONS, ...ACTION_TARGET_PERMISSIONS, ...INSIGHT_SYNC_PERMISSIONS,
  ]);
}
