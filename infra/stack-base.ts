/**
 * What every stack shares: the hashicorp/aws provider pinned exactly (the version the
 * tf-plugins mirror holds), locked to the stack's account, and a backend whose state path
 * does not depend on where the stack was synthesized.
 */
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { InfraConfig } from './config.js';

export const AWS_PROVIDER_SOURCE = 'hashicorp/aws';
export const AWS_PROVIDER_VERSION = '5.100.0';
export const TERRAFORM_REQUIRED_VERSION = '>= 1.5.0';

export interface StackTarget {
  accountId: string;
  region: string;
  deployRoleArn?: string | undefined;
}

/** Terraform expands `${…}` and `%{…}` in every string: text that is data, not a reference, is escaped. */
export function terraformLiteral(text: string): string {
  return text.replace(/([$%])\{/g, (_, sign: string) => `${sign}${sign}{`);
}

/** The terraform block every stack shares: the exactly pinned provider, and where the state lives. */
export function pinTerraform(stack: TerraformStack, name: string, config: InfraConfig): void {
  // cdktf writes the short source "aws"; the contract is the fully qualified, exactly pinned one.
  stack.addOverride('terraform.required_providers.aws', { source: AWS_PROVIDER_SOURCE, version: AWS_PROVIDER_VERSION });
  stack.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
  const s3 = config.stateBackend?.s3;
  if (s3) {
    new S3Backend(stack, { bucket: s3.bucket, key: `${s3.keyPrefix}${name}.tfstate`, region: s3.region, encrypt: true });
    // S3-native locking (terraform 1.10+): no DynamoDB lock table to manage.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else {
    // Relative to the stack's directory, where terraform runs (cdktf would write an absolute path).
    new LocalBackend(stack, { path: 'terraform.tfstate' });
  }
}

export class RampartStack extends TerraformStack {
  constructor(scope: Construct, name: string, config: InfraConfig, target: StackTarget) {
    super(scope, name);
    new AwsProvider(this, 'aws', {
      region: target.region,
      // terraform refuses to touch any other account: a stack applied with the wrong credentials fails before any change.
      allowedAccountIds: [target.accountId],
      ...(target.deployRoleArn ? { assumeRole: [{ roleArn: target.deployRoleArn, sessionName: `${config.prefix}-deploy` }] } : {}),
      defaultTags: [{ tags: { 'rampart:deployment': config.prefix, 'rampart:stack': name } }],
    });
    pinTerraform(this, name, config);
  }
}
