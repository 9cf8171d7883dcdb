import { z } from 'zod';
import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { IAM_AUTH_ENGINES, iamAuthVersionGap } from '../engines.js';
import { reported } from '../../../src/core/check.js';

const parameters = z
  .object({
    /** Engines judged; the others cannot use IAM database authentication. */
    engines: z.array(z.string().min(1)).default([...IAM_AUTH_ENGINES]),
  })
  .strict();

export default defineCheck<RdsInventory, RdsInstanceItem, z.infer<typeof parameters>>({
  meta: {
    id: 'rds-instance-iam-authentication-enabled',
    service: 'rds',
    title: 'RDS DB instances accept IAM database authentication',
    description:
      'Flags a MySQL, MariaDB (10.11 or later), PostgreSQL or Aurora MySQL/PostgreSQL instance without IAM database authentication, so that access can be granted to IAM roles with short-lived tokens instead of stored passwords. Oracle, SQL Server and Db2 cannot use it and are not applicable. Aurora members report their cluster\'s setting. DocumentDB and Neptune are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Modify the DB instance (or its Aurora cluster) and turn on IAM database authentication, then create database users mapped to IAM (AWSAuthenticationPlugin for MySQL/MariaDB, the rds_iam role for PostgreSQL) and grant rds-db:connect to the roles that need them.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.Enabling.html',
    },
    compliance: { fsbp: ['RDS.10'], nist: ['AC-2', 'AC-3', 'AC-6'] },
  },
  collector: rdsCollector,
  parameters,
  select: (inventory) => inventory.instances,
  evaluate(db, params) {
    const engine = reported(db.engine, 'Engine', db.identifier);
    if (!params.engines.includes(engine)) return notApplicable(`the ${engine} engine cannot use IAM database authentication`);
    const gap = iamAuthVersionGap(engine, db.engineVersion);
    if (gap) return notApplicable(gap);
    const enabled = reported(db.iamAuthentication, 'IAMDatabaseAuthenticationEnabled', db.identifier);
    const evidence = { IAMDatabaseAuthenticationEnabled: enabled, engine, engineVersion: db.engineVersion ?? null };
    if (enabled) return pass('IAM database authentication is enabled', evidence);
    return fail(`DB instance ${db.identifier} (${engine}) does not accept IAM database authentication`, evidence);
  },
});
