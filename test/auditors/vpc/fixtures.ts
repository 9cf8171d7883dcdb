/** Hand-built VPC inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { vpcCollector, type FlowLogRecord, type NetworkInterfaceRecord, type VpcItem } from '../../../auditors/vpc/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

export function flowLog(id: string, overrides: Partial<FlowLogRecord> = {}): FlowLogRecord {
  return { flowLogId: id, status: 'ACTIVE', trafficType: 'ALL', destinationType: 's3', destination: 'arn:aws:s3:::logs', deliverLogsStatus: 'SUCCESS', ...overrides };
}

export function eni(id: string, overrides: Partial<NetworkInterfaceRecord> = {}): NetworkInterfaceRecord {
  return { networkInterfaceId: id, interfaceType: 'interface', status: 'in-use', ...overrides };
}

export function vpc(id: string, overrides: Partial<Omit<VpcItem, 'ref' | 'vpcId'>> = {}): VpcItem {
  return {
    ref: { type: 'AwsEc2Vpc', arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    vpcId: id,
    isDefault: false,
    state: 'available',
    flowLogs: [],
    ...overrides,
  };
}

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: vpcCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
