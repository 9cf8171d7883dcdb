/** Hand-built WorkSpaces inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { workspacesCollector, type WorkSpacesInventory, type WorkspaceDirectoryItem, type WorkspaceItem } from '../../../auditors/workspaces/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** An available AlwaysOn WorkSpace without encryption, as WorkSpaces reports one (no encryption fields) unless overridden. */
export function workspace(id: string, fields: Partial<Omit<WorkspaceItem, 'ref' | 'workspaceId' | 'tags'>> = {}): WorkspaceItem {
  return {
    ref: { type: 'AwsWorkSpacesWorkspace', arn: `arn:aws:workspaces:${REGION}:${ACCOUNT}:workspace/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    workspaceId: id,
    directoryId: 'd-1234567890',
    userName: 'alice',
    state: 'AVAILABLE',
    runningMode: 'ALWAYS_ON',
    tags: fetched({}),
    ...fields,
  };
}

/** A registered directory that gives new WorkSpaces internet access unless overridden. */
export function directory(id: string, fields: Partial<Omit<WorkspaceDirectoryItem, 'ref' | 'directoryId' | 'tags'>> = {}): WorkspaceDirectoryItem {
  return {
    ref: { type: 'Other', arn: `arn:aws:workspaces:${REGION}:${ACCOUNT}:directory/${id}`, id, region: REGION, partition: 'aws', tags: {} },
    directoryId: id,
    directoryName: 'corp.example.com',
    state: 'REGISTERED',
    enableInternetAccess: true,
    tags: fetched({}),
    ...fields,
  };
}

export const inventory = (workspaces: WorkspaceItem[] = [], directories: WorkspaceDirectoryItem[] = []): WorkSpacesInventory => ({ workspaces, directories });

export function task(checks: readonly AnyCheck[]): PlanTask {
  return { accountId: ACCOUNT, region: REGION, collector: workspacesCollector, checks: checks.map((check) => ({ check, params: {}, severity: check.meta.severity })) };
}
