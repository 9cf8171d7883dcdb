/**
 * The domain access policy fix, against moto where it serves the calls. moto
 * ignores UpdateDomainConfig with AccessPolicies "" (it keeps the old policy),
 * so removing a policy left with no statement runs against an in-memory
 * domain behind aws-sdk-client-mock, as does a domain being deleted.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CreateDomainCommand, DescribeDomainCommand, DescribeDomainsCommand, ListTagsCommand, OpenSearchClient, UpdateDomainConfigCommand, type DomainStatus,
} from '@aws-sdk/client-opensearch';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { iamActionFor } from '../../../src/aws/iam-actions.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { openSearchCollector } from '../../../auditors/opensearch/collect.js';
import check from '../../../auditors/opensearch/checks/opensearch-domain-policy-not-public.js';
import fix, { type DomainPolicySnapshot } from '../../../auditors/opensearch/remediations/opensearch-remove-public-policy-statements.js';
import { analysePublicAccess } from '../../../src/policy/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { planFix, recheck, roundTrip, type FixSubject, subjectsOf } from '../../helpers/remediation.js';
import { ACCOUNT, compliantStatus } from './fixtures.js';

const emulator = useEmulator();

const arn = (name: string, account = DEFAULT_ACCOUNT): string => `arn:aws:es:${REGION}:${account}:domain/${name}`;
const domainRef = (name: string, account = DEFAULT_ACCOUNT): ResourceRef => ({ type: 'AwsOpenSearchServiceDomain', arn: arn(name, account), id: name, region: REGION, partition: 'aws', tags: {} });

const APP_ROLE = `{
      "Sid": "AppRole",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${DEFAULT_ACCOUNT}:role/search-app" },
      "Action": "es:ESHttp*",
      "Resource": "${arn('search')}/*"
    }`;
const OPEN = `{"Sid":"Open","Effect":"Allow","Principal":{"AWS":"*"},"Action":"es:*","Resource":"${arn('search')}/*"}`;
const PARTNER = `{"Sid":"Partner","Effect":"Allow","Principal":"*","Action":"es:ESHttpGet","Resource":"${arn('search')}/*","Condition":{"IpAddress":{"aws:SourceIp":"8.8.8.0/24"}}}`;
const policyText = (...statements: string[]): string => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${statements.join(',\n    ')}\n  ]\n}`;

async function domain(name: string, AccessPolicies?: string): Promise<ResourceRef> {
  await emulator.clients().get(OpenSearchClient).send(new CreateDomainCommand({
    DomainName: name,
    EngineVersion: 'OpenSearch_2.11',
    ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 2 },
    EncryptionAtRestOptions: { Enabled: true },
    DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
    ...(AccessPolicies ? { AccessPolicies } : {}),
  }));
  return domainRef(name);
}

/** The domain settings the fix must leave alone. */
async function otherSettings(name: string): Promise<Partial<DomainStatus>> {
  const { DomainStatus: status } = await emulator.clients().get(OpenSearchClient).send(new DescribeDomainCommand({ DomainName: name }));
  const { AccessPolicies: _policy, ...rest } = status ?? ({} as DomainStatus);
  return rest;
}

const subject = subjectsOf(() => emulator.collectContext(), openSearchCollector, check, fix);

describe('opensearch-remove-public-policy-statements against moto', () => {
  it('removes only the public statement, keeping the others byte for byte; the rollback puts the original text back', async () => {
    // prepare
    const resource = await domain('search', policyText(APP_ROLE, OPEN, PARTNER));
    const others = await otherSettings('search');

    // act
    const { plan, fixed } = await roundTrip(subject(resource));

    // assert
    assert.deepEqual(plan.calls.map((c) => c.action), ['es:UpdateDomainConfig']);
    assert.equal((fixed as DomainPolicySnapshot).AccessPolicies, policyText(APP_ROLE, PARTNER), 'the /24 restricts under the default sourceIp reading');
    assert.deepEqual(await otherSettings('search'), others);
  });

  it('with the check\'s sourceIp: private-only, also removes the statement that reading flags', async () => {
    // prepare
    const resource = await domain('search', policyText(APP_ROLE, OPEN, PARTNER));

    // act
    const { fixed } = await roundTrip(subject(resource, { checkParams: { sourceIp: 'private-only' } }));

    // assert
    assert.equal((fixed as DomainPolicySnapshot).AccessPolicies, policyText(APP_ROLE));
  });

  it('with policyStatements: restrict, keeps the statement limited to the domain owner\'s account', async () => {
    // prepare
    const resource = await domain('search', policyText(APP_ROLE, OPEN));

    // act
    const { fixed } = await roundTrip(subject(resource, { params: { policyStatements: 'restrict' } }));

    // assert
    const restricted = JSON.stringify({ ...(JSON.parse(OPEN) as object), Condition: { StringEquals: { 'aws:PrincipalAccount': DEFAULT_ACCOUNT } } });
    assert.equal((fixed as DomainPolicySnapshot).AccessPolicies, policyText(APP_ROLE, restricted));
    assert.equal(analysePublicAccess((fixed as DomainPolicySnapshot).AccessPolicies).public, false);
  });

  it('plans nothing for a domain whose policy has nothing public, or that has no policy', async () => {
    // prepare
    const ctx = emulator.collectContext();
    const resources = [await domain('private', policyText(APP_ROLE)), await domain('bare')];

    // act
    const plans = await Promise.all(resources.map(async (resource) => fix.plan({ resource, snapshot: await fix.snapshot(ctx, resource), evidence: {}, params: { policyStatements: 'remove' }, checkParams: {} })));

    // assert
    assert.deepEqual(plans, [{ calls: [], left: [] }, { calls: [], left: [] }]);
  });

  it('a domain deleted meanwhile is absent, and its snapshot says it is gone', async () => {
    // act
    const verdict = await recheck(subject(domainRef('gone')));

    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(fix.snapshot(emulator.collectContext(), domainRef('gone')), { name: 'ResourceGoneError' });
  });

  it('every request the fix makes, its rollback included, is authorised by its permissions', async () => {
    // prepare
    const resource = await domain('search', policyText(APP_ROLE, OPEN));
    const counter = new RequestCounter();
    const ctx = emulator.collectContext({ counter });
    const { plan } = await planFix(subject(resource));

    // act
    const backup = await fix.snapshot(ctx, resource);
    for (const call of plan.calls) await fix.perform(ctx, call);
    for (const call of fix.restore({ resource, backup, applied: plan.calls, current: await fix.snapshot(ctx, resource) })) await fix.perform(ctx, call);

    // assert
    assert.deepEqual(Object.keys(counter.snapshot()), ['OpenSearch:DescribeDomain', 'OpenSearch:UpdateDomainConfig']);
    for (const key of Object.keys(counter.snapshot())) assert.ok(fix.permissions.includes(iamActionFor(key)), key);
  });

  it('collectOne reads the one domain as a scan reads it', async () => {
    // prepare
    await domain('search', policyText(OPEN));
    await domain('search-logs');
    const ctx = emulator.collectContext();

    // act
    const one = await openSearchCollector.collectOne?.(ctx, domainRef('search'));
    const whole = await openSearchCollector.collect(ctx);

    // assert
    assert.deepEqual(one?.domains.map((d) => d.name), ['search']);
    assert.deepEqual(one?.domains[0], whole.domains.find((d) => d.name === 'search'));
  });
});

describe('opensearch-remove-public-policy-statements on an in-memory domain', () => {
  let clients: AwsClients;
  let client: AwsClientStub<OpenSearchClient>;
  /** The domain's state: what DescribeDomain(s) answer and UpdateDomainConfig changes. */
  let status: DomainStatus & { DomainName: string };

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    client = mockClient(clients.get(OpenSearchClient));
    // A public endpoint, so that the check does not credit VPC access.
    status = { ...compliantStatus('open'), VPCOptions: undefined, Endpoints: undefined, Endpoint: 'search-open.example' };
    client.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => ({ DomainStatusList: input.DomainNames.includes(status.DomainName) ? [{ ...status }] : [] }));
    client.on(DescribeDomainCommand).callsFake(() => ({ DomainStatus: { ...status } }));
    client.on(ListTagsCommand).resolves({ TagList: [] });
    client.on(UpdateDomainConfigCommand).callsFake((input: { AccessPolicies?: string }) => {
      if (input.AccessPolicies !== undefined) status = { ...status, AccessPolicies: input.AccessPolicies };
      return { DomainConfig: {} };
    });
  });

  afterEach(() => {
    client.restore();
    clients.destroy();
  });

  const mocked = (params: Record<string, unknown> = {}): FixSubject => ({ ctx: mockedContext(clients), collector: openSearchCollector, check, fix, resource: domainRef('open', ACCOUNT), params });

  it('removes a policy whose single statement (an object, not a list) is public, and the rollback puts it back', async () => {
    // prepare
    const policy = `{"Version":"2012-10-17","Statement":${OPEN}}`;
    status = { ...status, AccessPolicies: policy };

    // act
    const { plan, fixed, restored } = await roundTrip(mocked());

    // assert
    assert.deepEqual(plan.calls.map((c) => c.input), [{ DomainName: 'open', AccessPolicies: '' }]);
    assert.equal((fixed as DomainPolicySnapshot).AccessPolicies, '');
    assert.equal((restored as DomainPolicySnapshot).AccessPolicies, policy);
  });

  it('a domain being deleted is gone', async () => {
    // prepare
    status = { ...status, Deleted: true, AccessPolicies: policyText(OPEN) };

    // act
    const verdict = await recheck(mocked());

    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(fix.snapshot(mockedContext(clients), domainRef('open', ACCOUNT)), { name: 'ResourceGoneError' });
  });
});
