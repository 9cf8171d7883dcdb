import { defineCheck } from '../../../src/core/check.js';
import { workspacesCollector, type WorkSpacesInventory, type WorkspaceItem } from '../collect.js';
import { judgeVolume } from '../encryption.js';

export default defineCheck<WorkSpacesInventory, WorkspaceItem>({
  meta: {
    id: 'workspaces-workspace-root-volume-encrypted',
    service: 'workspaces',
    title: 'WorkSpaces root volumes are encrypted at rest',
    description:
      'Flags a WorkSpace whose root volume (C: on Windows, / on Linux) is not encrypted with a KMS key. WorkSpaces omits RootVolumeEncryptionEnabled for an unencrypted volume: a WorkSpace reporting neither the flag nor a VolumeEncryptionKey is unencrypted, one with a key but no flag is an ERROR. WorkSpaces being terminated are not judged.',
    severity: 'MEDIUM',
    resourceType: 'AwsWorkSpacesWorkspace',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Encryption can only be chosen when a WorkSpace is launched: back up the user\'s data, launch a new WorkSpace for the user with root volume encryption on (the aws/workspaces key or a customer managed KMS key), move the data and terminate the old one.',
      url: 'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html',
    },
    compliance: { fsbp: ['WorkSpaces.2'], nist: ['SC-13', 'SC-28'] },
  },
  collector: workspacesCollector,
  select: (inventory) => inventory.workspaces,
  evaluate: (workspace) => judgeVolume(workspace, 'root'),
});
