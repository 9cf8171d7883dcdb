/**
 * Wires the organization fan-out (infra/constructs/org-fanout.ts: the OrgFanout construct and
 * fanoutTaskRoleStatements) into the home stack when orgFanout.enabled.
 */
import { OrgFanout, fanoutTaskRoleStatements, type OrgFanoutProps } from './constructs/org-fanout.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SynthError } from './config.js';
import type { FanoutInputs, HomeExtension } from './stacks/home.js';

export function fanoutProps(inputs: FanoutInputs): OrgFanoutProps {
  const { settings, deployment } = inputs;
  const { config } = deployment;
  if (settings.maxConcurrency === undefined) throw new SynthError('orgFanout.maxConcurrency is required when the fan-out is enabled');
  if (config.regions === 'all') throw new SynthError('regions must be listed when orgFanout is enabled');
  return {
    clusterArn: inputs.clusterArn,
    taskDefinitionArn: inputs.taskDefinitionArn,
    containerName: inputs.containerName,
    subnetIds: inputs.subnetIds,
    securityGroupIds: inputs.securityGroupIds,
    taskRoleArn: inputs.taskRoleArn,
    executionRoleArn: inputs.executionRoleArn,
    reportBucketName: inputs.reportBucketName,
    accountsSource: settings.accountsSource,
    maxConcurrency: settings.maxConcurrency,
    toleratedFailurePercentage: settings.toleratedFailurePercentage ?? 0,
    auditRoleName: config.roles.audit,
    externalId: config.roles.externalId,
    regions: config.regions ?? [deployment.region],
    namePrefix: config.prefix,
    runArgs: inputs.runArgs,
    logRetentionDays: config.logRetentionDays,
  };
}

/** The fan-out as a home-stack extension. */
export function orgFanoutExtension(): HomeExtension {
  return (stack, inputs) => {
    new OrgFanout(stack, 'org-fanout', fanoutProps(inputs));
    // Its own inline policy: the runner policy stays exactly what rampart permissions prints.
    new IamRolePolicy(stack, 'org-fanout-task-policy', {
      role: inputs.taskRoleName,
      name: 'rampart-org-fanout',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: fanoutTaskRoleStatements(inputs.reportBucketName, inputs.deployment.partition) }),
    });
  };
}
