import type { Auditor } from '../../src/core/registry.js';
import { ec2NetworkCollector } from './collect.js';
import defaultSecurityGroup from './checks/ec2-default-security-group-restricts-all-traffic.js';
import publicRestrictedPorts from './checks/ec2-security-group-no-public-restricted-ports.js';
import authorizedPortsOnly from './checks/ec2-security-group-open-only-to-authorized-ports.js';
import revokePublicRanges from './remediations/ec2-revoke-public-restricted-port-ranges.js';

export const ec2Auditor: Auditor = {
  service: 'ec2',
  collector: ec2NetworkCollector,
  checks: [publicRestrictedPorts, defaultSecurityGroup, authorizedPortsOnly],
  remediations: [revokePublicRanges],
};
