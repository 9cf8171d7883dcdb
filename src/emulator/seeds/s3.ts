/** Demo seed for the S3 checks: public buckets and a fully compliant decoy. */
import {
  CreateBucketCommand, PutBucketAclCommand, PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedS3(clients: AwsClients): Promise<SeedResult> {
  const s3 = clients.get(S3Client);
  const insecure: string[] = [];
  const compliant: string[] = [];
  const bucket = async (name: string): Promise<string> => {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  };
  insecure.push(await bucket('demo-public-acl'));
  await s3.send(new PutBucketAclCommand({ Bucket: 'demo-public-acl', ACL: 'public-read' }));
  insecure.push(await bucket('demo-public-policy'));
  await s3.send(new PutBucketPolicyCommand({
    Bucket: 'demo-public-policy',
    Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-public-policy/*' }] }),
  }));
  const good = await bucket('demo-compliant');
  compliant.push(good);
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: good, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: good, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket: good, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/aws/s3' } }] } }));
  await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: good, LifecycleConfiguration: { Rules: [{ ID: 'expire-old-versions', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } }] } }));
  await s3.send(new PutBucketPolicyCommand({
    Bucket: good,
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${good}`, `arn:aws:s3:::${good}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'VpcEndpointOnly', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${good}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } },
      ],
    }),
  }));
  // The account-level Block Public Access stays off: that is a finding of its own.
  return { insecure, compliant };
}
