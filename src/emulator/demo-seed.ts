/**
 * The demo account: a small, deliberately insecure account with compliant
 * decoys beside every problem, seeded into the emulator with the AWS SDK.
 * One seed per auditor, in src/emulator/seeds/.
 */
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { seedAmi } from './seeds/ami.js';
import { seedCloudTrail } from './seeds/cloudtrail.js';
import { seedEbs } from './seeds/ebs.js';
import { seedEc2 } from './seeds/ec2.js';
import { seedEcs } from './seeds/ecs.js';
import { seedGuardDuty } from './seeds/guardduty.js';
import { seedIam } from './seeds/iam.js';
import { seedOpenSearch } from './seeds/opensearch.js';
import { seedRds } from './seeds/rds.js';
import { seedRedshift } from './seeds/redshift.js';
import { seedS3 } from './seeds/s3.js';
import { seedSecurityHub } from './seeds/securityhub.js';
import { seedSqs } from './seeds/sqs.js';
import { seedSsm } from './seeds/ssm.js';
import type { SeedResult } from './seeds/seed-result.js';
import { seedVpc } from './seeds/vpc.js';

export type DemoSeed = SeedResult & { byService: Record<string, SeedResult> };

export const DEMO_SEEDS: ReadonlyArray<[string, (clients: AwsClients) => Promise<SeedResult>]> = [
  ['ec2', seedEc2],
  ['ebs', seedEbs],
  ['ami', seedAmi],
  ['vpc', seedVpc],
  ['s3', seedS3],
  ['iam', seedIam],
  ['cloudtrail', seedCloudTrail],
  ['rds', seedRds],
  ['redshift', seedRedshift],
  ['sqs', seedSqs],
  ['opensearch', seedOpenSearch],
  ['ssm', seedSsm],
  ['ecs', seedEcs],
  ['guardduty', seedGuardDuty],
  ['securityhub', seedSecurityHub],
];

export async function seedDemoAccount(clients: AwsClients): Promise<DemoSeed> {
  await clients.get(SecurityHubClient).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  const byService: Record<string, SeedResult> = {};
  for (const [service, seed] of DEMO_SEEDS) byService[service] = await seed(clients);
  const all = Object.values(byService);
  return { insecure: all.flatMap((s) => s.insecure), compliant: all.flatMap((s) => s.compliant), byService };
}
