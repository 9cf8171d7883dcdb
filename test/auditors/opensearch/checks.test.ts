import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { TLSSecurityPolicy } from '@aws-sdk/client-opensearch';
import { MissingInputError, type Check, type Verdict } from '../../../src/core/check.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { vpcAccess, type OpenSearchDomainItem, type OpenSearchInventory } from '../../../auditors/opensearch/collect.js';
import { chunk } from '../../../auditors/opensearch/fetch.js';
import { opensearchAuditor } from '../../../auditors/opensearch/index.js';
import dedicatedMaster from '../../../auditors/opensearch/checks/opensearch-domain-dedicated-master-enabled.js';
import encryptedAtRest from '../../../auditors/opensearch/checks/opensearch-domain-encrypted-at-rest.js';
import authentication from '../../../auditors/opensearch/checks/opensearch-domain-fine-grained-access-or-cognito.js';
import httpsRequired from '../../../auditors/opensearch/checks/opensearch-domain-https-required.js';
import logging from '../../../auditors/opensearch/checks/opensearch-domain-logging-enabled.js';
import nodeToNode from '../../../auditors/opensearch/checks/opensearch-domain-node-to-node-encryption.js';
import policyNotPublic from '../../../auditors/opensearch/checks/opensearch-domain-policy-not-public.js';
import software from '../../../auditors/opensearch/checks/opensearch-domain-software-up-to-date.js';
import tls, { minimumTlsVersion } from '../../../auditors/opensearch/checks/opensearch-domain-tls-1-2-or-newer.js';
import { KMS_KEY, compliantStatus, domain, domainArn, inventory, policyOf, publicDomain, task } from './fixtures.js';

function evaluate<Params>(check: Check<OpenSearchInventory, OpenSearchDomainItem, Params>, item: OpenSearchDomainItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

const evidenceOf = (verdict: Verdict): Record<string, unknown> | undefined => (verdict.status === 'NOT_APPLICABLE' ? undefined : verdict.evidence);

describe('opensearch-domain-encrypted-at-rest', () => {
  it('fails a domain without encryption at rest', () => {
    const verdict = evaluate(encryptedAtRest, domain('d', { EncryptionAtRestOptions: { Enabled: false } }));
    assert.deepEqual([verdict.status, evidenceOf(verdict)], ['FAILED', { EncryptionAtRestOptions: { Enabled: false } }]);
  });

  it('passes an encrypted domain and names the key', () => {
    const verdict = evaluate(encryptedAtRest, domain('d'));
    assert.deepEqual([verdict.status, evidenceOf(verdict)], ['PASSED', { kmsKeyId: KMS_KEY }]);
  });

  it('unreported encryption options are an error, never a pass', () => {
    assert.throws(() => evaluate(encryptedAtRest, domain('d', { EncryptionAtRestOptions: undefined })), MissingInputError);
    assert.throws(() => evaluate(encryptedAtRest, domain('d', { EncryptionAtRestOptions: {} })), /did not report EncryptionAtRestOptions.Enabled/);
  });
});

describe('opensearch-domain-node-to-node-encryption', () => {
  it('fails a domain without node-to-node encryption', () => {
    assert.equal(evaluate(nodeToNode, domain('d', { NodeToNodeEncryptionOptions: { Enabled: false } })).status, 'FAILED');
  });

  it('passes a domain with node-to-node encryption', () => {
    assert.equal(evaluate(nodeToNode, domain('d')).status, 'PASSED');
  });

  it('an unreported flag is an error', () => {
    assert.throws(() => evaluate(nodeToNode, domain('d', { NodeToNodeEncryptionOptions: undefined })), MissingInputError);
  });
});

describe('opensearch-domain-https-required', () => {
  it('fails a domain that accepts plain HTTP, naming its endpoint', () => {
    const verdict = evaluate(httpsRequired, publicDomain('d', { DomainEndpointOptions: { EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } }));
    assert.deepEqual([verdict.status, evidenceOf(verdict)], ['FAILED', { EnforceHTTPS: false, endpoint: 'search-d-abc.us-east-1.es.amazonaws.com' }]);
  });

  it('passes a domain that enforces HTTPS', () => {
    assert.equal(evaluate(httpsRequired, domain('d')).status, 'PASSED');
  });

  it('unreported endpoint options are an error', () => {
    assert.throws(() => evaluate(httpsRequired, domain('d', { DomainEndpointOptions: undefined })), /did not report DomainEndpointOptions/);
  });
});

describe('opensearch-domain-tls-1-2-or-newer', () => {
  const withPolicy = (policy: string): OpenSearchDomainItem => domain('d', { DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: policy as TLSSecurityPolicy } });

  it('fails the TLS 1.0 policy', () => {
    const verdict = evaluate(tls, withPolicy('Policy-Min-TLS-1-0-2019-07'));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(evidenceOf(verdict)?.minimumTlsVersion, '1.0');
  });

  it('passes both TLS 1.2 policies by default', () => {
    assert.equal(evaluate(tls, withPolicy('Policy-Min-TLS-1-2-2019-07')).status, 'PASSED');
    assert.equal(evaluate(tls, withPolicy('Policy-Min-TLS-1-2-PFS-2023-10')).status, 'PASSED');
  });

  it('with requirePerfectForwardSecrecy only the PFS policy passes', () => {
    assert.equal(evaluate(tls, withPolicy('Policy-Min-TLS-1-2-2019-07'), { requirePerfectForwardSecrecy: true }).status, 'FAILED');
    assert.equal(evaluate(tls, withPolicy('Policy-Min-TLS-1-2-PFS-2023-10'), { requirePerfectForwardSecrecy: true }).status, 'PASSED');
  });

  it('an unrecognised policy name is an error, not a guess (edge)', () => {
    assert.throws(() => evaluate(tls, withPolicy('Policy-Custom-Strong')), /not one whose minimum TLS version is known/);
  });

  it('reads the minimum version from policy names, including future ones', () => {
    assert.equal(minimumTlsVersion('Policy-Min-TLS-1-0-2019-07'), 1.0);
    assert.equal(minimumTlsVersion('Policy-Min-TLS-1-2-PFS-2023-10'), 1.2);
    assert.equal(minimumTlsVersion('Policy-Min-TLS-1-3-2030-01'), 1.3);
    assert.equal(minimumTlsVersion('Policy-Min-TLS-12'), undefined);
  });
});

describe('opensearch-domain-software-up-to-date', () => {
  it('fails a domain with a service software update available', () => {
    // prepare
    const item = domain('d', {
      ServiceSoftwareOptions: { CurrentVersion: 'R20230928', NewVersion: 'R20240502', UpdateAvailable: true, UpdateStatus: 'PENDING_UPDATE', OptionalDeployment: false, AutomatedUpdateDate: new Date('2024-06-01T00:00:00Z') },
    });

    // act
    const verdict = evaluate(software, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /R20230928 → R20240502/);
    assert.equal(evidenceOf(verdict)?.automatedUpdateDate, '2024-06-01T00:00:00.000Z');
  });

  it('passes a domain on the latest service software', () => {
    const verdict = evaluate(software, domain('d'));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(evidenceOf(verdict)?.automatedUpdateDate, null);
  });

  it('unreported service software options (as moto omits them) are an error', () => {
    assert.throws(() => evaluate(software, domain('d', { ServiceSoftwareOptions: undefined })), /did not report ServiceSoftwareOptions/);
  });
});

describe('opensearch-domain-dedicated-master-enabled', () => {
  const cluster = compliantStatus('d').ClusterConfig;

  it('fails a domain without dedicated masters', () => {
    const verdict = evaluate(dedicatedMaster, domain('d', { ClusterConfig: { ...cluster, DedicatedMasterEnabled: false, DedicatedMasterCount: undefined } }));
    assert.deepEqual([verdict.status, evidenceOf(verdict)], ['FAILED', { DedicatedMasterEnabled: false, minimumCount: 3 }]);
  });

  it('passes three dedicated masters', () => {
    assert.equal(evaluate(dedicatedMaster, domain('d')).status, 'PASSED');
  });

  it('fails a single dedicated master by default, passes it with minimumCount 1 (edge)', () => {
    const single = domain('d', { ClusterConfig: { ...cluster, DedicatedMasterCount: 1 } });
    assert.equal(evaluate(dedicatedMaster, single).status, 'FAILED');
    assert.equal(evaluate(dedicatedMaster, single, { minimumCount: 1 }).status, 'PASSED');
  });

  it('an unreported flag or count is an error', () => {
    assert.throws(() => evaluate(dedicatedMaster, domain('d', { ClusterConfig: { ...cluster, DedicatedMasterEnabled: undefined } })), MissingInputError);
    assert.throws(() => evaluate(dedicatedMaster, domain('d', { ClusterConfig: { ...cluster, DedicatedMasterCount: undefined } })), MissingInputError);
  });
});

describe('opensearch-domain-fine-grained-access-or-cognito', () => {
  it('fails a domain with neither fine-grained access control nor Cognito', () => {
    const verdict = evaluate(authentication, domain('d', { AdvancedSecurityOptions: { Enabled: false }, CognitoOptions: { Enabled: false } }));
    assert.equal(verdict.status, 'FAILED');
    assert.equal(evidenceOf(verdict)?.fineGrainedAccessControl, false);
  });

  it('passes fine-grained access control, and Cognito alone', () => {
    assert.equal(evaluate(authentication, domain('d')).status, 'PASSED');
    const cognito = evaluate(authentication, domain('d', { AdvancedSecurityOptions: { Enabled: false }, CognitoOptions: { Enabled: true, UserPoolId: 'us-east-1_abc' } }));
    assert.deepEqual([cognito.status, cognito.summary], ['PASSED', 'Amazon Cognito authenticates OpenSearch Dashboards users']);
  });

  it('fails fine-grained access control with anonymous authentication on, even with Cognito', () => {
    const verdict = evaluate(authentication, domain('d', { AdvancedSecurityOptions: { Enabled: true, AnonymousAuthEnabled: true }, CognitoOptions: { Enabled: true } }));
    assert.equal(verdict.status, 'FAILED');
    assert.match(verdict.summary ?? '', /anonymous authentication on/);
  });

  it('an unreported anonymous flag is shown as null, not read as anonymous access (edge)', () => {
    const verdict = evaluate(authentication, domain('d', { AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: true } }));
    assert.equal(verdict.status, 'PASSED');
    assert.equal(evidenceOf(verdict)?.anonymousAuthEnabled, null);
  });

  it('neither block reported is an error', () => {
    assert.throws(() => evaluate(authentication, domain('d', { AdvancedSecurityOptions: undefined, CognitoOptions: undefined })), MissingInputError);
  });
});

describe('opensearch-domain-policy-not-public', () => {
  const open = (name: string, condition?: Record<string, unknown>): string =>
    policyOf({ Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${domainArn(name)}/*`, ...(condition ? { Condition: condition } : {}) });

  it('fails an IP allow-list with a range wider than /8 on a public endpoint', () => {
    // prepare
    const item = publicDomain('d', { AccessPolicies: open('d', { IpAddress: { 'aws:SourceIp': ['52.94.76.0/22', '52.0.0.0/6'] } }), AdvancedSecurityOptions: { Enabled: false } });

    // act
    const verdict = evaluate(policyNotPublic, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    const evidence = evidenceOf(verdict);
    assert.equal(evidence?.endpoint, 'search-d-abc.us-east-1.es.amazonaws.com');
    assert.equal(evidence?.vpcAccess, false);
    const statements = evidence?.statements as Array<Record<string, unknown>>;
    assert.deepEqual(statements.map((s) => s.sid), ['Open']);
    assert.match(String(statements[0]?.reason), /52\.0\.0\.0\/6 \(\/6\) is wider than \/8/);
  });

  it('passes a private-range allow-list and a policy that names a role', () => {
    assert.equal(evaluate(policyNotPublic, publicDomain('d', { AccessPolicies: open('d', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }) })).status, 'PASSED');
    assert.equal(evaluate(policyNotPublic, publicDomain('d')).status, 'PASSED');
  });

  it('an office /22 allow-list passes under AWS\'s reading (default) and fails under sourceIp: private-only, naming the reading', () => {
    // prepare
    const item = publicDomain('d', { AccessPolicies: open('d', { IpAddress: { 'aws:SourceIp': ['52.94.76.0/22', '10.0.0.0/8'] } }) });

    // act
    const aws = evaluate(policyNotPublic, item);
    const hammer = evaluate(policyNotPublic, item, { sourceIp: 'private-only' });

    // assert
    assert.deepEqual([aws.status, evidenceOf(aws)], ['PASSED', { sourceIpReading: 'aws' }]);
    assert.equal(hammer.status, 'FAILED');
    assert.equal(evidenceOf(hammer)?.sourceIpReading, 'private-only');
    const statements = evidenceOf(hammer)?.statements as Array<Record<string, unknown>>;
    assert.match(String(statements[0]?.reason), /52\.94\.76\.0\/22 is a public range/);
  });

  it('passes a domain without an access policy', () => {
    assert.deepEqual(evaluate(policyNotPublic, publicDomain('d', { AccessPolicies: '' })), { status: 'PASSED', summary: 'the domain has no access policy', evidence: undefined });
  });

  it('an open policy on a domain with VPC access passes with the statements shown, unless creditVpc is off (edge)', () => {
    // prepare
    const item = domain('d', { AccessPolicies: open('d') });

    // act
    const credited = evaluate(policyNotPublic, item);
    const strict = evaluate(policyNotPublic, item, { creditVpc: false });

    // assert
    assert.equal(credited.status, 'PASSED');
    assert.equal(evidenceOf(credited)?.restrictedBy, 'VPC access');
    assert.deepEqual(evidenceOf(credited)?.securityGroupIds, ['sg-0search']);
    assert.equal(strict.status, 'FAILED');
  });

  it('credits fine-grained access control on a public endpoint only when told to, and never with anonymous access', () => {
    const fgac = publicDomain('d', { AccessPolicies: open('d') });
    assert.equal(evaluate(policyNotPublic, fgac).status, 'FAILED');
    assert.equal(evaluate(policyNotPublic, fgac, { creditFineGrainedAccessControl: true }).status, 'PASSED');
    const anonymous = publicDomain('d', { AccessPolicies: open('d'), AdvancedSecurityOptions: { Enabled: true, AnonymousAuthEnabled: true } });
    assert.equal(evaluate(policyNotPublic, anonymous, { creditFineGrainedAccessControl: true }).status, 'FAILED');
  });

  it('an unreported or malformed policy is an error, never a pass', () => {
    assert.throws(() => evaluate(policyNotPublic, publicDomain('d', { AccessPolicies: undefined })), MissingInputError);
    assert.throws(() => evaluate(policyNotPublic, publicDomain('d', { AccessPolicies: '{"Statement":' })), /not valid JSON/);
  });
});

describe('opensearch-domain-logging-enabled', () => {
  it('fails a domain that publishes no logs, naming what is missing', () => {
    const verdict = evaluate(logging, domain('d', { LogPublishingOptions: undefined }));
    assert.equal(verdict.status, 'FAILED');
    assert.deepEqual(evidenceOf(verdict)?.missing, ['ES_APPLICATION_LOGS', 'AUDIT_LOGS']);
  });

  it('passes a domain that publishes error and audit logs', () => {
    const verdict = evaluate(logging, domain('d'));
    assert.equal(verdict.status, 'PASSED');
    assert.equal((evidenceOf(verdict)?.published as unknown[]).length, 2);
  });

  it('slow logs alone, or a disabled audit log, do not pass; the log types are configurable (edge)', () => {
    // prepare
    const slowOnly = domain('d', { LogPublishingOptions: { SEARCH_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:slow' } } });
    const auditOff = domain('d', {
      LogPublishingOptions: { ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:e' }, AUDIT_LOGS: { Enabled: false } },
    });

    // act and assert
    assert.equal(evaluate(logging, slowOnly).status, 'FAILED');
    assert.deepEqual(evidenceOf(evaluate(logging, auditOff))?.missing, ['AUDIT_LOGS']);
    assert.equal(evaluate(logging, auditOff, { requiredLogTypes: ['ES_APPLICATION_LOGS'] }).status, 'PASSED');
    assert.throws(() => logging.parameters?.parse({ requiredLogTypes: [] }));
    assert.throws(() => logging.parameters?.parse({ requiredLogTypes: ['APPLICATION_LOGS'] }));
  });
});

describe('opensearch model', () => {
  it('recognises VPC access by its subnets or VPC id', () => {
    assert.equal(vpcAccess(compliantStatus('d'))?.vpcId, 'vpc-0a1b2c3d');
    assert.deepEqual(vpcAccess({ ...compliantStatus('d'), VPCOptions: { SubnetIds: ['subnet-1'] } }), { vpcId: null, subnetIds: ['subnet-1'], securityGroupIds: [] });
    assert.equal(vpcAccess({ ...compliantStatus('d'), VPCOptions: {} }), undefined);
    assert.equal(vpcAccess({ ...compliantStatus('d'), VPCOptions: undefined }), undefined);
  });

  it('splits names into DescribeDomains batches of five', () => {
    assert.deepEqual(chunk([1, 2, 3, 4, 5, 6, 7], 5), [[1, 2, 3, 4, 5], [6, 7]]);
    assert.deepEqual(chunk([], 5), []);
  });
});

describe('opensearch auditor', () => {
  it('a compliant domain passes every check; a missing software answer errors only its own check', () => {
    const { results } = evaluateChecks(task(opensearchAuditor.checks), inventory(domain('good'), domain('quiet', { ServiceSoftwareOptions: undefined })));
    assert.deepEqual(results.filter((r) => r.status !== 'PASSED').map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), ['ERROR opensearch-domain-software-up-to-date quiet']);
    assert.equal(results.length, 2 * opensearchAuditor.checks.length);
  });
});
