import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedEks } from '../../../src/emulator/seeds/eks.js';
import { eksCollector } from '../../../auditors/eks/collect.js';
import { eksAuditor } from '../../../auditors/eks/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = ['eks-cluster-endpoint-not-public', 'eks-cluster-kubernetes-version-supported'] as const;

describe('eksCollector against the emulator', () => {
  it('collects every cluster and the checks judge each one', async () => {
    // prepare
    await seedEks(emulator.clients());
    await emulator.clients().get(EKSClient).send(new CreateClusterCommand({
      name: 'office-only', version: '1.32', roleArn: `arn:aws:iam::${DEFAULT_ACCOUNT}:role/eks`,
      resourcesVpcConfig: { subnetIds: ['subnet-1'], endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
    }));

    // act
    const inventory = await eksCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(eksAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                  endpoint  version
      'demo-eks-exposed': ['FAIL', 'FAIL'],
      'demo-eks-private': ['PASS', 'PASS'],
      'office-only':      ['PASS', 'FAIL'],
    });
    assert.ok(Math.abs(Date.parse(inventory.collectedAt) - Date.now()) < 60_000, 'collectedAt is the time of the scan');
  });

  it('names each cluster by ARN, with its tags and ASFF details', async () => {
    // prepare
    await seedEks(emulator.clients());

    // act
    const inventory = await eksCollector.collect(emulator.collectContext());

    // assert
    const exposed = inventory.clusters.find((c) => c.name === 'demo-eks-exposed');
    assert.equal(exposed?.ref.arn, `arn:aws:eks:${REGION}:${DEFAULT_ACCOUNT}:cluster/demo-eks-exposed`);
    assert.deepEqual(exposed?.ref.tags, { owner: 'platform-team' });
    const details = exposed?.ref.details?.AwsEksCluster as Record<string, unknown>;
    assert.deepEqual([details.Name, details.Version, details.ClusterStatus, details.ResourcesVpcConfig], [
      'demo-eks-exposed', '1.29', 'ACTIVE', { SubnetIds: ['subnet-0de00000000000e01', 'subnet-0de00000000000e02'], EndpointPublicAccess: true },
    ]);
  });

  it('describes each cluster once', async () => {
    // prepare
    await seedEks(emulator.clients());
    const counter = new RequestCounter();

    // act
    await eksCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), { 'EKS:DescribeCluster': 2, 'EKS:ListClusters': 1 });
  });

  it('a region without clusters is an empty inventory', async () => {
    assert.deepEqual((await eksCollector.collect(emulator.collectContext())).clusters, []);
  });
});
