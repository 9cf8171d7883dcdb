/**
 * Demo seed for the CodeBuild checks: a project with everything wrong (AWS
 * keys and a password in plaintext variables, TLS errors ignored, unencrypted
 * artifacts and S3 logs, no CloudWatch logs) and a decoy that does it right
 * (secrets by reference, a name that only points at a secret). The keys are
 * AWS's documentation examples, not credentials.
 */
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export const DEMO_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const DEMO_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export async function seedCodeBuild(clients: AwsClients): Promise<SeedResult> {
  const codebuild = clients.get(CodeBuildClient);
  const { accountId, region } = clients;
  const serviceRole = `arn:aws:iam::${accountId}:role/demo-codebuild`;
  const environment = { type: 'LINUX_CONTAINER' as const, image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' as const };
  await codebuild.send(new CreateProjectCommand({
    name: 'demo-build-leaky',
    serviceRole,
    source: { type: 'GITHUB_ENTERPRISE', location: 'https://git.example.internal/shop/api.git', insecureSsl: true },
    artifacts: { type: 'S3', location: `demo-build-artifacts-${accountId}`, encryptionDisabled: true },
    environment: {
      ...environment,
      environmentVariables: [
        { name: 'AWS_ACCESS_KEY_ID', value: DEMO_KEY_ID, type: 'PLAINTEXT' },
        { name: 'AWS_SECRET_ACCESS_KEY', value: DEMO_SECRET_KEY, type: 'PLAINTEXT' },
        { name: 'DB_PASSWORD', value: 'Summer2026!', type: 'PLAINTEXT' },
        { name: 'STAGE', value: 'prod', type: 'PLAINTEXT' },
      ],
    },
    logsConfig: { cloudWatchLogs: { status: 'DISABLED' }, s3Logs: { status: 'ENABLED', location: `demo-build-logs-${accountId}/api`, encryptionDisabled: true } },
    tags: [{ key: 'owner', value: 'build-team' }],
  }));
  await codebuild.send(new CreateProjectCommand({
    name: 'demo-build-tidy',
    serviceRole,
    source: { type: 'CODECOMMIT', location: `https://git-codecommit.${region}.amazonaws.com/v1/repos/api` },
    artifacts: { type: 'S3', location: `demo-build-artifacts-${accountId}` },
    environment: {
      ...environment,
      environmentVariables: [
        { name: 'DB_PASSWORD', value: 'prod/api/db-password', type: 'SECRETS_MANAGER' },
        { name: 'DB_PASSWORD_SECRET_ARN', value: `arn:aws:secretsmanager:${region}:${accountId}:secret:prod/api/db-password-AbCdEf`, type: 'PLAINTEXT' },
        { name: 'STAGE', value: 'prod', type: 'PLAINTEXT' },
      ],
    },
    logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: '/codebuild/demo-build-tidy' }, s3Logs: { status: 'ENABLED', location: `demo-build-logs-${accountId}/tidy` } },
  }));
  return { insecure: ['demo-build-leaky'], compliant: ['demo-build-tidy'] };
}
