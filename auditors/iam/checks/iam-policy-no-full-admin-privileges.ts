import { z } from 'zod';
import { defineCheck, fail, failBelow, MissingInputError, notApplicable, pass, reported, type JsonValue } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { parsePolicy, PolicyParseError, type PolicyStatement } from '../../../src/policy/index.js';
import { iamCollector, type IamInventory, type IamPolicyItem } from '../collect.js';

const parameters = z
  .object({
    /**
     * FSBP IAM.1 judges every customer managed policy; CIS 1.16 only attached
     * ones. An unattached policy fails one severity level lower; false leaves
     * it unjudged.
     */
    includeUnattached: z.boolean().default(true),
  })
  .strict();

/** "*" or "*:*": every action of every service. */
const everyAction = (statement: PolicyStatement): boolean => (statement.action ?? []).some((action) => action === '*' || action === '*:*');

export default defineCheck<IamInventory, IamPolicyItem, z.infer<typeof parameters>>({
  meta: {
    id: 'iam-policy-no-full-admin-privileges',
    service: 'iam',
    title: 'Customer managed IAM policies do not allow "*" on "*"',
    description:
      'FSBP IAM.1 and CIS 1.16: fails a customer managed policy whose default version has a statement with Effect Allow, Action "*" and Resource "*" (full administrator access), whatever its conditions. An attached policy fails at HIGH; an unattached one grants nothing yet and fails one level lower (includeUnattached false skips it, as CIS does); one used only as a permissions boundary grants nothing and is not judged. Inline and AWS managed policies are not judged.',
    severity: 'HIGH',
    resourceType: 'AwsIamPolicy',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
    ],
    remediation: {
      text: 'Replace the "*" on "*" statement with the actions and resources the policy\'s users, groups and roles need (IAM Access Analyzer can generate a policy from their CloudTrail activity), or detach the policy and delete it.',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    },
    compliance: { fsbp: ['IAM.1'], cis: ['1.16'], nist: ['AC-2', 'AC-3', 'AC-5', 'AC-6', 'AC-6(10)'] },
  },
  collector: iamCollector,
  parameters,
  select: (inventory) => inventory.policies ?? [],
  evaluate(policy, params) {
    const text = need(policy.document, `the default version of policy ${policy.policyName}`);
    let statements: PolicyStatement[];
    try {
      statements = parsePolicy(text).statements;
    } catch (error) {
      if (error instanceof PolicyParseError) throw new MissingInputError(`the default version of policy ${policy.policyName} could not be parsed: ${error.message}`);
      throw error;
    }
    const admin = statements.filter((s) => s.effect === 'Allow' && everyAction(s) && (s.resource ?? []).includes('*'));
    const evidence: { [key: string]: JsonValue } = {
      policy_name: policy.policyName,
      default_version_id: policy.defaultVersionId ?? null,
      attachment_count: policy.attachmentCount ?? null,
      admin_statements: admin.map((s) => s.raw),
    };
    if (admin.length === 0) return pass('no statement allows "*" on "*"', evidence);
    const attachments = reported(policy.attachmentCount, 'AttachmentCount', `policy ${policy.policyName}`);
    const where = admin.map((s) => (s.sid ? `statement ${s.sid}` : `statement ${s.index + 1}`)).join(', ');
    if (attachments > 0) return fail(`policy ${policy.policyName} allows "*" on "*" (${where}) and is attached ${attachments} time(s)`, evidence);
    if ((policy.permissionsBoundaryUsageCount ?? 0) > 0) return notApplicable(`policy ${policy.policyName} is used only as a permissions boundary, which grants nothing`);
    if (!params.includeUnattached) return notApplicable(`policy ${policy.policyName} is not attached`);
    return failBelow(1, `policy ${policy.policyName} allows "*" on "*" (${where}); it is attached to nothing yet`, evidence);
  },
});
