/**
 * Least-privilege IAM policies generated from what the code declares: every
 * collector's actions (the audit role in each scanned account) and the
 * publisher's (the account rampart runs in). infra/ uses these documents.
 */
import { ACCOUNT_PERMISSIONS } from '../aws/accounts.js';
import { REGION_PERMISSIONS } from '../aws/regions.js';
import { SECURITY_HUB_PERMISSIONS } from '../publish/securityhub-permissions.js';
import { SECRET_PERMISSIONS } from '../report/secrets.js';
import { CREATE_TABLE_PERMISSIONS, OUTBOX_PERMISSIONS, STORE_PERMISSIONS } from '../state/store-permissions.js';
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

/** The task role in the account rampart runs in: the record table and assuming the audit roles. */
export function runnerPolicy(tableArn: string, auditRoleArns: readonly string[], allowCreateTable = false, secretArns: readonly string[] = []): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RampartRecordTable', Effect: 'Allow', Action: sorted([...STORE_PERMISSIONS, ...OUTBOX_PERMISSIONS, ...(allowCreateTable ? CREATE_TABLE_PERMISSIONS : [])]), Resource: [tableArn, `${tableArn}/index/*`] },
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
  ]);
}
