import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateDomainCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedOpenSearch } from '../../../src/emulator/seeds/opensearch.js';
import { openSearchCollector } from '../../../auditors/opensearch/collect.js';
import { opensearchAuditor } from '../../../auditors/opensearch/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const CHECK_ORDER = [
  'opensearch-domain-policy-not-public',
  'opensearch-domain-encrypted-at-rest',
  'opensearch-domain-node-to-node-encryption',
  'opensearch-domain-https-required',
  'opensearch-domain-tls-1-2-or-newer',
  'opensearch-domain-fine-grained-access-or-cognito',
  'opensearch-domain-logging-enabled',
  'opensearch-domain-dedicated-master-enabled',
  'opensearch-domain-software-up-to-date',
] as const;

/** moto 5 omits ServiceSoftwareOptions from DescribeDomains: that check is an ERROR against the emulator (see collect-faults.test.ts). */
const SOFTWARE = 'opensearch-domain-software-up-to-date';

async function seedLegacy(): Promise<void> {
  // An Elasticsearch-engine domain with HTTPS on the older TLS 1.2 policy and Cognito logins.
  await emulator.clients().get(OpenSearchClient).send(new CreateDomainCommand({
    DomainName: 'legacy-es',
    EngineVersion: 'Elasticsearch_7.10',
    ClusterConfig: { InstanceType: 'm5.large.search', InstanceCount: 2, DedicatedMasterEnabled: true, DedicatedMasterCount: 1, DedicatedMasterType: 'm5.large.search' },
    EncryptionAtRestOptions: { Enabled: true },
    NodeToNodeEncryptionOptions: { Enabled: true },
    DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
    CognitoOptions: { Enabled: true, UserPoolId: 'us-east-1_abc', IdentityPoolId: 'us-east-1:pool', RoleArn: `arn:aws:iam::${DEFAULT_ACCOUNT}:role/cognito-search` },
    LogPublishingOptions: { INDEX_SLOW_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${DEFAULT_ACCOUNT}:log-group:slow` } },
  }));
}

async function seedBulk(count: number): Promise<void> {
  const client = emulator.clients().get(OpenSearchClient);
  for (let i = 1; i <= count; i += 1) await client.send(new CreateDomainCommand({ DomainName: `bulk-${i}` }));
}

describe('openSearchCollector against the emulator', () => {
  it('collects every domain and the checks judge each one', async () => {
    // prepare
    await seedOpenSearch(emulator.clients());
    await seedLegacy();

    // act
    const inventory = await openSearchCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(opensearchAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                      policy  rest    n2n     https   tls     authn   logs    masters software
      'demo-search-exposed': ['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'ERRO'],
      'demo-search-private': ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'ERRO'],
      'legacy-es':           ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'FAIL', 'FAIL', 'ERRO'],
    });
    const software = results.find((r) => r.checkId === SOFTWARE);
    assert.match(software?.summary ?? '', /did not report ServiceSoftwareOptions/);
  });

  it('the demo seed fails every check the emulator can show at least once, and its decoy fails none', async () => {
    // prepare
    const seed = await seedOpenSearch(emulator.clients());

    // act
    const inventory = await openSearchCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(opensearchAuditor.checks), inventory);

    // assert
    for (const check of opensearchAuditor.checks.filter((c) => c.meta.id !== SOFTWARE)) {
      assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)), `${check.meta.id} fails on the demo`);
    }
    const onDecoys = results.filter((r) => seed.compliant.includes(r.resource.id) && r.status !== 'PASSED' && r.checkId !== SOFTWARE);
    assert.deepEqual(onDecoys.map((r) => `${r.status} ${r.checkId} ${r.resource.id}`), []);
    assert.deepEqual([...new Set(results.filter((r) => r.checkId === SOFTWARE).map((r) => r.status))], ['ERROR']);
  });

  it('names each domain by ARN, with its tags and ASFF details', async () => {
    // prepare
    await seedOpenSearch(emulator.clients());

    // act
    const inventory = await openSearchCollector.collect(emulator.collectContext());

    // assert
    const exposed = inventory.domains.find((d) => d.name === 'demo-search-exposed');
    assert.equal(exposed?.ref.arn, `arn:aws:es:${REGION}:${DEFAULT_ACCOUNT}:domain/demo-search-exposed`);
    assert.deepEqual(exposed?.ref.tags, { owner: 'search-team' });
    const details = inventory.domains.find((d) => d.name === 'demo-search-private')?.ref.details?.AwsOpenSearchServiceDomain as Record<string, unknown>;
    assert.equal(details.DomainName, 'demo-search-private');
    assert.deepEqual(details.EncryptionAtRestOptions, { Enabled: true, KmsKeyId: `arn:aws:kms:${REGION}:${DEFAULT_ACCOUNT}:key/00000000-0000-4000-8000-00000000d3a1` });
    assert.deepEqual(details.DomainEndpointOptions, { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' });
    assert.deepEqual((details.LogPublishingOptions as Record<string, unknown>).AuditLogs, { Enabled: true, CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${DEFAULT_ACCOUNT}:log-group:/aws/opensearch/audit` });
    assert.deepEqual(Object.keys(details.VpcOptions as object).sort(), ['SecurityGroupIds', 'SubnetIds']);
    assert.equal('ServiceSoftwareOptions' in details, false);
  });

  it('describes domains in batches of five and reads each domain\'s tags once', async () => {
    // prepare
    await seedOpenSearch(emulator.clients());
    await seedBulk(5);
    const counter = new RequestCounter();

    // act
    const inventory = await openSearchCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.domains.length, 7);
    assert.deepEqual(counter.snapshot(), { 'OpenSearch:DescribeDomains': 2, 'OpenSearch:ListDomainNames': 1, 'OpenSearch:ListTags': 7 });
  });

  it('a region without domains is an empty inventory', async () => {
    const counter = new RequestCounter();
    assert.deepEqual(await openSearchCollector.collect(emulator.collectContext({ counter })), { domains: [] });
    assert.deepEqual(counter.snapshot(), { 'OpenSearch:ListDomainNames': 1 });
  });
});
