/** Hand-built CodeBuild inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { codeBuildCollector, type CodeBuildInventory, type CodeBuildProjectItem, type EnvironmentVariable } from '../../../auditors/codebuild/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A tidy project (one S3 artifact, encrypted; CloudWatch logs on, S3 logs off) unless the fields say otherwise. */
export function project(name: string, fields: Partial<Omit<CodeBuildProjectItem, 'ref' | 'name'>> = {}): CodeBuildProjectItem {
  return {
    ref: { type: 'AwsCodeBuildProject', arn: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/${name}`, id: name, region: REGION, partition: 'aws', tags: {} },
    name,
    sources: [{ id: 'primary', type: 'CODECOMMIT', insecureSsl: false }],
    artifacts: [{ id: 'primary', type: 'S3', encryptionDisabled: false }],
    environmentVariables: [],
    logs: { cloudWatch: { status: 'ENABLED' }, s3: { status: 'DISABLED', encryptionDisabled: false } },
    ...fields,
  };
}

export const plaintext = (name: string, value: string): EnvironmentVariable => ({ name, type: 'PLAINTEXT', value });

export const inventory = (...projects: CodeBuildProjectItem[]): CodeBuildInventory => ({ projects });

/** A plan task running the given checks with their default parameters. */
export function task(checks: readonly AnyCheck[]): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: codeBuildCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse({}) : {}, severity: check.meta.severity })),
  };
}
