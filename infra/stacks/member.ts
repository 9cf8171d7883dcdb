/**
 * A member account: the roles rampart assumes there. The audit role (read-only collection and
 * its own findings) and, where fixes are allowed, the remediation role. Both trust only the
 * home task role, and only with the deployment's external id.
 */
import type { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { memberStackName, type Deployment } from '../deployment.js';
import { memberTrust, rampartPolicy } from '../policies.js';
import { RampartStack } from '../stack-base.js';
import { Role } from '../constructs/role.js';

export class MemberStack extends RampartStack {
  constructor(scope: Construct, deployment: Deployment, member: Deployment['config']['members'][number]) {
    const { config } = deployment;
    super(scope, memberStackName(member.accountId), config, { accountId: member.accountId, region: deployment.region, deployRoleArn: member.deployRoleArn });
    const { audit, remediation } = memberRoles(this, deployment, member.accountId);
    new TerraformOutput(this, 'audit_role_arn', { value: audit.arn });
    if (remediation) new TerraformOutput(this, 'remediation_role_arn', { value: remediation.arn });
  }
}

/** The roles of a member account (the emulator test applies them too: infra/stacks/emulator.ts). */
export function memberRoles(scope: Construct, deployment: Deployment, accountId: string): { audit: IamRole; remediation?: IamRole } {
  const { config } = deployment;
  const trust = memberTrust(deployment);
  const audit = new Role(scope, 'audit-role', {
    name: config.roles.audit,
    description: 'rampart scans this account: read-only collection, and importing its own findings',
    trust,
    policyName: 'rampart-audit',
    policy: JSON.stringify(rampartPolicy('audit', deployment)),
  }).role;
  if (!deployment.remediationAccounts.includes(accountId)) return { audit };
  const remediation = new Role(scope, 'remediation-role', {
    name: config.roles.remediation,
    description: 'rampart fixes what an operator asks (custom action) or a grace period allows, after a backup',
    trust,
    policyName: 'rampart-remediation',
    policy: JSON.stringify(rampartPolicy('remediation', deployment)),
  }).role;
  return { audit, remediation };
}
