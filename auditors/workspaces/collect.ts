/**
 * WorkSpaces inventory, per account and region: every WorkSpace and every
 * registered directory, each with its tags (one DescribeTags call per
 * resource). A region where WorkSpaces is not offered has an empty inventory.
 * The pattern (types here, AWS calls in fetch.ts) is described in auditors/sqs/collect.ts.
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface WorkspaceItem {
  ref: ResourceRef;
  workspaceId: string;
  directoryId?: string;
  userName?: string;
  /** AVAILABLE, STOPPED, TERMINATING…; undefined when not reported. */
  state?: string;
  /** Left out of WorkSpaces' answer when the volume is not encrypted (see the encryption checks). */
  userVolumeEncryptionEnabled?: boolean;
  rootVolumeEncryptionEnabled?: boolean;
  volumeEncryptionKey?: string;
  /** AUTO_STOP, ALWAYS_ON or MANUAL; undefined when not reported. */
  runningMode?: string;
  tags: Fetched<Record<string, string>>;
}

export interface WorkspaceDirectoryItem {
  ref: ResourceRef;
  directoryId: string;
  directoryName?: string;
  state?: string;
  /** The directory's default for new WorkSpaces; undefined when not reported. */
  enableInternetAccess?: boolean;
  tags: Fetched<Record<string, string>>;
}

export interface WorkSpacesInventory {
  workspaces: WorkspaceItem[];
  directories: WorkspaceDirectoryItem[];
}

/** States in which a WorkSpace or directory is on its way out: nothing left to judge. */
export const ENDING_STATES: readonly string[] = ['TERMINATING', 'TERMINATED', 'DEREGISTERING', 'DEREGISTERED'];

export const workspacesCollector: Collector<WorkSpacesInventory> = {
  id: 'workspaces',
  service: 'workspaces',
  global: false,
  permissions: ['workspaces:DescribeWorkspaces', 'workspaces:DescribeWorkspaceDirectories', 'workspaces:DescribeTags'],
  async collect(ctx) {
    const { fetchWorkSpacesInventory } = await import('./fetch.js');
    return fetchWorkSpacesInventory(ctx);
  },
};
