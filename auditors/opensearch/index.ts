import type { Auditor } from '../../src/core/registry.js';
import { openSearchCollector } from './collect.js';
import dedicatedMaster from './checks/opensearch-domain-dedicated-master-enabled.js';
import encryptedAtRest from './checks/opensearch-domain-encrypted-at-rest.js';
import userAuthentication from './checks/opensearch-domain-fine-grained-access-or-cognito.js';
import httpsRequired from './checks/opensearch-domain-https-required.js';
import loggingEnabled from './checks/opensearch-domain-logging-enabled.js';
import nodeToNode from './checks/opensearch-domain-node-to-node-encryption.js';
import policyNotPublic from './checks/opensearch-domain-policy-not-public.js';
import softwareUpToDate from './checks/opensearch-domain-software-up-to-date.js';
import tls12 from './checks/opensearch-domain-tls-1-2-or-newer.js';
import removePublicPolicyStatements from './remediations/opensearch-remove-public-policy-statements.js';

export const opensearchAuditor: Auditor = {
  service: 'opensearch',
  collector: openSearchCollector,
  checks: [policyNotPublic, encryptedAtRest, nodeToNode, httpsRequired, tls12, userAuthentication, loggingEnabled, dedicatedMaster, softwareUpToDate],
  remediations: [removePublicPolicyStatements],
};
