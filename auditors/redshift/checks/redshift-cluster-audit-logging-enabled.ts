import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { redshiftCollector, type RedshiftClusterItem, type RedshiftInventory } from '../collect.js';

export default defineCheck<RedshiftInventory, RedshiftClusterItem>({
  meta: {
    id: 'redshift-cluster-audit-logging-enabled',
    service: 'redshift',
    title: 'Redshift clusters have audit logging enabled',
    description:
      'Flags a provisioned Redshift cluster whose audit logging (connection, user and user activity logs) is off, as Hammer (Redshift without audit logging) and ElectricEye ("Is cluster audit logging enabled") did. Delivery to S3 or to CloudWatch Logs both pass; CloudWatch delivery that exports no log type fails. A recorded delivery failure is shown but does not fail the check.',
    severity: 'MEDIUM',
    resourceType: 'AwsRedshiftCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Turn on audit logging for the cluster, to CloudWatch Logs (export connectionlog, userlog and useractivitylog) or to an S3 bucket whose policy lets Redshift write. For user activity logs also set enable_user_activity_logging in the parameter group.',
      url: 'https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html',
    },
    compliance: { fsbp: ['Redshift.4'], nist: ['AU-2', 'AU-3', 'AU-12'] },
  },
  collector: redshiftCollector,
  select: (inventory) => inventory.clusters,
  evaluate(cluster) {
    const logging = need(cluster.logging, 'the audit logging status');
    const evidence = {
      LoggingEnabled: logging.enabled,
      destination: logging.destination ?? null,
      bucketName: logging.bucketName ?? null,
      logExports: logging.logExports,
      lastFailureMessage: logging.lastFailureMessage ?? null,
    };
    if (!logging.enabled) return fail(`Redshift cluster ${cluster.identifier} has audit logging turned off`, evidence);
    if (logging.destination === 'cloudwatch' && logging.logExports.length === 0) {
      return fail(`Redshift cluster ${cluster.identifier} logs to CloudWatch Logs but exports no log type`, evidence);
    }
    const where = logging.destination === 'cloudwatch' ? `CloudWatch Logs (${logging.logExports.join(', ')})` : `S3 bucket ${logging.bucketName ?? '(not reported)'}`;
    return pass(`audit logs are delivered to ${where}`, evidence);
  },
});
