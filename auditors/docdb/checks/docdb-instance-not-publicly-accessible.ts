import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { docdbCollector, type DocDbInstanceItem, type DocDbInventory } from '../collect.js';

export default defineCheck<DocDbInventory, DocDbInstanceItem>({
  meta: {
    id: 'docdb-instance-not-publicly-accessible',
    service: 'docdb',
    title: 'DocumentDB instances are not publicly accessible',
    description:
      'ElectricEye\'s "Is the DocumentDB instance publicly accessible": a DocumentDB instance must not report PubliclyAccessible, which would give its endpoint a public address. DocumentDB instances run inside a VPC and normally report false; a true value means the instance was set up outside that expectation and must be looked at. The RDS checks never judge DocumentDB instances: this one does.',
    severity: 'CRITICAL',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Reach DocumentDB only from inside its VPC (an application in the VPC, a peered VPC, a VPN, or an SSH tunnel through a bastion host). Replace the instance with one in private subnets and restrict its security group to the clients that need it.',
      url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/connect-from-outside-a-vpc.html',
    },
    compliance: { nist: ['AC-3', 'AC-4', 'SC-7'] },
  },
  collector: docdbCollector,
  select: (inventory) => inventory.instances,
  evaluate(instance) {
    const publiclyAccessible = reported(instance.publiclyAccessible, 'PubliclyAccessible', instance.identifier);
    if (publiclyAccessible) return fail(`DocumentDB instance ${instance.identifier} is publicly accessible`, { PubliclyAccessible: true, cluster: instance.clusterId ?? null });
    return pass('the instance is not publicly accessible', { PubliclyAccessible: false });
  },
});
