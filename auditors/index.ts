/** The one explicit list of auditors. Add a new auditor here; nothing is discovered by scanning directories. */
import type { Auditor } from '../src/core/registry.js';
import { accessAnalyzerAuditor } from './accessanalyzer/index.js';
import { amiAuditor } from './ami/index.js';
import { backupAuditor } from './backup/index.js';
import { cloudformationAuditor } from './cloudformation/index.js';
import { appstreamAuditor } from './appstream/index.js';
import { cloudtrailAuditor } from './cloudtrail/index.js';
import { docdbAuditor } from './docdb/index.js';
import { codebuildAuditor } from './codebuild/index.js';
import { cognitoAuditor } from './cognito/index.js';
import { ebsAuditor } from './ebs/index.js';
import { ec2Auditor } from './ec2/index.js';
import { ecrAuditor } from './ecr/index.js';
import { ecsAuditor } from './ecs/index.js';
import { eksAuditor } from './eks/index.js';
import { elasticacheAuditor } from './elasticache/index.js';
import { elbv2Auditor } from './elbv2/index.js';
import { guardDutyAuditor } from './guardduty/index.js';
import { iamAuditor } from './iam/index.js';
import { kinesisAuditor } from './kinesis/index.js';
import { mskAuditor } from './msk/index.js';
import { neptuneAuditor } from './neptune/index.js';
import { opensearchAuditor } from './opensearch/index.js';
import { rdsAuditor } from './rds/index.js';
import { redshiftAuditor } from './redshift/index.js';
import { s3Auditor } from './s3/index.js';
import { secretsmanagerAuditor } from './secretsmanager/index.js';
import { sagemakerAuditor } from './sagemaker/index.js';
import { shieldAuditor } from './shield/index.js';
import { securityHubAuditor } from './securityhub/index.js';
import { sqsAuditor } from './sqs/index.js';
import { ssmAuditor } from './ssm/index.js';
import { vpcAuditor } from './vpc/index.js';
import { workspacesAuditor } from './workspaces/index.js';

export const AUDITORS: readonly Auditor[] = [
  ec2Auditor,
  ebsAuditor,
  amiAuditor,
  vpcAuditor,
  s3Auditor,
  iamAuditor,
  cloudtrailAuditor,
  rdsAuditor,
  redshiftAuditor,
  sqsAuditor,
  opensearchAuditor,
  ssmAuditor,
  ecsAuditor,
  kinesisAuditor,
  secretsmanagerAuditor,
  docdbAuditor,
  neptuneAuditor,
  mskAuditor,
  ecrAuditor,
  eksAuditor,
  elasticacheAuditor,
  elbv2Auditor,
  cognitoAuditor,
  sagemakerAuditor,
  cloudformationAuditor,
  codebuildAuditor,
  backupAuditor,
  workspacesAuditor,
  appstreamAuditor,
  shieldAuditor,
  guardDutyAuditor,
  accessAnalyzerAuditor,
  securityHubAuditor,
];
