/**
 * `rampart init-infra`: prints a starting deployment config (rampart.infra.json) for
 * `npm run synth -- --config`. JSON has no comments: each object carries its explanation
 * in a "$comment" field, which the deployment schema accepts and ignores.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { InfraConfigInput, WithComments } from '../../infra/config.js';
import { ACCOUNT_PATTERN } from '../config/schema.js';
import { firstGivenRegion } from '../aws/regions.js';
import { VERSION } from '../version.js';
import { UsageError } from './usage-error.js';
import { INIT_INFRA_HELP } from './help.js';

export function starterConfig(homeAccount: string, region: string, members: readonly string[], externalId: string): WithComments<InfraConfigInput> {
  return {
    $comment: 'rampart deployment (npm run synth -- --config <this file>; npm run deploy -- <stack>). Fields the scan config also has are explained in the README.',
    prefix: 'rampart',
    home: { $comment: 'The account and region rampart runs in: table, queue, task, schedule. deployRoleArn: a role terraform assumes to deploy here.', accountId: homeAccount, region },
    members: members.map((accountId) => ({ accountId, remediation: false })),
    regions: [region],
    schedule: { $comment: 'EventBridge Scheduler: rate(...) or cron(...).', expression: 'rate(12 hours)', timezone: 'UTC', enabled: true },
    network: { $comment: 'Or your own: { "vpcId": "vpc-…", "subnetIds": ["subnet-…"] }. createVpc: private subnets and a NAT gateway (the scan calls every scanned region and Jira/Slack).', createVpc: { cidr: '10.42.0.0/16', availabilityZones: 2 } },
    logRetentionDays: 365,
    image: { $comment: 'Tags are immutable: push a new tag for each release. repository: another registry (default: the ECR repository the home stack creates).', tag: VERSION },
    task: { cpu: 1024, memory: 2048, architecture: 'X86_64' },
    roles: { $comment: 'Created in every member account and trusted only by the home task role, with this external id.', externalId, audit: 'RampartAudit', remediation: 'RampartRemediation' },
    tableName: 'rampart-findings',
    secrets: { $comment: 'Created empty; put the tokens with aws secretsmanager put-secret-value (never in terraform state).', jiraApiToken: 'rampart/jira-api-token', slackToken: 'rampart/slack-token' },
    environment: { $comment: 'Only RAMPART_JIRA_URL, RAMPART_JIRA_EMAIL, RAMPART_SLACK_API_URL.' },
    remediation: { $comment: 'true: the custom action, the queue and its dead-letter queue, the worker (0 tasks until a message arrives), the backup bucket; set members[].remediation.', enabled: false, maxReceives: 5, maxWorkers: 1, backupRetentionDays: 365 },
    rampart: { $comment: 'The scan config the tasks run with (checks, exemptions, reporting routes), minus what the deployment sets.' },
    orgFanout: { $comment: 'Scan every account of the organization on Step Functions, one Fargate task per account.', enabled: false, accountsSource: 'organizations', maxConcurrency: 50, toleratedFailurePercentage: 10 },
  };
}

export function initInfraCommand(argv: readonly string[], env: NodeJS.ProcessEnv, stdout: (text: string) => void): number {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { 'home-account': { type: 'string' }, region: { type: 'string' }, members: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart init-infra --help`);
  }
  if (values.help) {
    stdout(`${INIT_INFRA_HELP}\n`);
    return 0;
  }
  const home = values['home-account'] ?? '123456789012';
  if (!ACCOUNT_PATTERN.test(home)) throw new UsageError(`--home-account ${home}: expected a 12-digit account id`);
  const region = firstGivenRegion([['--region', values.region], ['AWS_REGION', env.AWS_REGION]]) ?? 'us-east-1';
  const members = values.members ? values.members.split(',').map((id) => id.trim()).filter(Boolean) : [home];
  const bad = members.find((id) => !ACCOUNT_PATTERN.test(id));
  if (bad !== undefined || members.length === 0) throw new UsageError(`--members ${values.members ?? ''}: expected 12-digit account ids, comma-separated`);
  stdout(`${JSON.stringify(starterConfig(home, region, members, `rampart-${randomUUID()}`), null, 2)}\n`);
  return 0;
}
