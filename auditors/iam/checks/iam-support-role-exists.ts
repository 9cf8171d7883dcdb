import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { iamCollector, type IamAccountItem, type IamInventory } from '../collect.js';
import { readInput } from '../inputs.js';

export default defineCheck<IamInventory, IamAccountItem>({
  meta: {
    id: 'iam-support-role-exists',
    service: 'iam',
    title: 'A support role exists to manage incidents with AWS Support',
    description:
      'CIS 1.17 (Security Hub IAM.18 in its CIS standards): fails when the AWS managed policy AWSSupportAccess is attached to no IAM role, so opening and following AWS Support cases during an incident needs broader (or root) access. Users and groups holding the policy do not count: CIS asks for a role.',
    severity: 'LOW',
    resourceType: 'AwsAccount',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Create a role that the people who handle incidents can assume (trusting your identity provider or account) and attach the AWS managed policy AWSSupportAccess to it (aws iam attach-role-policy --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess).',
      url: 'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    },
    compliance: { cis: ['1.17'], nist: ['IR-7'] },
  },
  collector: iamCollector,
  select: (inventory) => (inventory.account ? [inventory.account] : []),
  evaluate(account) {
    const roles = readInput(account.supportRoles, 'the roles AWSSupportAccess is attached to');
    if (roles.length > 0) return pass(`AWSSupportAccess is attached to ${roles.join(', ')}`, { support_roles: roles });
    return fail(`no role of account ${account.ref.id} has AWSSupportAccess attached`, { support_roles: [] });
  },
});
