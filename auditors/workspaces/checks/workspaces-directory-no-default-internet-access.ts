import { defineCheck, fail, notApplicable, pass, reported } from '../../../src/core/check.js';
import { ENDING_STATES, workspacesCollector, type WorkSpacesInventory, type WorkspaceDirectoryItem } from '../collect.js';

export default defineCheck<WorkSpacesInventory, WorkspaceDirectoryItem>({
  meta: {
    id: 'workspaces-directory-no-default-internet-access',
    service: 'workspaces',
    title: 'WorkSpaces directories do not give new WorkSpaces a public IP address',
    description:
      'Flags a directory registered with WorkSpaces whose default creation properties turn on internet access (EnableInternetAccess): every WorkSpace launched in it gets a public IP address and reaches the internet directly, around the VPC\'s NAT and egress controls. A directory being deregistered is not judged.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Turn off "Enable internet access" in the directory\'s WorkSpace creation properties (ModifyWorkspaceCreationProperties, EnableInternetAccess false) and give WorkSpaces internet access through a NAT gateway in private subnets instead. Existing WorkSpaces keep their public address until rebuilt or their address is removed.',
      url: 'https://docs.aws.amazon.com/workspaces/latest/adminguide/amazon-workspaces-internet-access.html',
    },
    compliance: { nist: ['AC-4', 'SC-7'] },
  },
  collector: workspacesCollector,
  select: (inventory) => inventory.directories,
  evaluate(directory) {
    if (directory.state && ENDING_STATES.includes(directory.state)) return notApplicable(`the directory is ${directory.state}`);
    const internet = reported(directory.enableInternetAccess, 'WorkspaceCreationProperties.EnableInternetAccess', directory.directoryId);
    const evidence = { EnableInternetAccess: internet };
    if (!internet) return pass('new WorkSpaces get no public IP address', evidence);
    return fail(`directory ${directory.directoryId}${directory.directoryName ? ` (${directory.directoryName})` : ''} gives every new WorkSpace a public IP address`, evidence);
  },
});
