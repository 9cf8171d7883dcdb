import { z } from 'zod';
import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { ssmCollector, type Ec2InstanceItem, type SsmInventory } from '../collect.js';
import { managedAndRunning } from '../scope.js';

const parameters = z
  .object({
    /** ElectricEye fails a managed instance without any association; false makes it not applicable (FSBP SSM.3 judges only executed associations). */
    requireAssociation: z.boolean().default(true),
  })
  .strict();

export default defineCheck<SsmInventory, Ec2InstanceItem, z.infer<typeof parameters>>({
  meta: {
    id: 'ssm-instance-association-succeeded',
    service: 'ssm',
    title: 'Managed EC2 instances have successful State Manager associations',
    description:
      'Flags a running managed instance with a failed State Manager association, or, by default, with no association at all (ElectricEye row "Does the instance have a successful SSM association"; set requireAssociation to false to judge only instances that have associations). Associations that have only ever been pending are not judged yet. Stopped and unmanaged instances are not applicable.',
    severity: 'LOW',
    resourceType: 'AwsEc2Instance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Open State Manager, read the failed association\'s execution output for this instance, fix its cause (document parameters, permissions, agent) and re-apply the association; associate baseline documents (inventory, patching) with instances that have none.',
      url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-state.html',
    },
    compliance: { fsbp: ['SSM.3'], nist: ['CM-2', 'CM-8(3)'] },
  },
  collector: ssmCollector,
  parameters,
  select: (inventory) => inventory.instances,
  evaluate(item, params) {
    const scope = managedAndRunning(item);
    if ('verdict' in scope) return scope.verdict;
    const { associationCounts, associationStatus, lastSuccessfulAssociationExecutionAt } = scope.managed;
    const counts = Object.keys(associationCounts).length > 0 ? associationCounts : associationStatus ? { [associationStatus]: 1 } : {};
    const evidence = { associationStatus: associationStatus ?? null, associationCounts: counts, lastSuccessfulExecutionAt: lastSuccessfulAssociationExecutionAt ?? null };
    const failedCount = counts.Failed ?? 0;
    if (failedCount > 0) return fail(`${failedCount} State Manager association(s) of instance ${item.instanceId} failed`, evidence);
    if ((counts.Success ?? 0) > 0) return pass('the instance\'s associations succeeded', evidence);
    if (Object.keys(counts).length > 0) return notApplicable(`the instance's associations have not completed yet (${Object.keys(counts).join(', ')})`);
    if (!params.requireAssociation) return notApplicable('the instance has no State Manager association');
    return fail(`managed instance ${item.instanceId} has no State Manager association`, evidence);
  },
});
