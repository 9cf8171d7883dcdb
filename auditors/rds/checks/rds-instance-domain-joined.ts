import { z } from 'zod';
import { defineCheck, fail, notApplicable, pass } from '../../../src/core/check.js';
import { rdsCollector, type DomainMembership, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { KERBEROS_ENGINES } from '../engines.js';
import { clusterLevel } from '../reported.js';
import { reported } from '../../../src/core/check.js';

const parameters = z
  .object({
    /** Engines judged: those whose instances can join an Active Directory domain. */
    engines: z.array(z.string().min(1)).default([...KERBEROS_ENGINES]),
  })
  .strict();

/** A membership that failed or is being removed does not authenticate anyone; joined and pending-join do (or will). */
const isLive = (membership: DomainMembership): boolean => !/fail|remov/i.test(membership.status ?? '');

export default defineCheck<RdsInventory, RdsInstanceItem, z.infer<typeof parameters>>({
  meta: {
    id: 'rds-instance-domain-joined',
    service: 'rds',
    title: 'RDS DB instances that support Kerberos are joined to an Active Directory domain',
    description:
      'ElectricEye\'s "Are supported DBs joined to a domain" row: an SQL Server, Oracle, MySQL, PostgreSQL or Db2 instance should join a Microsoft Active Directory domain so users sign in with Kerberos and central account control. Other engines (MariaDB, RDS Custom) are not applicable, nor are cluster members (the domain is set on the cluster). A membership in a failed or removing state fails. Narrow the engines parameter where AD is not used.',
    severity: 'LOW',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Create or pick an AWS Managed Microsoft AD (or a self-managed AD for SQL Server), give RDS an IAM role with AmazonRDSDirectoryServiceAccess, then modify the DB instance to join the directory and create the database logins for domain users.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html',
    },
    compliance: { nist: ['AC-2', 'IA-2'] },
  },
  collector: rdsCollector,
  parameters,
  select: (inventory) => inventory.instances,
  evaluate(db, params) {
    const cluster = clusterLevel(db.clusterId, 'The Active Directory domain', 'its domain membership');
    if (cluster) return notApplicable(cluster);
    const engine = reported(db.engine, 'Engine', db.identifier);
    if (!params.engines.includes(engine)) return notApplicable(`the ${engine} engine cannot join an Active Directory domain`);
    const memberships = db.domainMemberships.map((m) => ({ domain: m.domain ?? null, status: m.status ?? null, fqdn: m.fqdn ?? null }));
    const live = db.domainMemberships.filter(isLive);
    if (live.length > 0) return pass(`the instance is a member of ${live.map((m) => m.fqdn ?? m.domain ?? 'a domain').join(', ')}`, { memberships });
    if (memberships.length === 0) return fail(`DB instance ${db.identifier} (${engine}) is not joined to a domain`, { engine, memberships });
    return fail(`the domain membership of DB instance ${db.identifier} is ${memberships.map((m) => m.status ?? 'unknown').join(', ')}`, { engine, memberships });
  },
});
