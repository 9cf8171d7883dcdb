import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { ssmCollector, type Ec2InstanceItem, type SsmInventory } from '../collect.js';
import { managedAndRunning } from '../scope.js';

export default defineCheck<SsmInventory, Ec2InstanceItem>({
  meta: {
    id: 'ssm-instance-agent-up-to-date',
    service: 'ssm',
    title: 'Managed EC2 instances run the latest SSM Agent',
    description:
      'Flags a running managed instance whose SSM Agent is not the latest version (IsLatestVersion false): old agents miss fixes, including security fixes, and newer Systems Manager features. SSM does not report agent currency for every Windows node; such a node is not applicable. Stopped and unmanaged instances are not applicable. ElectricEye row "Is the SSM Agent up to date".',
    severity: 'LOW',
    resourceType: 'AwsEc2Instance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Update the agent with the AWS-UpdateSSMAgent document (Run Command), and keep it current with a State Manager association that runs AWS-UpdateSSMAgent on a schedule, or enable agent auto-update in Fleet Manager settings.',
      url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/ssm-agent-automatic-updates.html',
    },
    compliance: { nist: ['SI-2'] },
  },
  collector: ssmCollector,
  select: (inventory) => inventory.instances,
  evaluate(item) {
    const scope = managedAndRunning(item);
    if ('verdict' in scope) return scope.verdict;
    const { isLatestVersion, agentVersion, platformType } = scope.managed;
    const evidence = { agentVersion: agentVersion ?? null, platformType: platformType ?? null, isLatestVersion: isLatestVersion ?? null };
    if (isLatestVersion === undefined) {
      if (platformType === 'Windows') return notApplicable('Systems Manager does not report whether this Windows node runs the latest agent');
      throw new MissingInputError('IsLatestVersion was not reported for the SSM Agent');
    }
    if (isLatestVersion) return pass(`SSM Agent ${agentVersion ?? '(version not reported)'} is the latest version`, evidence);
    return fail(`instance ${item.instanceId} runs an outdated SSM Agent (${agentVersion ?? 'unknown version'})`, evidence);
  },
});
