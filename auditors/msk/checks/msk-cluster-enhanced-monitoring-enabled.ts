import { z } from 'zod';
import { MissingInputError, defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { clusterKind, mskCollector, type MskClusterItem, type MskInventory } from '../collect.js';

/** The monitoring levels, least detailed first. */
const LEVELS = ['DEFAULT', 'PER_BROKER', 'PER_TOPIC_PER_BROKER', 'PER_TOPIC_PER_PARTITION'] as const;

const parameters = z
  .object({
    /** The least detailed level that passes. PER_TOPIC_PER_BROKER is what Security Hub MSK.2 requires. */
    minimumLevel: z.enum(['PER_BROKER', 'PER_TOPIC_PER_BROKER', 'PER_TOPIC_PER_PARTITION']).default('PER_BROKER'),
  })
  .strict();

export default defineCheck<MskInventory, MskClusterItem, z.infer<typeof parameters>>({
  meta: {
    id: 'msk-cluster-enhanced-monitoring-enabled',
    service: 'msk',
    title: 'MSK clusters have enhanced monitoring',
    description:
      'ElectricEye\'s "Is enhanced monitoring enabled": a provisioned MSK cluster should publish CloudWatch metrics above the DEFAULT level, at least minimumLevel (default PER_BROKER; set PER_TOPIC_PER_BROKER for the level Security Hub MSK.2 requires), so that broker load, disk use and consumer lag show before they become an outage. Serverless clusters have no monitoring levels and are not applicable.',
    severity: 'LOW',
    resourceType: 'AwsMskCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Edit the cluster monitoring and choose an enhanced level (PER_BROKER, PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION). Metrics above DEFAULT are billed as CloudWatch metrics.',
      url: 'https://docs.aws.amazon.com/msk/latest/developerguide/metrics-details.html',
    },
    compliance: { fsbp: ['MSK.2'], nist: ['CA-7', 'SI-2'] },
  },
  collector: mskCollector,
  parameters,
  select: (inventory) => inventory.clusters,
  evaluate(item, params) {
    if (clusterKind(item) === 'SERVERLESS') return notApplicable(`MSK Serverless cluster ${item.name} has no monitoring levels`);
    const provisioned = reported(item.cluster.Provisioned, 'Provisioned', item.name);
    const level = reported(provisioned.EnhancedMonitoring, 'EnhancedMonitoring', item.name);
    const rank = LEVELS.indexOf(level as (typeof LEVELS)[number]);
    if (rank < 0) throw new MissingInputError(`MSK cluster ${item.name} reports the monitoring level ${level}, which rampart does not know`);
    const evidence = { EnhancedMonitoring: level, minimumLevel: params.minimumLevel };
    if (rank < LEVELS.indexOf(params.minimumLevel)) return fail(`MSK cluster ${item.name} monitors at the ${level} level, below ${params.minimumLevel}`, evidence);
    return pass(`monitoring level ${level}`, evidence);
  },
});
