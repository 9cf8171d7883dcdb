import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { ssmCollector, type Ec2InstanceItem, type SsmInventory } from '../collect.js';
import { managedAndRunning } from '../scope.js';

/** Patch Manager counts that make a node NON_COMPLIANT. */
const NON_COMPLIANT_COUNTS = ['missingCount', 'failedCount', 'installedPendingRebootCount', 'installedRejectedCount'] as const;

export default defineCheck<SsmInventory, Ec2InstanceItem>({
  meta: {
    id: 'ssm-instance-patch-compliant',
    service: 'ssm',
    title: 'Managed EC2 instances are patch compliant',
    description:
      'Flags a running managed instance whose last Patch Manager scan or install reports missing, failed, rejected-but-installed or pending-reboot patches (reason non-compliant-patches: patching is set up and falling behind), or that reports no patch state at all (reason no-patch-state: no patch baseline operation covers it). ElectricEye gave the two cases different severities; here they share one and the evidence tells them apart. Stopped and unmanaged instances are not applicable.',
    severity: 'HIGH',
    resourceType: 'AwsEc2Instance',
    findingTypes: ['Software and Configuration Checks/Vulnerabilities/CVE', 'Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Install the missing patches with AWS-RunPatchBaseline (Install) and reboot where patches wait for it; investigate failed patches in the command output. An instance without patch state needs a patch policy or a maintenance window that scans and installs against a patch baseline.',
      url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html',
    },
    compliance: { fsbp: ['SSM.2'], nist: ['SI-2', 'CM-8(3)'] },
  },
  collector: ssmCollector,
  select: (inventory) => inventory.instances,
  evaluate(item) {
    const scope = managedAndRunning(item);
    if ('verdict' in scope) return scope.verdict;
    const state = need(item.patchState, 'the patch state');
    if (!state) {
      return fail(`no patch baseline reported for managed instance ${item.instanceId}: no Patch Manager scan or install has covered it`, {
        reason: 'no-patch-state',
      });
    }
    if (state.missingCount === undefined && state.failedCount === undefined) throw new MissingInputError('the patch state carries no missing or failed counts');
    const counts = Object.fromEntries(NON_COMPLIANT_COUNTS.map((key) => [key, state[key] ?? 0]));
    const evidence = {
      ...counts,
      criticalNonCompliantCount: state.criticalNonCompliantCount ?? null,
      securityNonCompliantCount: state.securityNonCompliantCount ?? null,
      baselineId: state.baselineId ?? null,
      patchGroup: state.patchGroup ?? null,
      operation: state.operation ?? null,
      operationEndTime: state.operationEndTime ?? null,
    };
    const bad = NON_COMPLIANT_COUNTS.filter((key) => (counts[key] ?? 0) > 0);
    if (bad.length === 0) return pass(`no missing, failed or pending patch after the last ${state.operation ?? 'patch'} operation`, evidence);
    const parts = bad.map((key) => `${counts[key]} ${key.replace(/Count$/, '').replace(/([A-Z])/g, ' $1').toLowerCase()}`);
    return fail(`instance ${item.instanceId} is not patch compliant: ${parts.join(', ')} patch(es)`, { reason: 'non-compliant-patches', ...evidence });
  },
});
