import type { Auditor } from '../../src/core/registry.js';
import { sqsCollector } from './collect.js';
import encrypted from './checks/sqs-queue-encrypted.js';
import policyNotPublic from './checks/sqs-queue-policy-not-public.js';
import removePublicPolicyStatements from './remediations/sqs-remove-public-policy-statements.js';

export const sqsAuditor: Auditor = {
  service: 'sqs',
  collector: sqsCollector,
  checks: [policyNotPublic, encrypted],
  remediations: [removePublicPolicyStatements],
};
