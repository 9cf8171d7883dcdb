import type { Auditor } from '../../src/core/registry.js';
import { eksCollector } from './collect.js';
import endpointNotPublic from './checks/eks-cluster-endpoint-not-public.js';
import versionSupported from './checks/eks-cluster-kubernetes-version-supported.js';

export const eksAuditor: Auditor = {
  service: 'eks',
  collector: eksCollector,
  checks: [endpointNotPublic, versionSupported],
};
