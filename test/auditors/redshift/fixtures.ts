/** Hand-built Redshift inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched, type Fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { redshiftCollector, type RedshiftClusterItem, type RedshiftInventory, type RedshiftLogging } from '../../../auditors/redshift/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-4333-8444-555555555555';

export const failed = <T>(error = 'AccessDenied: not authorized'): Fetched<T> => ({ ok: false, error });

export const S3_LOGGING: RedshiftLogging = { enabled: true, destination: 's3', bucketName: 'audit-logs', s3KeyPrefix: 'redshift/', logExports: [] };

/** A compliant cluster unless overridden; an override of `undefined` models a field the service did not report. */
export function cluster(identifier: string, overrides: Partial<Omit<RedshiftClusterItem, 'ref' | 'identifier'>> = {}): RedshiftClusterItem {
  return {
    ref: { type: 'AwsRedshiftCluster', arn: `arn:aws:redshift:${REGION}:${ACCOUNT}:cluster:${identifier}`, id: identifier, region: REGION, partition: 'aws', tags: {} },
    identifier,
    status: 'available',
    publiclyAccessible: false,
    encrypted: true,
    kmsKeyId: KMS_KEY,
    enhancedVpcRouting: true,
    vpcId: 'vpc-0a1b2c3d',
    endpoint: { address: `${identifier}.abc123.${REGION}.redshift.amazonaws.com`, port: 5439 },
    logging: fetched(S3_LOGGING),
    ...overrides,
  };
}

export const inventory = (...clusters: RedshiftClusterItem[]): RedshiftInventory => ({ clusters });

/** A plan task running the given checks with their default parameters (or the overrides). */
export function task(checks: readonly AnyCheck[], params: Record<string, unknown> = {}): PlanTask {
  return {
    accountId: ACCOUNT,
    region: REGION,
    collector: redshiftCollector,
    checks: checks.map((check) => ({ check, params: check.parameters ? check.parameters.parse(params[check.meta.id] ?? {}) : {}, severity: check.meta.severity })),
  };
}
