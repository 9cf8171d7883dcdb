import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { ENDING_STATES, workspacesCollector, type WorkSpacesInventory, type WorkspaceItem } from '../collect.js';

export default defineCheck<WorkSpacesInventory, WorkspaceItem>({
  meta: {
    id: 'workspaces-workspace-running-mode-auto-stop',
    service: 'workspaces',
    title: 'WorkSpaces stop when not in use (AutoStop running mode)',
    description:
      'Flags a WorkSpace whose running mode is not AUTO_STOP (ALWAYS_ON, or MANUAL): it keeps running, reachable and billed by the hour or month, while nobody uses it. An AutoStop WorkSpace stops after its idle timeout and starts again when the user connects. WorkSpaces being terminated are not judged.',
    severity: 'LOW',
    resourceType: 'AwsWorkSpacesWorkspace',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Switch the WorkSpace to the AutoStop running mode (ModifyWorkspaceProperties, RunningMode AUTO_STOP, with an idle timeout in 60-minute steps). Keep AlwaysOn only where a documented need, such as scheduled jobs on the WorkSpace, requires it, and exempt that WorkSpace with the reason.',
      url: 'https://docs.aws.amazon.com/workspaces/latest/adminguide/running-mode.html',
    },
    compliance: { nist: ['AC-11', 'CM-7'] },
  },
  collector: workspacesCollector,
  select: (inventory) => inventory.workspaces,
  evaluate(workspace) {
    if (workspace.state && ENDING_STATES.includes(workspace.state)) return notApplicable(`the WorkSpace is ${workspace.state}`);
    const mode = reported(workspace.runningMode, 'WorkspaceProperties.RunningMode', workspace.workspaceId);
    if (mode === 'AUTO_STOP') return pass('the WorkSpace stops when idle (AUTO_STOP)', { RunningMode: mode });
    return fail(`WorkSpace ${workspace.workspaceId}${workspace.userName ? ` (${workspace.userName})` : ''} runs in ${mode} mode, not AUTO_STOP`, { RunningMode: mode });
  },
});
