import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { iamCollector, type IamInventory, type IamUserItem } from '../collect.js';

export default defineCheck<IamInventory, IamUserItem>({
  meta: {
    id: 'iam-user-permissions-through-groups-only',
    service: 'iam',
    title: 'IAM users get their permissions only through groups',
    description:
      'FSBP IAM.2 and CIS 1.15: fails a user with a managed policy attached to it directly or an inline policy of its own. Permissions granted user by user drift apart and are hard to review; granted through groups (or roles) they are managed once for everyone who does the same job.',
    severity: 'LOW',
    resourceType: 'AwsIamUser',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Put the user in a group that holds the permissions it needs (create one if no group fits), then detach its managed policies (aws iam detach-user-policy) and delete its inline policies (aws iam delete-user-policy).',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_add-remove-users.html',
    },
    compliance: { fsbp: ['IAM.2'], cis: ['1.15'], nist: ['AC-2', 'AC-3', 'AC-6'] },
  },
  collector: iamCollector,
  select: (inventory) => inventory.users ?? [],
  evaluate(user) {
    const attached = need(user.attachedPolicies, `the managed policies attached to user ${user.userName}`);
    const inline = need(user.inlinePolicies, `the inline policies of user ${user.userName}`);
    const evidence = { user_name: user.userName, attached_policies: attached, inline_policies: inline };
    if (attached.length === 0 && inline.length === 0) return pass('no policy attached to the user itself', evidence);
    const what = [
      ...(attached.length > 0 ? [`managed polic${attached.length === 1 ? 'y' : 'ies'} ${attached.map((arn) => arn.slice(arn.lastIndexOf('/') + 1)).join(', ')} attached`] : []),
      ...(inline.length > 0 ? [`inline polic${inline.length === 1 ? 'y' : 'ies'} ${inline.join(', ')}`] : []),
    ];
    return fail(`user ${user.userName} has ${what.join(' and ')} of its own`, evidence);
  },
});
