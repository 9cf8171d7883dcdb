import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { ssmCollector, type Ec2InstanceItem, type SsmInventory } from '../collect.js';

export default defineCheck<SsmInventory, Ec2InstanceItem>({
  meta: {
    id: 'ssm-instance-managed',
    service: 'ssm',
    title: 'Running EC2 instances are managed by Systems Manager',
    description:
      'Flags a running EC2 instance that Systems Manager does not list as a managed node (no SSM Agent registered: missing agent, no instance profile or Default Host Management Configuration, or no route to the SSM endpoints), or whose agent no longer reports (ping status ConnectionLost or Inactive). Stopped instances are not judged, as AWS Config\'s ec2-instance-managed-by-systems-manager rule does not. ElectricEye row "Is the instance managed by SSM".',
    severity: 'MEDIUM',
    resourceType: 'AwsEc2Instance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Give the instance an instance profile with the AmazonSSMManagedInstanceCore policy (or enable Default Host Management Configuration), make sure SSM Agent is installed and running, and that the instance reaches the ssm, ssmmessages and ec2messages endpoints (internet, NAT or VPC endpoints).',
      url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/troubleshooting-managed-nodes.html',
    },
    compliance: { fsbp: ['SSM.1'], nist: ['CM-2', 'CM-8'] },
  },
  collector: ssmCollector,
  select: (inventory) => inventory.instances,
  evaluate(item) {
    if (item.state !== 'running') return notApplicable(`the instance is ${item.state}`);
    if (!item.managed) {
      return fail(`running instance ${item.instanceId} is not managed by Systems Manager`, {
        registered: false,
        iamInstanceProfileArn: item.iamInstanceProfileArn ?? null,
      });
    }
    const { pingStatus, lastPingAt } = item.managed;
    if (pingStatus === undefined) throw new MissingInputError('the SSM Agent ping status was not reported');
    const evidence = { registered: true, pingStatus, lastPingAt: lastPingAt ?? null, agentVersion: item.managed.agentVersion ?? null };
    if (pingStatus === 'Online') return pass('the instance is a managed node and its agent is online', evidence);
    return fail(`running instance ${item.instanceId} is registered with Systems Manager but its agent is ${pingStatus} (last ping ${lastPingAt ?? 'unknown'})`, evidence);
  },
});
