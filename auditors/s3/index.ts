import type { Auditor } from '../../src/core/registry.js';
import { s3Collector } from './collect.js';
import accountBlockPublicAccess from './checks/s3-account-block-public-access-enabled.js';
import bucketAclNotPublic from './checks/s3-bucket-acl-not-public.js';
import bucketBlockPublicAccess from './checks/s3-bucket-block-public-access-enabled.js';
import defaultEncryption from './checks/s3-bucket-default-encryption-kms.js';
import lifecycleConfigured from './checks/s3-bucket-lifecycle-configured.js';
import deniesInsecureTransport from './checks/s3-bucket-policy-denies-insecure-transport.js';
import policyNotPublic from './checks/s3-bucket-policy-not-public.js';
import versioningEnabled from './checks/s3-bucket-versioning-enabled.js';
import enableAccountBlockPublicAccess from './remediations/s3-enable-account-block-public-access.js';
import enableBucketBlockPublicAccess from './remediations/s3-enable-bucket-block-public-access.js';
import removePublicAclGrants from './remediations/s3-remove-public-acl-grants.js';
import removePublicPolicyStatements from './remediations/s3-remove-public-policy-statements.js';

export const s3Auditor: Auditor = {
  service: 's3',
  collector: s3Collector,
  checks: [
    bucketAclNotPublic,
    policyNotPublic,
    bucketBlockPublicAccess,
    accountBlockPublicAccess,
    defaultEncryption,
    deniesInsecureTransport,
    versioningEnabled,
    lifecycleConfigured,
  ],
  remediations: [removePublicAclGrants, removePublicPolicyStatements, enableBucketBlockPublicAccess, enableAccountBlockPublicAccess],
};
