/**
 * The part of a deployment the moto emulator can create, built from the same functions as the
 * real stacks (homeCore, memberRoles): the record table, the backup bucket, the queues and the
 * roles, with the provider pointed at the emulator. Used by the apply test only. Out of it,
 * and covered by the synth tests: the network, ECR, ECS, the schedule, the logs, the secrets,
 * the custom action and its rule (moto has no Security Hub action targets), the worker's
 * scaling, the dead-letter queue's redrive allow policy (moto drops it, and terraform waits for
 * it until it times out) and the bucket lifecycle (the provider polls it for a minute).
 */
import type { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Deployment } from '../deployment.js';
import { pinTerraform } from '../stack-base.js';
import { homeCore } from './home.js';
import { memberRoles } from './member.js';

export const EMULATOR_STACK = 'emulator';

export class EmulatorStack extends TerraformStack {
  constructor(scope: Construct, deployment: Deployment, endpoint: string) {
    super(scope, EMULATOR_STACK);
    const services = ['dynamodb', 's3', 'sqs', 'iam', 'sts'] as const;
    new AwsProvider(this, 'aws', {
      region: deployment.region,
      accessKey: 'testing',
      secretKey: 'testing',
      allowedAccountIds: [deployment.account],
      skipCredentialsValidation: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
      s3UsePathStyle: true,
      endpoints: [Object.fromEntries(services.map((service) => [service, endpoint]))],
      defaultTags: [{ tags: { 'rampart:deployment': deployment.config.prefix, 'rampart:stack': EMULATOR_STACK } }],
    });
    pinTerraform(this, EMULATOR_STACK, deployment.config);
    homeCore(this, deployment, true);
    memberRoles(this, deployment, deployment.account);
  }
}
