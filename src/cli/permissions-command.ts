/** `rampart permissions`: the least-privilege IAM policies, generated from the declared permissions. */
import { parseArgs } from 'node:util';
import { auditRolePolicy, remediationRolePolicy, runnerPolicy } from '../pipeline/permissions.js';
import { Registry } from '../core/registry.js';
import { AUDITORS } from '../../auditors/index.js';
import { oneOf } from './flags.js';
import { UsageError } from './usage-error.js';
import { PERMISSIONS_HELP } from './help.js';

export function permissionsCommand(argv: readonly string[], stdout: (text: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { role: { type: 'string' }, format: { type: 'string' }, 'table-arn': { type: 'string' }, 'audit-role-arns': { type: 'string' }, 'secret-arns': { type: 'string' }, 'queue-arn': { type: 'string' }, 'backup-bucket': { type: 'string' }, 'remediation-role-arns': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart permissions --help`);
  }
  if (values.help) {
    stdout(`${PERMISSIONS_HELP}\n`);
    return 0;
  }
  oneOf('--format', values.format, ['json'] as const); // the only format: an IAM policy document
  const role = oneOf('--role', values.role, ['audit', 'remediation', 'runner'] as const) ?? 'audit';
  if (role === 'audit') {
    stdout(`${JSON.stringify(auditRolePolicy(new Registry(AUDITORS)), null, 2)}\n`);
    return 0;
  }
  if (role === 'remediation') {
    stdout(`${JSON.stringify(remediationRolePolicy(new Registry(AUDITORS)), null, 2)}\n`);
    return 0;
  }
  const tableArn = values['table-arn'];
  if (!tableArn || !/^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]+$/.test(tableArn)) {
    throw new UsageError('--role runner needs --table-arn arn:aws:dynamodb:<region>:<account>:table/<name>');
  }
  const auditRoles = (values['audit-role-arns'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const secretArns = (values['secret-arns'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const badSecret = secretArns.find((arn) => !/^arn:aws[a-z-]*:(ssm|secretsmanager):[a-z0-9-]+:\d{12}:(parameter\/|secret:)/.test(arn));
  if (badSecret) throw new UsageError(`--secret-arns ${badSecret}: expected an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or a secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)`);
  const queueArn = values['queue-arn'];
  if (queueArn !== undefined && !/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/.test(queueArn)) throw new UsageError(`--queue-arn ${queueArn}: expected arn:aws:sqs:<region>:<account>:<queue name>`);
  const backupBucket = values['backup-bucket'];
  if (backupBucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(backupBucket)) throw new UsageError(`--backup-bucket ${backupBucket}: expected an S3 bucket name`);
  const remediationRoleArns = (values['remediation-role-arns'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  stdout(`${JSON.stringify(runnerPolicy(tableArn, auditRoles, false, secretArns, { ...(queueArn ? { queueArn } : {}), ...(backupBucket ? { backupBucket } : {}), remediationRoleArns }), null, 2)}\n`);
  return 0;
}
