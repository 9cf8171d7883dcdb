import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { reported } from '../../../src/core/check.js';

export default defineCheck<RdsInventory, RdsInstanceItem>({
  meta: {
    id: 'rds-instance-not-publicly-accessible',
    service: 'rds',
    title: 'RDS DB instances are not publicly accessible',
    description:
      'Flags a DB instance whose PubliclyAccessible setting is on: its endpoint resolves to a public IP address, so only its security groups and network ACLs stand between the database and the internet. Judged for every instance, Aurora members included (the setting is per instance). An instance whose setting was not reported is an ERROR, not a pass. DocumentDB and Neptune instances are not judged.',
    severity: 'CRITICAL',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: [
      'Software and Configuration Checks/AWS Security Best Practices',
      'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
      'Effects/Data Exposure',
    ],
    remediation: {
      text: 'Modify the DB instance and set Public access to No; reach it from inside the VPC (VPN, Direct Connect, a bastion or RDS Proxy). Also check that no security group allows the database port from 0.0.0.0/0 or ::/0.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
    },
    compliance: { fsbp: ['RDS.2'], cis: ['2.3.3'], nist: ['AC-4', 'AC-21', 'SC-7'] },
  },
  collector: rdsCollector,
  select: (inventory) => inventory.instances,
  evaluate(db) {
    const isPublic = reported(db.publiclyAccessible, 'PubliclyAccessible', db.identifier);
    if (!isPublic) return pass('the instance is not publicly accessible', { PubliclyAccessible: false });
    return fail(`DB instance ${db.identifier} is publicly accessible${db.endpoint?.address ? ` at ${db.endpoint.address}` : ''}`, {
      PubliclyAccessible: true,
      endpoint: db.endpoint?.address ?? null,
      port: db.endpoint?.port ?? null,
      vpcSecurityGroups: db.vpcSecurityGroupIds,
    });
  },
});
