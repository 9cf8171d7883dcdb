/** `rampart permissions`: the least-privilege IAM policies, generated from the declared permissions. */
import { parseArgs } from 'node:util';
import { auditRolePolicy, runnerPolicy } from '../pipeline/permissions.js';
import { Registry } from '../core/registry.js';
import { AUDITORS } from '../../auditors/index.js';
import { UsageError } from './usage-error.js';

export const PERMISSIONS_HELP = `Usage: rampart permissions [--role audit|runner] [--table-arn <arn>] [--audit-role-arns <list>] [--secret-arns <list>]

Prints an IAM policy document generated from what every collector and
publisher declares. audit (default): the role rampart uses in each scanned
account. runner: the task role in the account rampart runs in (needs --table-arn;
--secret-arns: the SSM parameters and secrets holding the reporting tokens).`;

export function permissionsCommand(argv: readonly string[], stdout: (text: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { role: { type: 'string' }, 'table-arn': { type: 'string' }, 'audit-role-arns': { type: 'string' }, 'secret-arns': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart permissions --help`);
  }
  if (values.help) {
    stdout(`${PERMISSIONS_HELP}\n`);
    return 0;
  }
  const role = values.role ?? 'audit';
  if (role === 'audit') {
    stdout(`${JSON.stringify(auditRolePolicy(new Registry(AUDITORS)), null, 2)}\n`);
    return 0;
  }
  if (role !== 'runner') throw new UsageError(`--role ${role}: expected audit or runner`);
  const tableArn = values['table-arn'];
  if (!tableArn || !/^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]+$/.test(tableArn)) {
    throw new UsageError('--role runner needs --table-arn arn:aws:dynamodb:<region>:<account>:table/<name>');
  }
  const auditRoles = (values['audit-role-arns'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const secretArns = (values['secret-arns'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const badSecret = secretArns.find((arn) => !/^arn:aws[a-z-]*:(ssm|secretsmanager):[a-z0-9-]+:\d{12}:(parameter\/|secret:)/.test(arn));
  if (badSecret) throw new UsageError(`--secret-arns ${badSecret}: expected an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>) or a secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)`);
  stdout(`${JSON.stringify(runnerPolicy(tableArn, auditRoles, false, secretArns), null, 2)}\n`);
  return 0;
}
