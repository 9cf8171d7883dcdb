import { defineCheck, fail, pass } from '../../../src/core/check.js';
import { rdsCollector, type RdsInstanceItem, type RdsInventory } from '../collect.js';
import { reported } from '../../../src/core/check.js';

export default defineCheck<RdsInventory, RdsInstanceItem>({
  meta: {
    id: 'rds-instance-performance-insights-enabled',
    service: 'rds',
    title: 'RDS DB instances have Performance Insights enabled',
    description:
      'ElectricEye\'s "Is performance insights enabled" row, kept current: Performance Insights now feeds CloudWatch Database Insights (its Advanced mode requires it), and its API stays after the console\'s 2026 end of life. Flags an instance with PerformanceInsightsEnabled false. When the service does not report the field the result is an ERROR, never a guess. Instance classes without Performance Insights support fail: exempt them in the configuration.',
    severity: 'LOW',
    resourceType: 'AwsRdsDbInstance',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Modify the DB instance: turn on Performance Insights (7 days of history are free) or Database Insights Advanced mode, encrypted with a KMS key you manage where required.',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Enabling.html',
    },
    compliance: {},
  },
  collector: rdsCollector,
  select: (inventory) => inventory.instances,
  evaluate(db) {
    const enabled = reported(db.performanceInsights, 'PerformanceInsightsEnabled', db.identifier);
    const evidence = { PerformanceInsightsEnabled: enabled, databaseInsightsMode: db.databaseInsightsMode ?? null };
    if (enabled) return pass('Performance Insights is enabled', evidence);
    return fail(`DB instance ${db.identifier} has Performance Insights off`, evidence);
  },
});
