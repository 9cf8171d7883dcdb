/** The one explicit list of auditors. Add a new auditor here; nothing is discovered by scanning directories. */
import type { Auditor } from '../src/core/registry.js';
import { accessAnalyzerAuditor } from './accessanalyzer/index.js';
import { amiAuditor } from './ami/index.js';
import { cloudtrailAuditor } from './cloudtrail/index.js';
import { ebsAuditor } from './ebs/index.js';
import { ec2Auditor } from './ec2/index.js';
import { ecsAuditor } from './ecs/index.js';
import { guardDutyAuditor } from './guardduty/index.js';
import { iamAuditor } from './iam/index.js';
import { opensearchAuditor } from './opensearch/index.js';
import { rdsAuditor } from './rds/index.js';
import { redshiftAuditor } from './redshift/index.js';
import { s3Auditor } from './s3/index.js';
import { securityHubAuditor } from './securityhub/index.js';
import { sqsAuditor } from './sqs/index.js';
import { ssmAuditor } from './ssm/index.js';
import { vpcAuditor } from './vpc/index.js';

export const AUDITORS: readonly Auditor[] = [ec2Auditor, ebsAuditor, amiAuditor, vpcAuditor, s3Auditor, iamAuditor, cloudtrailAuditor, rdsAuditor, redshiftAuditor, sqsAuditor, opensearchAuditor, ssmAuditor, ecsAuditor, guardDutyAuditor, accessAnalyzerAuditor, securityHubAuditor];
