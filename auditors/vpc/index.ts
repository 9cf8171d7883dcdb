import type { Auditor } from '../../src/core/registry.js';
import { vpcCollector } from './collect.js';
import defaultVpcNotInUse from './checks/vpc-default-vpc-not-in-use.js';
import flowLogsEnabled from './checks/vpc-flow-logs-enabled.js';
import networkAclAdminPorts from './checks/vpc-network-acl-no-unrestricted-admin-ports.js';

export const vpcAuditor: Auditor = {
  service: 'vpc',
  collector: vpcCollector,
  checks: [defaultVpcNotInUse, flowLogsEnabled, networkAclAdminPorts],
};
