/**
 * The IAM documents the stacks embed. rampart's own roles come from src/pipeline/permissions.ts
 * (what the code declares); the plumbing roles (image pull, logs, the scheduler) from the
 * deployment's ARNs. Each rampart role also has the `rampart permissions` flags printing it.
 */
import { Registry } from '../src/core/registry.js';
import { auditRolePolicy, remediationRolePolicy, runnerPolicy, type PolicyDocument } from '../src/pipeline/permissions.js';
import { AUDITORS } from '../auditors/index.js';
import type { Deployment } from './deployment.js';

export type RampartRole = 'audit' | 'remediation' | 'runner';

let registry: Registry | undefined;
const theRegistry = (): Registry => (registry ??= new Registry(AUDITORS));

export function rampartPolicy(role: RampartRole, deployment: Deployment): PolicyDocument {
  if (role === 'audit') return auditRolePolicy(theRegistry());
  if (role === 'remediation') return remediationRolePolicy(theRegistry());
  const { arns, names, remediationEnabled } = deployment;
  return runnerPolicy(arns.table, arns.auditRoles, false, arns.secrets, remediationEnabled ? { queueArn: arns.queue, backupBucket: names.bucket, remediationRoleArns: arns.remediationRoles } : {});
}

/** `rampart permissions <these flags>` prints exactly rampartPolicy(role, deployment). */
export function permissionsFlags(role: RampartRole, deployment: Deployment): string[] {
  const flags = ['--role', role, '--format', 'json'];
  if (role !== 'runner') return flags;
  const { arns, names, remediationEnabled } = deployment;
  flags.push('--table-arn', arns.table, '--audit-role-arns', arns.auditRoles.join(','), '--secret-arns', arns.secrets.join(','));
  if (remediationEnabled) flags.push('--queue-arn', arns.queue, '--backup-bucket', names.bucket, '--remediation-role-arns', arns.remediationRoles.join(','));
  return flags;
}

export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: string | Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export const policy = (...statements: Statement[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** A role only the named AWS service may assume, and only on behalf of this account. */
export function serviceTrust(service: string, deployment: Deployment, sourceArn?: string): string {
  return policy({
    Sid: 'TrustService',
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': deployment.account }, ...(sourceArn ? { ArnLike: { 'aws:SourceArn': sourceArn } } : {}) },
  });
}

/** A member role: assumable only by the home task role, presenting the external id. */
export function memberTrust(deployment: Deployment): string {
  return policy({
    Sid: 'TrustRampartTaskRole',
    Effect: 'Allow',
    Principal: { AWS: deployment.arns.taskRole },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': deployment.config.roles.externalId } },
  });
}

/** What ECS needs to start the task: pull the image, write its logs. Nothing rampart does. */
export function executionPolicy(deployment: Deployment): string {
  const { arns, config } = deployment;
  const ownRepository = config.image.repository === undefined;
  return policy(
    ...(ownRepository
      ? [
          { Sid: 'PullToken', Effect: 'Allow' as const, Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          { Sid: 'PullImage', Effect: 'Allow' as const, Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: arns.repository },
        ]
      : []),
    { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${arns.logGroup}:log-stream:*` },
  );
}

/** What the scheduler needs: start the run task in the cluster, handing it its two roles. */
export function schedulerPolicy(deployment: Deployment, runFamily: string): string {
  const { arns, partition, region, account } = deployment;
  return policy(
    {
      Sid: 'RunTask',
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: [`arn:${partition}:ecs:${region}:${account}:task-definition/${runFamily}:*`, `arn:${partition}:ecs:${region}:${account}:task-definition/${runFamily}`],
      Condition: { ArnEquals: { 'ecs:cluster': arns.cluster } },
    },
    { Sid: 'PassTaskRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: [arns.taskRole, arns.executionRole], Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
  );
}

/** Deny every request to `resource` that does not use TLS. */
export function denyInsecureTransport(action: string, resources: string[]): Statement {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: action, Resource: resources, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}
