/**
 * Systems Manager instance information, which moto does not serve: what SSM
 * Agent would have reported for an account's EC2 instances (ping status, agent
 * version, association status) and what Patch Manager's last scan found,
 * answered through DescribeInstanceInformation and DescribeInstancePatchStates
 * in the service's own wire format (JSON 1.1, X-Amz-Target AmazonSSM.*,
 * timestamps in epoch seconds). With no agent there is nothing to report, so
 * an instance is managed here only once a seed registered it (POST
 * /rampart-emulator/ssm/instances, as the agent would). Every other SSM call
 * goes to moto.
 */
import { ApiError, invalidInput, isObject, optionalInteger, pageOf, pageRequest, type JsonObject } from './wire.js';

/** The seeding route (not an AWS API): the front's own, like moto's /moto-api/. */
export const SSM_REGISTER_PATH = '/rampart-emulator/ssm/instances';

/** The calls the front answers itself. */
export const SSM_TARGETS: ReadonlySet<string> = new Set(['AmazonSSM.DescribeInstanceInformation', 'AmazonSSM.DescribeInstancePatchStates']);

/** One instance as SSM Agent and Patch Manager report it; dates are ISO strings. */
export interface ManagedInstanceSeed {
  InstanceId: string;
  PingStatus?: 'Online' | 'ConnectionLost' | 'Inactive';
  LastPingDateTime?: string;
  AgentVersion?: string;
  IsLatestVersion?: boolean;
  PlatformType?: 'Linux' | 'Windows' | 'MacOS';
  PlatformName?: string;
  AssociationStatus?: string;
  /** Association count per status ("Success": 2). */
  AssociationCounts?: Record<string, number>;
  LastAssociationExecutionDate?: string;
  LastSuccessfulAssociationExecutionDate?: string;
  /** The last Patch Manager scan or install; absent when none ran. */
  PatchState?: {
    BaselineId: string;
    PatchGroup?: string;
    Operation: 'Scan' | 'Install';
    OperationStartTime: string;
    OperationEndTime: string;
    InstalledCount?: number;
    MissingCount?: number;
    FailedCount?: number;
    CriticalNonCompliantCount?: number;
    SecurityNonCompliantCount?: number;
  };
}

const epochSeconds = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso) / 1000);
const defined = (fields: JsonObject): JsonObject => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

function information(seed: ManagedInstanceSeed): JsonObject {
  return defined({
    InstanceId: seed.InstanceId,
    ResourceType: 'EC2Instance',
    PingStatus: seed.PingStatus,
    LastPingDateTime: epochSeconds(seed.LastPingDateTime),
    AgentVersion: seed.AgentVersion,
    IsLatestVersion: seed.IsLatestVersion,
    PlatformType: seed.PlatformType,
    PlatformName: seed.PlatformName,
    AssociationStatus: seed.AssociationStatus,
    AssociationOverview: seed.AssociationCounts ? { InstanceAssociationStatusAggregatedCount: seed.AssociationCounts } : undefined,
    LastAssociationExecutionDate: epochSeconds(seed.LastAssociationExecutionDate),
    LastSuccessfulAssociationExecutionDate: epochSeconds(seed.LastSuccessfulAssociationExecutionDate),
  });
}

function patchState(seed: ManagedInstanceSeed): JsonObject | undefined {
  const state = seed.PatchState;
  if (!state) return undefined;
  return defined({
    InstanceId: seed.InstanceId,
    BaselineId: state.BaselineId,
    PatchGroup: state.PatchGroup ?? '',
    Operation: state.Operation,
    OperationStartTime: epochSeconds(state.OperationStartTime),
    OperationEndTime: epochSeconds(state.OperationEndTime),
    InstalledCount: state.InstalledCount ?? 0,
    MissingCount: state.MissingCount ?? 0,
    FailedCount: state.FailedCount ?? 0,
    CriticalNonCompliantCount: state.CriticalNonCompliantCount,
    SecurityNonCompliantCount: state.SecurityNonCompliantCount,
  });
}

/** The values a filter names (DescribeInstanceInformation's Filters or InstanceInformationFilterList). */
function filterValues(input: JsonObject, key: string): string[] | undefined {
  const filters = [...(Array.isArray(input.Filters) ? input.Filters : []), ...(Array.isArray(input.InstanceInformationFilterList) ? input.InstanceInformationFilterList : [])].filter(isObject);
  const named = filters.filter((f) => f.Key === key || f.key === key);
  if (named.length === 0) return undefined;
  return named.flatMap((f) => {
    const values = f.Values ?? f.valueSet;
    return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
  });
}

export class SsmState {
  /** By account and region, then instance id. */
  private readonly instances = new Map<string, Map<string, ManagedInstanceSeed>>();

  clear(): void {
    this.instances.clear();
  }

  register(accountId: string, region: string, seeds: readonly ManagedInstanceSeed[]): void {
    const key = `${accountId}/${region}`;
    const known = this.instances.get(key) ?? new Map<string, ManagedInstanceSeed>();
    for (const seed of seeds) {
      if (typeof seed.InstanceId !== 'string' || !/^(i|mi)-[0-9a-f]+$/.test(seed.InstanceId)) throw invalidInput(`an instance to register needs an InstanceId such as i-0123456789abcdef0, not ${String(seed.InstanceId)}`);
      known.set(seed.InstanceId, seed);
    }
    this.instances.set(key, known);
  }

  /** Answers DescribeInstanceInformation and DescribeInstancePatchStates; undefined for any other target (moto's). */
  serve(accountId: string, region: string, target: string, input: JsonObject): JsonObject | undefined {
    const known = [...(this.instances.get(`${accountId}/${region}`)?.values() ?? [])];
    if (target === 'AmazonSSM.DescribeInstanceInformation') {
      const types = filterValues(input, 'ResourceType');
      const ids = filterValues(input, 'InstanceIds');
      const chosen = known.filter((seed) => (!types || types.includes('EC2Instance')) && (!ids || ids.includes(seed.InstanceId)));
      // The real API pages 5 to 50 at a time (default 50).
      const max = optionalInteger(input, 'MaxResults', 5, 50) ?? 50;
      const page = pageOf(chosen.map(information), pageRequest({ ...input, MaxResults: max }));
      return { InstanceInformationList: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    }
    if (target === 'AmazonSSM.DescribeInstancePatchStates') {
      const ids = Array.isArray(input.InstanceIds) ? input.InstanceIds.filter((id): id is string => typeof id === 'string') : [];
      if (ids.length === 0 || ids.length > 50) throw new ApiError('ValidationException', 'InstanceIds must name 1 to 50 instances');
      const states = known.filter((seed) => ids.includes(seed.InstanceId)).flatMap((seed) => patchState(seed) ?? []);
      const page = pageOf(states, pageRequest(input, 50));
      return { InstancePatchStates: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    }
    return undefined;
  }
}
