/** The OpenSearch fix's AWS calls (loaded when the fix runs, like the collector's fetch.ts). */
import { DescribeDomainCommand, OpenSearchClient, UpdateDomainConfigCommand } from '@aws-sdk/client-opensearch';
import { describeAwsError } from '../../../src/aws/errors.js';
import { ResourceGoneError, type PlannedCall, type RemediationContext } from '../../../src/core/remediation.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { GONE_CODES } from '../fetch.js';
import type { DomainPolicySnapshot } from './opensearch-remove-public-policy-statements.js';

const gone = (name: string, cause?: unknown): ResourceGoneError => new ResourceGoneError(`domain ${name} no longer exists`, cause === undefined ? undefined : { cause });

export async function readDomainPolicy(ctx: RemediationContext, resource: ResourceRef): Promise<DomainPolicySnapshot> {
  const DomainName = resource.id;
  try {
    const { DomainStatus } = await ctx.clients.get(OpenSearchClient).send(new DescribeDomainCommand({ DomainName }));
    // A domain being deleted is gone for the scan too (fetch.ts).
    if (!DomainStatus || DomainStatus.Deleted === true) throw gone(DomainName);
    return { DomainName, ARN: DomainStatus.ARN ?? resource.arn, AccessPolicies: DomainStatus.AccessPolicies ?? '' };
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) throw gone(DomainName, error);
    throw error;
  }
}

/** Sets the access policy (idempotent: the same text set twice is the same domain). */
export async function performDomainCall(ctx: RemediationContext, call: PlannedCall): Promise<void> {
  if (call.action !== 'es:UpdateDomainConfig') throw new Error(`the OpenSearch fix does not make ${call.action}`);
  const DomainName = String(call.input.DomainName);
  try {
    await ctx.clients.get(OpenSearchClient).send(new UpdateDomainConfigCommand({ DomainName, AccessPolicies: String(call.input.AccessPolicies) }));
  } catch (error) {
    if (GONE_CODES.includes(describeAwsError(error).code)) throw gone(DomainName, error);
    throw error;
  }
}
