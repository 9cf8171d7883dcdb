/** An IAM role with one inline policy (aws_iam_role_policy: the role's inline_policy argument is deprecated). */
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';

export interface RoleProps {
  name: string;
  description: string;
  trust: string;
  policyName: string;
  policy: string;
}

export class Role extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', { name: props.name, description: props.description, assumeRolePolicy: props.trust, maxSessionDuration: 3600 });
    this.policy = new IamRolePolicy(this, 'policy', { role: this.role.id, name: props.policyName, policy: props.policy });
  }
}
