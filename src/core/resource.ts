/** How a checked resource is named in findings and records. */
import type { JsonValue } from './check.js';

export interface ResourceRef {
  /** ASFF resource type, e.g. AwsS3Bucket. */
  type: string;
  /** The resource ARN (or the ASFF account id form for AwsAccount). */
  arn: string;
  /** A short human id (bucket name, sg id). */
  id: string;
  region: string;
  partition: string;
  tags: Record<string, string>;
  /** Set when the tags could not be read: `tags` is then empty, and nothing may be decided by a tag (a fix refuses to guess an exemption). */
  tagsError?: string;
  /** ASFF Resources[].Details, keyed by the detail type name (e.g. AwsEc2SecurityGroup). */
  details?: Record<string, JsonValue>;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

export function tagsToRecord(tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  }
  return out;
}

/** The account itself as a resource, for account-level checks and collection errors. */
export function accountRef(accountId: string, region: string): ResourceRef {
  return {
    type: 'AwsAccount',
    arn: `AWS::::Account:${accountId}`,
    id: accountId,
    region,
    partition: partitionOf(region),
    tags: {},
  };
}
