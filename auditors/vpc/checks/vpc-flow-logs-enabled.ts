import { z } from 'zod';
import { defineCheck, fail, MissingInputError, notApplicable, pass } from '../../../src/core/check.js';
import { vpcCollector, type FlowLogRecord, type VpcInventory, type VpcItem } from '../collect.js';

const parameters = z
  .object({
    /** The traffic types that count, as FSBP EC2.6's trafficType; a flow log of type ALL always counts. */
    trafficTypes: z.array(z.enum(['ALL', 'ACCEPT', 'REJECT'])).min(1).default(['REJECT']),
    /** A flow log whose delivery fails records nothing. */
    requireSuccessfulDelivery: z.boolean().default(true),
  })
  .strict();

type Params = z.infer<typeof parameters>;

/** Why a flow log does not count, or undefined when it does. */
function shortfall(log: FlowLogRecord, params: Params): string | undefined {
  if (log.status !== 'ACTIVE') return `status ${log.status ?? 'not reported'}`;
  const type = log.trafficType;
  if (type !== 'ALL' && !(params.trafficTypes as readonly string[]).includes(type ?? '')) return `traffic type ${type ?? 'not reported'} (wanted ${[...new Set([...params.trafficTypes, 'ALL'])].join(' or ')})`;
  if (params.requireSuccessfulDelivery && log.deliverLogsStatus === 'FAILED') return `delivery failing: ${log.deliverLogsError ?? 'no message'}`;
  return undefined;
}

export default defineCheck<VpcInventory, VpcItem, Params>({
  meta: {
    id: 'vpc-flow-logs-enabled',
    service: 'vpc',
    title: 'VPC flow logging is enabled in every VPC',
    description:
      'Checks that each VPC the account owns has an active VPC-level flow log capturing rejected traffic (type REJECT or ALL, configurable) whose delivery is not failing (ElectricEye "Is flow logging enabled"). Subnet and interface flow logs cover part of the VPC only and do not count. A VPC shared by another account is judged in the owner account.',
    severity: 'MEDIUM',
    resourceType: 'AwsEc2Vpc',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
    remediation: {
      text: 'Create a flow log for the VPC (aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL) delivering to CloudWatch Logs, S3 or Firehose, and fix the delivery permissions of a flow log whose delivery fails.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    },
    compliance: { fsbp: ['EC2.6'], cis: ['3.7'], nist: ['AU-2', 'AU-3', 'AU-12', 'CA-7'] },
  },
  collector: vpcCollector,
  parameters,
  select: (inventory) => inventory.vpcs,
  evaluate(vpc, params) {
    if (vpc.sharedBy) return notApplicable(`the VPC is shared by account ${vpc.sharedBy}, which owns its flow logs`);
    if (vpc.flowLogs.length === 0) return fail(`VPC ${vpc.vpcId} has no flow log`, { flow_logs: [] });
    const judged = vpc.flowLogs.map((log) => ({ log, why: shortfall(log, params) }));
    const counting = judged.filter((j) => j.why === undefined).map((j) => j.log);
    if (counting.length > 0) {
      return pass(`logged by ${counting.map((l) => l.flowLogId).join(', ')}`, {
        flow_logs: counting.map((l) => ({ flow_log_id: l.flowLogId, traffic_type: l.trafficType ?? null, destination: l.destination ?? null })),
      });
    }
    if (judged.some((j) => j.log.status === undefined)) throw new MissingInputError(`the status of the flow logs of ${vpc.vpcId} was not reported`);
    return fail(`VPC ${vpc.vpcId} has no flow log that counts`, {
      flow_logs: judged.map((j) => ({ flow_log_id: j.log.flowLogId, not_counted_because: j.why ?? null })),
    });
  },
});
