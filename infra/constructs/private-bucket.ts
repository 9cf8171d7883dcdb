/**
 * A private bucket: the remediation backups (a fix writes one before any change; rollback
 * reads it back) and the org fan-out's runs. Block Public Access, owner-enforced, encrypted,
 * versioned, TLS only, and objects expire after the retention period.
 */
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { denyInsecureTransport, policy } from '../policies.js';

export interface PrivateBucketProps {
  name: string;
  arn: string;
  retentionDays: number;
  /** Default: SSE-S3. */
  kmsKeyId?: string | undefined;
  /** Default true; the emulator apply leaves it out (the provider polls a new lifecycle configuration for about a minute). */
  lifecycle?: boolean;
}

export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.name });
    const bucket = this.bucket.id;
    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [{
        applyServerSideEncryptionByDefault: props.kmsKeyId ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyId } : { sseAlgorithm: 'AES256' },
        bucketKeyEnabled: props.kmsKeyId !== undefined,
      }],
    });
    new S3BucketVersioningA(this, 'versioning', { bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policy(denyInsecureTransport('s3:*', [props.arn, `${props.arn}/*`])),
      // A bucket policy put before Block Public Access is in place may be refused as public.
      dependsOn: [publicAccess],
    });
    if (props.lifecycle === false) return;
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [
        { id: 'expire-objects', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.retentionDays }], noncurrentVersionExpiration: [{ noncurrentDays: 30 }] },
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{ prefix: '' }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
      ],
    });
  }
}
