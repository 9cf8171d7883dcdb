import type { Auditor } from '../../src/core/registry.js';
import { codeBuildCollector } from './collect.js';
import artifactsEncrypted from './checks/codebuild-project-artifacts-encrypted.js';
import cloudWatchLogging from './checks/codebuild-project-cloudwatch-logging-enabled.js';
import noPlaintextSecrets from './checks/codebuild-project-no-plaintext-secrets.js';
import s3LogsEncrypted from './checks/codebuild-project-s3-logs-encrypted.js';
import sourceSslVerified from './checks/codebuild-project-source-ssl-verified.js';

export const codebuildAuditor: Auditor = {
  service: 'codebuild',
  collector: codeBuildCollector,
  checks: [noPlaintextSecrets, sourceSslVerified, artifactsEncrypted, s3LogsEncrypted, cloudWatchLogging],
};
