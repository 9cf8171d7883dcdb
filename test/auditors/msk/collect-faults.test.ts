/**
 * MSK as AWS answers. The emulator stores MSK clusters but lists them with
 * creation times the SDK refuses (no time zone), so the collector is tested
 * here with aws-sdk-client-mock: provisioned and serverless clusters judged
 * end to end, pages, a refused listing, a region where MSK is not offered.
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { KafkaClient, KafkaServiceException, ListClustersV2Command } from '@aws-sdk/client-kafka';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { mskCollector } from '../../../auditors/msk/collect.js';
import { mskAuditor } from '../../../auditors/msk/index.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { statusTable } from '../../helpers/status-table.js';
import { ACCOUNT, REGION, arnOf, provisioned, serverless, task } from './fixtures.js';

const CHECKS = ['msk-cluster-encrypted-between-brokers', 'msk-cluster-client-broker-tls-only', 'msk-cluster-enhanced-monitoring-enabled', 'msk-cluster-client-authentication-required'] as const;

describe('mskCollector with injected answers', () => {
  let clients: AwsClients;
  let kafka: AwsClientStub<KafkaClient>;
  let ctx: CollectContext;

  beforeEach(() => {
    clients = createAwsClients(ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    kafka = mockClient(clients.get(KafkaClient));
    ctx = mockedContext(clients);
  });

  afterEach(() => {
    kafka.restore();
    clients.destroy();
  });

  it('judges provisioned and serverless clusters from the listing alone, across pages', async () => {
    // prepare
    kafka.on(ListClustersV2Command)
      .resolvesOnce({
        ClusterInfoList: [
          { ...provisioned('hardened'), Tags: { owner: 'streaming' } },
          provisioned('open', {
            EncryptionInfo: { EncryptionInTransit: { InCluster: false, ClientBroker: 'PLAINTEXT' } },
            ClientAuthentication: { Unauthenticated: { Enabled: true } },
            EnhancedMonitoring: 'DEFAULT',
          }),
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({ ClusterInfoList: [serverless('lake')] });

    // act
    const inventory = await mskCollector.collect(ctx);
    const { results } = evaluateChecks(task(mskAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECKS), {
      //           brokers clients monitor auth
      'hardened': ['PASS', 'PASS', 'PASS', 'PASS'],
      'open':     ['FAIL', 'FAIL', 'FAIL', 'FAIL'],
      'lake':     ['-',    '-',    '-',    'PASS'],
    });
    assert.deepEqual(kafka.commandCalls(ListClustersV2Command).map((c) => c.args[0].input), [{ MaxResults: 100, NextToken: undefined }, { MaxResults: 100, NextToken: 'p2' }]);
    const hardened = inventory.clusters[0];
    assert.equal(hardened?.ref.arn, arnOf('hardened'));
    assert.deepEqual(hardened?.ref.tags, { owner: 'streaming' });
    assert.deepEqual(hardened?.ref.details?.AwsMskCluster, {
      ClusterInfo: {
        ClusterName: 'hardened',
        CurrentVersion: 'K3AEGXETSR30VB',
        NumberOfBrokerNodes: 3,
        EnhancedMonitoring: 'PER_TOPIC_PER_BROKER',
        EncryptionInfo: { EncryptionInTransit: { InCluster: true, ClientBroker: 'TLS' }, EncryptionAtRest: { DataVolumeKMSKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1` } },
        ClientAuthentication: { Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } }, Tls: { Enabled: false, CertificateAuthorityArnList: [] }, Unauthenticated: { Enabled: false } },
      },
    });
    assert.deepEqual(inventory.clusters[2]?.ref.details?.AwsMskCluster, { ClusterInfo: { ClusterName: 'lake', ClientAuthentication: { Sasl: { Iam: { Enabled: true } } } } });
  });

  it('a listed cluster without an ARN is left out rather than given an invented one', async () => {
    // prepare
    kafka.on(ListClustersV2Command).resolves({ ClusterInfoList: [{ ...provisioned('anonymous'), ClusterArn: undefined }, provisioned('named')] });

    // act
    const inventory = await mskCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory.clusters.map((c) => c.name), ['named']);
  });

  it('a region where MSK has no endpoint is an empty inventory; a refused listing fails the collection', async () => {
    // prepare
    kafka.on(ListClustersV2Command).rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND kafka.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' }));
    const refusal = new KafkaServiceException({ name: 'ForbiddenException', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'User is not authorized to perform: kafka:ListClustersV2 (injected)' });

    // act
    const inventory = await mskCollector.collect(ctx);
    kafka.on(ListClustersV2Command).rejects(refusal);

    // assert
    assert.deepEqual(inventory, { clusters: [] });
    await assert.rejects(() => mskCollector.collect(ctx), /ForbiddenException|not authorized/);
  });
});
