/**
 * The demo account: a small, deliberately insecure account with compliant
 * decoys beside every problem, seeded into the emulator with the AWS SDK.
 * One seed per auditor, in src/emulator/seeds/.
 */
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { seedAmi } from './seeds/ami.js';
import { seedBackup } from './seeds/backup.js';
import { seedCloudFormation } from './seeds/cloudformation.js';
import { seedCloudTrail } from './seeds/cloudtrail.js';
import { seedCodeBuild } from './seeds/codebuild.js';
import { seedCognito } from './seeds/cognito.js';
import { seedEbs } from './seeds/ebs.js';
import { seedEc2 } from './seeds/ec2.js';
import { seedEcr } from './seeds/ecr.js';
import { seedEcs } from './seeds/ecs.js';
import { seedEks } from './seeds/eks.js';
import { seedElastiCache } from './seeds/elasticache.js';
import { seedElbv2 } from './seeds/elbv2.js';
import { seedGuardDuty } from './seeds/guardduty.js';
import { seedIam } from './seeds/iam.js';
import { seedKinesis } from './seeds/kinesis.js';
import { seedMsk } from './seeds/msk.js';
import { seedNeptune } from './seeds/neptune.js';
import { seedOpenSearch } from './seeds/opensearch.js';
import { seedRds } from './seeds/rds.js';
import { seedRedshift } from './seeds/redshift.js';
import { seedS3 } from './seeds/s3.js';
import { seedSecretsManager } from './seeds/secretsmanager.js';
import { seedSageMaker } from './seeds/sagemaker.js';
import { seedShield } from './seeds/shield.js';
import { seedSecurityHub } from './seeds/securityhub.js';
import { seedSqs } from './seeds/sqs.js';
import { seedSsm } from './seeds/ssm.js';
import type { SeedResult } from './seeds/seed-result.js';
import { seedVpc } from './seeds/vpc.js';
import { seedWorkSpaces } from './seeds/workspaces.js';

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
  ['kinesis', seedKinesis],
  ['secretsmanager', seedSecretsManager],
  ['neptune', seedNeptune],
  ['msk', seedMsk],
  ['ecr', seedEcr],
  ['eks', seedEks],
  ['elasticache', seedElastiCache],
  ['elbv2', seedElbv2],
  ['cognito', seedCognito],
  ['sagemaker', seedSageMaker],
  ['cloudformation', seedCloudFormation],
  ['codebuild', seedCodeBuild],
  ['backup', seedBackup],
  ['workspaces', seedWorkSpaces],
  ['shield', seedShield],
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
