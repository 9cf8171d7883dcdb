import type { Auditor } from '../../src/core/registry.js';
import { workspacesCollector } from './collect.js';
import userVolumeEncrypted from './checks/workspaces-workspace-user-volume-encrypted.js';
import rootVolumeEncrypted from './checks/workspaces-workspace-root-volume-encrypted.js';
import runningModeAutoStop from './checks/workspaces-workspace-running-mode-auto-stop.js';
import noDefaultInternetAccess from './checks/workspaces-directory-no-default-internet-access.js';

export const workspacesAuditor: Auditor = {
  service: 'workspaces',
  collector: workspacesCollector,
  checks: [userVolumeEncrypted, rootVolumeEncrypted, noDefaultInternetAccess, runningModeAutoStop],
};
