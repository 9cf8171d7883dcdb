/** Hand-built VPC inventory items for the check unit tests, and a plan task for evaluateChecks. */
import type { AnyCheck } from '../../../src/core/check.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { vpcCollector, type FlowLogRecord, type NetworkAclEntryRecord, type NetworkAclItem, type NetworkInterfaceRecord, type VpcItem } from '../../../auditors/vpc/collect.js';

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

/** An inbound network ACL entry: `allow(100, '0.0.0.0/0')` is rule 100 allowing all traffic from anywhere. */
export function entry(ruleNumber: number, ruleAction: 'allow' | 'deny', cidr: string, protocol = '-1', ports?: [number, number]): NetworkAclEntryRecord {
  return {
    direction: 'ingress',
    ruleNumber,
    protocol,
    ruleAction,
    ...(cidr.includes(':') ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr }),
    ...(ports ? { portRange: { from: ports[0], to: ports[1] } } : {}),
  };
}

export const allow = (ruleNumber: number, cidr: string, protocol?: string, ports?: [number, number]): NetworkAclEntryRecord => entry(ruleNumber, 'allow', cidr, protocol, ports);
export const deny = (ruleNumber: number, cidr: string, protocol?: string, ports?: [number, number]): NetworkAclEntryRecord => entry(ruleNumber, 'deny', cidr, protocol, ports);

/** A network ACL with the given inbound entries (the final deny-all entries are the caller's to add). */
export function nacl(id: string, ingress: NetworkAclEntryRecord[], overrides: Partial<Omit<NetworkAclItem, 'ref' | 'networkAclId' | 'ingress'>> = {}): NetworkAclItem {
  return {
    ref: { type: 'AwsEc2NetworkAcl', arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-acl/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    networkAclId: id,
    vpcId: 'vpc-1',
    isDefault: false,
    subnetIds: ['subnet-1'],
    ingress,
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
