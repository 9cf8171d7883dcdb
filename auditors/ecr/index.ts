import type { Auditor } from '../../src/core/registry.js';
import { ecrCollector } from './collect.js';
import imageScanning from './checks/ecr-repository-image-scanning-configured.js';
import lifecyclePolicy from './checks/ecr-repository-lifecycle-policy-configured.js';
import policyNotPublic from './checks/ecr-repository-policy-not-public.js';
import tagImmutability from './checks/ecr-repository-tag-immutability-enabled.js';

export const ecrAuditor: Auditor = {
  service: 'ecr',
  collector: ecrCollector,
  checks: [policyNotPublic, imageScanning, tagImmutability, lifecyclePolicy],
};
