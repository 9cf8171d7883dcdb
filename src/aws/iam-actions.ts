/**
 * Maps an SDK operation (as the request counter names it, "S3:ListBuckets")
 * to the IAM action that authorises it. Most are `<prefix>:<Operation>`; the
 * exceptions are listed.
 */
const PREFIXES: Record<string, string> = {
  EC2: 'ec2', S3: 's3', S3Control: 's3', SecurityHub: 'securityhub', DynamoDB: 'dynamodb', STS: 'sts', IAM: 'iam',
  CloudTrail: 'cloudtrail', RDS: 'rds', SQS: 'sqs', Redshift: 'redshift', ECS: 'ecs', OpenSearch: 'es', SSM: 'ssm',
  KMS: 'kms', Lambda: 'lambda', EKS: 'eks', ECR: 'ecr', CloudWatchLogs: 'logs', SNS: 'sns',
  // DocumentDB and Neptune are authorised by RDS actions.
  DocDB: 'rds', Neptune: 'rds',
  Kinesis: 'kinesis', Kafka: 'kafka', SecretsManager: 'secretsmanager',
  ElastiCache: 'elasticache', ElasticLoadBalancingV2: 'elasticloadbalancing',
  SageMaker: 'sagemaker', CognitoIdentityProvider: 'cognito-idp', Backup: 'backup', CloudFormation: 'cloudformation', CodeBuild: 'codebuild',
  WorkSpaces: 'workspaces', AppStream: 'appstream', Shield: 'shield', Route53: 'route53', CloudFront: 'cloudfront',
  ElasticLoadBalancing: 'elasticloadbalancing',
  GuardDuty: 'guardduty',
  AccessAnalyzer: 'access-analyzer',
};

const EXCEPTIONS: Record<string, string> = {
  'S3:ListBuckets': 's3:ListAllMyBuckets',
  'S3:HeadBucket': 's3:ListBucket',
  'S3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  'S3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  'S3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  'S3Control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  'S3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  'S3Control:PutPublicAccessBlock': 's3:PutAccountPublicAccessBlock',
  // S3 authorises deleting a Block Public Access configuration with the action that puts it.
  'S3:DeletePublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  'S3Control:DeletePublicAccessBlock': 's3:PutAccountPublicAccessBlock',
  'S3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
  'S3:PutBucketLifecycleConfiguration': 's3:PutLifecycleConfiguration',
  'OpenSearch:ListDomainNames': 'es:ListDomainNames',
  'OpenSearch:DescribeDomains': 'es:DescribeDomains',
  'OpenSearch:DescribeDomain': 'es:DescribeDomain',
};

export function iamActionFor(counterKey: string): string {
  const exception = EXCEPTIONS[counterKey];
  if (exception) return exception;
  const [service, operation] = counterKey.split(':') as [string, string];
  const prefix = PREFIXES[service];
  if (!prefix) throw new Error(`no IAM prefix is known for the SDK service ${service}: add it to src/aws/iam-actions.ts`);
  return `${prefix}:${operation}`;
}
