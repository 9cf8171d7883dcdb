import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { kinesisCollector, type KinesisInventory, type KinesisStreamItem } from '../collect.js';

export default defineCheck<KinesisInventory, KinesisStreamItem>({
  meta: {
    id: 'kinesis-stream-enhanced-monitoring-enabled',
    service: 'kinesis',
    title: 'Kinesis data streams publish shard-level metrics',
    description:
      'ElectricEye\'s "Is enhanced monitoring enabled": a Kinesis data stream should have enhanced (shard-level) monitoring on for at least one metric, so that a hot or throttled shard, or an unexpected reader or writer, shows in CloudWatch per shard rather than hidden in the stream totals. A stream that publishes no shard-level metric fails; the evidence lists the metrics published.',
    severity: 'LOW',
    resourceType: 'AwsKinesisStream',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Enable enhanced monitoring on the stream (EnableEnhancedMonitoring) for the shard-level metrics you alarm on, for example IncomingBytes, OutgoingBytes, WriteProvisionedThroughputExceeded and ReadProvisionedThroughputExceeded. Shard-level metrics are billed as CloudWatch custom metrics.',
      url: 'https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html',
    },
    compliance: { nist: ['AU-12', 'CA-7', 'SI-4'] },
  },
  collector: kinesisCollector,
  select: (inventory) => inventory.streams,
  evaluate(stream) {
    const settings = need(stream.settings, `the summary of stream ${stream.name}`);
    const metrics = reported(settings.shardLevelMetrics, 'EnhancedMonitoring', stream.name);
    if (metrics.length === 0) return fail(`Kinesis stream ${stream.name} publishes no shard-level metrics`, { ShardLevelMetrics: [] });
    return pass(`shard-level metrics: ${metrics.join(', ')}`, { ShardLevelMetrics: metrics });
  },
});
