/** The Redshift public access fix against moto: only PubliclyAccessible changes, and the rollback restores it exactly. */
import { afterEach, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateClusterCommand, CreateClusterSubnetGroupCommand, DeleteClusterCommand, DescribeClustersCommand, ModifyClusterCommand, RedshiftClient, type Cluster } from '@aws-sdk/client-redshift';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import type { PlannedCall } from '../../../src/core/remediation.js';
import type { ResourceRef } from '../../../src/core/resource.js';
import { redshiftCollector } from '../../../auditors/redshift/collect.js';
import check from '../../../auditors/redshift/checks/redshift-cluster-not-publicly-accessible.js';
import fix, { type RedshiftClusterSnapshot } from '../../../auditors/redshift/remediations/redshift-disable-cluster-public-access.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { mockedContext } from '../../helpers/collect-context.js';
import { performAll, planFix, recheck, roundTrip, type FixSubject } from '../../helpers/remediation.js';

const emulator = useEmulator();

const clusterRef = (id: string): ResourceRef => ({ type: 'AwsRedshiftCluster', arn: `arn:aws:redshift:${REGION}:${DEFAULT_ACCOUNT}:cluster:${id}`, id, region: REGION, partition: 'aws', tags: {} });

const subject = (resource: ResourceRef): FixSubject => ({ ctx: emulator.collectContext(), collector: redshiftCollector, check, fix, resource });

/** A cluster in a subnet group of its own VPC, behind a security group of that VPC. */
async function cluster(id: string, publiclyAccessible: boolean): Promise<ResourceRef> {
  const ec2 = emulator.clients().get(EC2Client);
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const VpcId = Vpc?.VpcId as string;
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.1.0/24' }));
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId, GroupName: `${id}-sg`, Description: 'warehouse' }));
  const redshift = emulator.clients().get(RedshiftClient);
  await redshift.send(new CreateClusterSubnetGroupCommand({ ClusterSubnetGroupName: `${id}-subnets`, Description: 'warehouse', SubnetIds: [Subnet?.SubnetId as string] }));
  await redshift.send(new CreateClusterCommand({
    ClusterIdentifier: id, NodeType: 'ra3.xlplus', ClusterType: 'single-node', MasterUsername: 'admin', MasterUserPassword: 'Passw0rd-test',
    PubliclyAccessible: publiclyAccessible, Encrypted: true, EnhancedVpcRouting: true, Port: 5440,
    ClusterSubnetGroupName: `${id}-subnets`, VpcSecurityGroupIds: [GroupId as string], Tags: [{ Key: 'owner', Value: 'analytics' }],
  }));
  return clusterRef(id);
}

async function described(id: string): Promise<Cluster> {
  const { Clusters } = await emulator.clients().get(RedshiftClient).send(new DescribeClustersCommand({ ClusterIdentifier: id }));
  const found = Clusters?.[0];
  assert.ok(found);
  return found;
}

describe('redshift-disable-cluster-public-access', () => {
  it('turns PubliclyAccessible off and nothing else, and the rollback turns it back on', async () => {
    // prepare
    const resource = await cluster('warehouse', true);
    const original = await described('warehouse');
    // act
    const { before, plan, fixed } = await roundTrip(subject(resource));
    // assert
    assert.deepEqual(plan.calls.map((c) => [c.action, c.input]), [['redshift:ModifyCluster', { ClusterIdentifier: 'warehouse', PubliclyAccessible: false }]]);
    assert.deepEqual(fixed, { ...(before as RedshiftClusterSnapshot), PubliclyAccessible: false }, 'endpoint, subnet group and security groups are untouched');
    const snapshot = before as RedshiftClusterSnapshot;
    assert.equal(snapshot.Endpoint?.Port, 5440);
    assert.equal(snapshot.ClusterSubnetGroupName, 'warehouse-subnets');
    assert.equal(snapshot.VpcSecurityGroups?.length, 1);
    assert.deepEqual(await described('warehouse'), original, 'after the rollback DescribeClusters answers as before, field for field');
  });

  it('while fixed, every other setting of the cluster is as it was', async () => {
    // prepare
    const resource = await cluster('warehouse', true);
    const original = await described('warehouse');
    const { plan } = await planFix(subject(resource));
    // act
    await performAll(subject(resource), plan.calls);
    // assert
    assert.deepEqual(await described('warehouse'), { ...original, PubliclyAccessible: false });
  });

  it('a private cluster passes and plans nothing, and a call already made makes no second ModifyCluster', async () => {
    // prepare
    const resource = await cluster('private', false);
    const counter = new RequestCounter();
    const call: PlannedCall = { action: 'redshift:ModifyCluster', input: { ClusterIdentifier: 'private', PubliclyAccessible: false }, description: 'make private' };
    // act
    const verdict = await recheck(subject(resource));
    const snapshot = await fix.snapshot(emulator.collectContext(), resource);
    const plan = fix.plan({ resource, snapshot, evidence: {}, params: {}, checkParams: {} });
    await fix.perform(emulator.collectContext({ counter }), call);
    // assert
    assert.equal(verdict.status, 'PASSED');
    assert.deepEqual(plan, { calls: [], left: [] });
    assert.deepEqual(counter.snapshot(), { 'Redshift:DescribeClusters': 1 });
  });

  it('a cluster deleted meanwhile is absent, its snapshot is gone and a planned call finds it gone', async () => {
    // prepare
    const resource = await cluster('doomed', true);
    const { plan } = await planFix(subject(resource));
    await emulator.clients().get(RedshiftClient).send(new DeleteClusterCommand({ ClusterIdentifier: 'doomed', SkipFinalClusterSnapshot: true }));
    // act
    const verdict = await recheck(subject(resource));
    // assert
    assert.equal(verdict.status, 'ABSENT');
    await assert.rejects(fix.snapshot(emulator.collectContext(), resource), { name: 'ResourceGoneError' });
    await assert.rejects(performAll(subject(resource), plan.calls), { name: 'ResourceGoneError' });
  });
});

describe('redshift-disable-cluster-public-access on hand-built snapshots', () => {
  const resource = clusterRef('warehouse');
  const exposed: RedshiftClusterSnapshot = {
    ClusterIdentifier: 'warehouse', PubliclyAccessible: true, Endpoint: { Address: 'warehouse.abc.us-east-1.redshift.amazonaws.com', Port: 5439 },
    VpcId: 'vpc-1', ClusterSubnetGroupName: 'subnets', VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-1', Status: 'active' }],
    ElasticIpStatus: { ElasticIp: '203.0.113.10', Status: 'active' }, EnhancedVpcRouting: false,
  };
  const makePrivate: PlannedCall = { action: 'redshift:ModifyCluster', input: { ClusterIdentifier: 'warehouse', PubliclyAccessible: false }, description: 'make private' };
  const privateNow: RedshiftClusterSnapshot = { ...exposed, PubliclyAccessible: false, ElasticIpStatus: undefined };

  it('a change to private already being applied needs no second call', () => {
    // act
    const plan = fix.plan({ resource, snapshot: { ...exposed, PendingModifiedValues: { PubliclyAccessible: false } }, evidence: {}, params: {}, checkParams: {} });
    // assert
    assert.deepEqual(plan, { calls: [], left: [] });
  });

  it('the rollback gives the cluster its elastic IP back', () => {
    // act
    const calls = fix.restore({ resource, backup: exposed, applied: [makePrivate], current: privateNow });
    // assert
    assert.deepEqual(calls.map((c) => c.input), [{ ClusterIdentifier: 'warehouse', PubliclyAccessible: true, ElasticIp: '203.0.113.10' }]);
  });

  it('the rollback skips a cluster public again on its elastic IP, or becoming so, and one the fix did not change', () => {
    // act
    const republished = fix.restore({ resource, backup: exposed, applied: [makePrivate], current: exposed });
    const pending = fix.restore({ resource, backup: exposed, applied: [makePrivate], current: { ...privateNow, ElasticIpStatus: exposed.ElasticIpStatus, PendingModifiedValues: { PubliclyAccessible: true } } });
    const untouched = fix.restore({ resource, backup: exposed, applied: [], current: privateNow });
    const withoutIp = fix.restore({ resource, backup: exposed, applied: [makePrivate], current: { ...exposed, ElasticIpStatus: undefined } });
    // assert
    assert.deepEqual(republished, []);
    assert.deepEqual(pending, []);
    assert.deepEqual(untouched, []);
    assert.deepEqual(withoutIp.map((c) => c.input.ElasticIp), ['203.0.113.10'], 'public again but on another address: the elastic IP is given back');
  });
});

describe('redshift-disable-cluster-public-access with injected answers (moto never has a modification pending)', () => {
  let clients: AwsClients;
  let redshift: AwsClientStub<RedshiftClient>;

  beforeEach(() => {
    clients = createAwsClients(DEFAULT_ACCOUNT, REGION, { accessKeyId: 'testing', secretAccessKey: 'testing' }, {});
    redshift = mockClient(clients.get(RedshiftClient));
  });

  afterEach(() => {
    redshift.restore();
    clients.destroy();
  });

  it('a redelivered call while the first is being applied is done, not refused', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [{ ClusterIdentifier: 'warehouse', ClusterStatus: 'modifying', PubliclyAccessible: true, PendingModifiedValues: { PubliclyAccessible: false } }] });
    const call: PlannedCall = { action: 'redshift:ModifyCluster', input: { ClusterIdentifier: 'warehouse', PubliclyAccessible: false }, description: 'make private' };
    // act
    await fix.perform(mockedContext(clients), call);
    const snapshot = await fix.snapshot(mockedContext(clients), clusterRef('warehouse'));
    // assert
    assert.equal(redshift.commandCalls(ModifyClusterCommand).length, 0);
    assert.deepEqual(snapshot, { ClusterIdentifier: 'warehouse', PubliclyAccessible: true, PendingModifiedValues: { PubliclyAccessible: false } });
  });

  it('the rollback sends the elastic IP with ModifyCluster', async () => {
    // prepare
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [{ ClusterIdentifier: 'warehouse', PubliclyAccessible: false }] });
    redshift.on(ModifyClusterCommand).resolves({});
    const call: PlannedCall = { action: 'redshift:ModifyCluster', input: { ClusterIdentifier: 'warehouse', PubliclyAccessible: true, ElasticIp: '203.0.113.10' }, description: 'make public' };
    // act
    await fix.perform(mockedContext(clients), call);
    // assert
    assert.deepEqual(redshift.commandCalls(ModifyClusterCommand).map((c) => c.args[0].input), [{ ClusterIdentifier: 'warehouse', PubliclyAccessible: true, ElasticIp: '203.0.113.10' }]);
  });
});
