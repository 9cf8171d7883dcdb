/** Demo seed for the ECR checks: a public, mutable, unscanned repository without a lifecycle policy, and a compliant decoy. */
import {
  CreateRepositoryCommand, ECRClient, PutLifecyclePolicyCommand, SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const policy = (...Statement: Array<Record<string, unknown>>): string => JSON.stringify({ Version: '2012-10-17', Statement });

const LIFECYCLE = JSON.stringify({
  rules: [
    { rulePriority: 1, description: 'expire untagged images after 7 days', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } },
  ],
});

export async function seedEcr(clients: AwsClients): Promise<SeedResult> {
  const ecr = clients.get(ECRClient);
  const account = clients.accountId;

  // The registry keeps its default scanning configuration (basic, no rules): each repository's own scan-on-push setting decides.
  const open = 'demo-images-public';
  await ecr.send(new CreateRepositoryCommand({
    repositoryName: open, imageTagMutability: 'MUTABLE', imageScanningConfiguration: { scanOnPush: false },
    tags: [{ Key: 'owner', Value: 'platform-team' }],
  }));
  await ecr.send(new SetRepositoryPolicyCommand({
    repositoryName: open,
    policyText: policy({ Sid: 'AnyonePulls', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }),
  }));

  const compliant = 'demo-images-private';
  await ecr.send(new CreateRepositoryCommand({ repositoryName: compliant, imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } }));
  await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: compliant, lifecyclePolicyText: LIFECYCLE }));
  await ecr.send(new SetRepositoryPolicyCommand({
    repositoryName: compliant,
    policyText: policy(
      { Sid: 'DeployRolePulls', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/deploy` }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
      { Sid: 'OrgPulls', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    ),
  }));
  return { insecure: [open], compliant: [compliant] };
}
