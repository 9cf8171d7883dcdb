/** EC2 instances as Systems Manager sees them, and their ASFF details. */
import type { Instance } from '@aws-sdk/client-ec2';
import type { InstanceInformation, InstancePatchState } from '@aws-sdk/client-ssm';
import type { JsonValue } from '../../src/core/check.js';

/** What DescribeInstanceInformation reports for a managed instance. */
export interface ManagedInstance {
  /** Online, ConnectionLost or Inactive. */
  pingStatus?: string;
  lastPingAt?: string;
  agentVersion?: string;
  /** Undefined when not reported (SSM does not report it for some Windows nodes). */
  isLatestVersion?: boolean;
  /** Linux, Windows or MacOS. */
  platformType?: string;
  platformName?: string;
  /** The aggregated status of the instance's State Manager associations ("Success", "Failed", "Pending"). */
  associationStatus?: string;
  /** Association count per status ("Success": 2, "Failed": 1). */
  associationCounts: Record<string, number>;
  lastAssociationExecutionAt?: string;
  lastSuccessfulAssociationExecutionAt?: string;
}

/** DescribeInstancePatchStates: the outcome of the last Patch Manager scan or install. */
export interface PatchState {
  baselineId?: string;
  patchGroup?: string;
  /** Scan or Install. */
  operation?: string;
  operationEndTime?: string;
  installedCount?: number;
  missingCount?: number;
  failedCount?: number;
  installedPendingRebootCount?: number;
  installedRejectedCount?: number;
  criticalNonCompliantCount?: number;
  securityNonCompliantCount?: number;
}

/** Drops undefined and empty-string fields. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}

const iso = (value: Date | undefined): string | undefined => value?.toISOString();

export function toManagedInstance(info: InstanceInformation): ManagedInstance {
  const counts = info.AssociationOverview?.InstanceAssociationStatusAggregatedCount ?? {};
  return {
    associationCounts: Object.fromEntries(Object.entries(counts).filter((entry): entry is [string, number] => typeof entry[1] === 'number')),
    ...defined({
      pingStatus: info.PingStatus,
      lastPingAt: iso(info.LastPingDateTime),
      agentVersion: info.AgentVersion,
      isLatestVersion: info.IsLatestVersion,
      platformType: info.PlatformType,
      platformName: info.PlatformName,
      associationStatus: info.AssociationStatus,
      lastAssociationExecutionAt: iso(info.LastAssociationExecutionDate),
      lastSuccessfulAssociationExecutionAt: iso(info.LastSuccessfulAssociationExecutionDate),
    }),
  };
}

export function toPatchState(state: InstancePatchState): PatchState {
  return defined({
    baselineId: state.BaselineId,
    patchGroup: state.PatchGroup,
    operation: state.Operation,
    operationEndTime: iso(state.OperationEndTime),
    installedCount: state.InstalledCount,
    missingCount: state.MissingCount,
    failedCount: state.FailedCount,
    installedPendingRebootCount: state.InstalledPendingRebootCount,
    installedRejectedCount: state.InstalledRejectedCount,
    criticalNonCompliantCount: state.CriticalNonCompliantCount,
    securityNonCompliantCount: state.SecurityNonCompliantCount,
  });
}

/** ASFF AwsEc2InstanceDetails. */
export function instanceDetails(instance: Instance): { [key: string]: JsonValue } {
  const ipv4 = [instance.PrivateIpAddress, instance.PublicIpAddress].filter((ip): ip is string => Boolean(ip));
  const ipv6 = (instance.NetworkInterfaces ?? []).flatMap((eni) => (eni.Ipv6Addresses ?? []).flatMap((a) => (a.Ipv6Address ? [a.Ipv6Address] : [])));
  return defined({
    Type: instance.InstanceType,
    ImageId: instance.ImageId,
    IpV4Addresses: ipv4.length > 0 ? ipv4 : undefined,
    IpV6Addresses: ipv6.length > 0 ? ipv6 : undefined,
    KeyName: instance.KeyName,
    IamInstanceProfileArn: instance.IamInstanceProfile?.Arn,
    VpcId: instance.VpcId,
    SubnetId: instance.SubnetId,
    LaunchedAt: iso(instance.LaunchTime),
    VirtualizationType: instance.VirtualizationType,
  }) as { [key: string]: JsonValue };
}
