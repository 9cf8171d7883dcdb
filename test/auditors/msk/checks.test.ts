import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Cluster } from '@aws-sdk/client-kafka';
import type { Check, Verdict } from '../../../src/core/check.js';
import type { MskClusterItem, MskInventory } from '../../../auditors/msk/collect.js';
import clientAuthentication from '../../../auditors/msk/checks/msk-cluster-client-authentication-required.js';
import clientBrokerTls from '../../../auditors/msk/checks/msk-cluster-client-broker-tls-only.js';
import encryptedBetweenBrokers from '../../../auditors/msk/checks/msk-cluster-encrypted-between-brokers.js';
import enhancedMonitoring from '../../../auditors/msk/checks/msk-cluster-enhanced-monitoring-enabled.js';
import { inventory, item, provisioned, serverless } from './fixtures.js';

function evaluate<Params>(check: Check<MskInventory, MskClusterItem, Params>, cluster: Cluster, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  const target = item(cluster);
  return check.evaluate(target, parsed, inventory(target));
}

const inTransit = (InCluster: boolean | undefined, ClientBroker: 'TLS' | 'TLS_PLAINTEXT' | 'PLAINTEXT' | undefined) => ({ EncryptionInfo: { EncryptionInTransit: { InCluster, ClientBroker } } });

describe('msk-cluster-encrypted-between-brokers', () => {
  it('fails a cluster whose brokers replicate in plaintext', () => {
    assert.deepEqual(evaluate(encryptedBetweenBrokers, provisioned('events', inTransit(false, 'TLS'))), {
      status: 'FAILED',
      summary: 'MSK cluster events sends data between its brokers in plaintext',
      evidence: { InCluster: false },
    });
  });

  it('passes TLS between brokers', () => {
    assert.equal(evaluate(encryptedBetweenBrokers, provisioned('events')).status, 'PASSED');
  });

  it('a serverless cluster is not applicable; an unreported InCluster is an error (edge)', () => {
    assert.equal(evaluate(encryptedBetweenBrokers, serverless('lake')).status, 'NOT_APPLICABLE');
    assert.throws(() => evaluate(encryptedBetweenBrokers, provisioned('events', { EncryptionInfo: {} })), /did not report EncryptionInfo.EncryptionInTransit.InCluster for events/);
  });
});

describe('msk-cluster-client-broker-tls-only', () => {
  it('fails a cluster that also accepts plaintext clients', () => {
    const verdict = evaluate(clientBrokerTls, provisioned('events', inTransit(true, 'TLS_PLAINTEXT')));
    assert.deepEqual(verdict, { status: 'FAILED', summary: 'MSK cluster events accepts client connections in plaintext as well as over TLS', evidence: { ClientBroker: 'TLS_PLAINTEXT' } });
  });

  it('fails plaintext only, and passes TLS only', () => {
    assert.match(evaluate(clientBrokerTls, provisioned('events', inTransit(true, 'PLAINTEXT'))).summary ?? '', /in plaintext only/);
    assert.deepEqual(evaluate(clientBrokerTls, provisioned('events')), { status: 'PASSED', summary: 'clients connect over TLS only', evidence: { ClientBroker: 'TLS' } });
  });

  it('a serverless cluster is not applicable; a cluster whose kind is not reported is an error (edge)', () => {
    assert.equal(evaluate(clientBrokerTls, serverless('lake')).status, 'NOT_APPLICABLE');
    const vague = { ...provisioned('vague'), ClusterType: undefined, Serverless: { VpcConfigs: [] } };
    assert.throws(() => evaluate(clientBrokerTls, vague), /whether MSK cluster vague is provisioned or serverless/);
  });
});

describe('msk-cluster-enhanced-monitoring-enabled', () => {
  it('fails DEFAULT monitoring', () => {
    assert.deepEqual(evaluate(enhancedMonitoring, provisioned('events', { EnhancedMonitoring: 'DEFAULT' })), {
      status: 'FAILED',
      summary: 'MSK cluster events monitors at the DEFAULT level, below PER_BROKER',
      evidence: { EnhancedMonitoring: 'DEFAULT', minimumLevel: 'PER_BROKER' },
    });
  });

  it('passes PER_BROKER by default, and fails it against Security Hub\'s PER_TOPIC_PER_BROKER (edge)', () => {
    const cluster = provisioned('events', { EnhancedMonitoring: 'PER_BROKER' });
    assert.equal(evaluate(enhancedMonitoring, cluster).status, 'PASSED');
    assert.equal(evaluate(enhancedMonitoring, cluster, { minimumLevel: 'PER_TOPIC_PER_BROKER' }).status, 'FAILED');
    assert.equal(evaluate(enhancedMonitoring, provisioned('events', { EnhancedMonitoring: 'PER_TOPIC_PER_PARTITION' }), { minimumLevel: 'PER_TOPIC_PER_BROKER' }).status, 'PASSED');
    assert.throws(() => enhancedMonitoring.parameters?.parse({ minimumLevel: 'DEFAULT' }));
  });

  it('serverless is not applicable; an unknown or unreported level is an error, never a pass (edge)', () => {
    assert.equal(evaluate(enhancedMonitoring, serverless('lake')).status, 'NOT_APPLICABLE');
    assert.throws(() => evaluate(enhancedMonitoring, provisioned('events', { EnhancedMonitoring: undefined })), /did not report EnhancedMonitoring/);
    const future = provisioned('events');
    (future.Provisioned as { EnhancedMonitoring?: string }).EnhancedMonitoring = 'PER_CONSUMER_GROUP';
    assert.throws(() => evaluate(enhancedMonitoring, future), /monitoring level PER_CONSUMER_GROUP, which rampart does not know/);
  });
});

describe('msk-cluster-client-authentication-required', () => {
  it('fails a cluster that lets unauthenticated clients in beside IAM', () => {
    const cluster = provisioned('events', { ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: true } } });
    assert.deepEqual(evaluate(clientAuthentication, cluster), {
      status: 'FAILED',
      summary: 'MSK cluster events allows unauthenticated clients beside IAM',
      evidence: { mechanisms: ['IAM'], unauthenticatedAccess: true },
    });
  });

  it('fails a cluster with no mechanism at all, as when the answer has no ClientAuthentication (edge)', () => {
    const none = evaluate(clientAuthentication, provisioned('legacy', { ClientAuthentication: undefined }));
    assert.deepEqual(none, { status: 'FAILED', summary: 'MSK cluster legacy authenticates no client: any client that reaches it is let in', evidence: { mechanisms: [], unauthenticatedAccess: true } });
    const tlsWithoutCa = evaluate(clientAuthentication, provisioned('events', { ClientAuthentication: { Tls: { Enabled: true, CertificateAuthorityArnList: [] } } }));
    assert.equal(tlsWithoutCa.status, 'FAILED');
  });

  it('passes IAM, SASL/SCRAM and mutual TLS with a private CA (also in the older answer without Tls.Enabled), and serverless IAM', () => {
    // prepare
    const ca = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0a1b2c3d';
    const clusters = [
      provisioned('iam'),
      provisioned('scram', { ClientAuthentication: { Sasl: { Scram: { Enabled: true } }, Unauthenticated: { Enabled: false } } }),
      provisioned('mtls', { ClientAuthentication: { Tls: { CertificateAuthorityArnList: [ca] } } }),
      serverless('lake'),
    ];

    // act
    const verdicts = clusters.map((c) => evaluate(clientAuthentication, c));

    // assert
    assert.deepEqual(verdicts.map((v) => [v.status, v.summary]), [
      ['PASSED', 'clients authenticate with IAM'],
      ['PASSED', 'clients authenticate with SASL/SCRAM'],
      ['PASSED', 'clients authenticate with mutual TLS'],
      ['PASSED', 'clients authenticate with IAM'],
    ]);
    assert.deepEqual(verdicts[2]?.status === 'PASSED' && verdicts[2].evidence, { mechanisms: ['mutual TLS'], unauthenticatedAccess: false, CertificateAuthorityArnList: [ca] });
  });
});
