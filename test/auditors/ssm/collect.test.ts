/**
 * EC2 is the emulator's. moto serves neither DescribeInstanceInformation nor
 * patch states; the emulator's front answers both from what a seed registered
 * (the last tests). The other tests mock Systems Manager to shape its answers.
 */
import { afterEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DescribeVolumesCommand, EC2Client, RunInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeInstanceInformationCommand,
  DescribeInstancePatchStatesCommand,
  SSMClient,
  type DescribeInstancePatchStatesCommandInput,
  type InstanceInformation,
  type InstancePatchState,
} from '@aws-sdk/client-ssm';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import type { CollectContext } from '../../../src/core/collector.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedSsm } from '../../../src/emulator/seeds/ssm.js';
import { ssmCollector } from '../../../auditors/ssm/collect.js';
import { ssmAuditor } from '../../../auditors/ssm/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';
import { statusTable } from '../../helpers/status-table.js';

const emulator = useEmulator();

const CHECK_ORDER = ['ssm-instance-managed', 'ssm-instance-association-succeeded', 'ssm-instance-agent-up-to-date', 'ssm-instance-patch-compliant'] as const;
const SCANNED = new Date('2024-05-01T09:00:00Z');

const stubs: Array<AwsClientStub<SSMClient>> = [];
afterEach(() => stubs.splice(0).forEach((stub) => stub.restore()));

/** Systems Manager as a real account would answer for the given instances. */
function mockSsm(ctx: CollectContext, information: InstanceInformation[], patchStates: InstancePatchState[]): AwsClientStub<SSMClient> {
  const ssm = mockClient(ctx.clients.get(SSMClient));
  stubs.push(ssm);
  ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: information });
  ssm.on(DescribeInstancePatchStatesCommand).callsFake((input: DescribeInstancePatchStatesCommandInput) => ({
    InstancePatchStates: patchStates.filter((s) => input.InstanceIds?.includes(s.InstanceId ?? '')),
  }));
  return ssm;
}

const online = (InstanceId: string, overrides: Partial<InstanceInformation> = {}): InstanceInformation => ({
  InstanceId,
  PingStatus: 'Online',
  LastPingDateTime: SCANNED,
  AgentVersion: '3.3.40.0',
  IsLatestVersion: true,
  PlatformType: 'Linux',
  ResourceType: 'EC2Instance',
  AssociationStatus: 'Success',
  AssociationOverview: { InstanceAssociationStatusAggregatedCount: { Success: 1 } },
  ...overrides,
});

const patched = (InstanceId: string, overrides: Partial<InstancePatchState> = {}): InstancePatchState => ({
  InstanceId,
  PatchGroup: '',
  BaselineId: 'pb-0123456789abcdef0',
  Operation: 'Scan',
  OperationStartTime: SCANNED,
  OperationEndTime: SCANNED,
  InstalledCount: 12,
  MissingCount: 0,
  FailedCount: 0,
  ...overrides,
});

async function launch(name: string, count = 1, profile?: string): Promise<string[]> {
  const { Instances } = await emulator.clients().get(EC2Client).send(
    new RunInstancesCommand({
      ImageId: 'ami-0abcdef1234567890',
      InstanceType: 't3.micro',
      MinCount: count,
      MaxCount: count,
      ...(profile ? { IamInstanceProfile: { Name: profile } } : {}),
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  return (Instances ?? []).map((i) => i.InstanceId ?? assert.fail('no instance id'));
}

describe('ssmCollector: EC2 from the emulator, Systems Manager mocked', () => {
  it('joins running instances with their SSM information and patch state', async () => {
    // prepare
    await emulator.clients().get(IAMClient).send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ssm-core' }));
    const [healthy] = await launch('healthy', 1, 'ssm-core');
    const [unmanaged] = await launch('unmanaged');
    const [stale] = await launch('stale');
    const [unpatched] = await launch('unpatched');
    const [stopped] = await launch('stopped');
    const [terminated] = await launch('terminated');
    const ec2 = emulator.clients().get(EC2Client);
    await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped as string] }));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [terminated as string] }));
    const ctx = emulator.collectContext();
    mockSsm(
      ctx,
      [
        online(healthy as string),
        online(stale as string, { PingStatus: 'ConnectionLost', IsLatestVersion: false, AgentVersion: '2.3.0.0', AssociationStatus: 'Failed', AssociationOverview: { InstanceAssociationStatusAggregatedCount: { Failed: 1 } } }),
        online(unpatched as string, { AssociationStatus: undefined, AssociationOverview: undefined }),
        online(stopped as string, { PingStatus: 'ConnectionLost' }),
        online('mi-0123456789abcdef0', { ResourceType: 'ManagedInstance' }),
      ],
      [patched(healthy as string), patched(stale as string), patched(stopped as string, { MissingCount: 9 })],
    );
    const names = Object.fromEntries([[healthy, 'healthy'], [unmanaged, 'unmanaged'], [stale, 'stale'], [unpatched, 'unpatched'], [stopped, 'stopped']]) as Record<string, string>;

    // act
    const inventory = await ssmCollector.collect(ctx);
    const { results } = evaluateChecks(task(ssmAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER, { rowKey: (r) => names[r.resource.id] ?? r.resource.id }), {
      //            managed association agent   patch
      'healthy':   ['PASS', 'PASS', 'PASS', 'PASS'],
      'unmanaged': ['FAIL', '-',    '-',    '-'],
      'stale':     ['FAIL', 'FAIL', 'FAIL', 'PASS'],
      'unpatched': ['PASS', 'FAIL', 'PASS', 'FAIL'],
    });
    assert.equal(inventory.instances.length, 5, 'the stopped instance is in the inventory, the terminated one is not');
    const noPatch = results.find((r) => r.checkId === 'ssm-instance-patch-compliant' && r.status === 'FAILED');
    assert.deepEqual(noPatch?.evidence, { reason: 'no-patch-state' });
  });

  it('names each instance by ARN with its tags and ASFF details', async () => {
    // prepare
    await emulator.clients().get(IAMClient).send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ssm-core' }));
    const [id] = await launch('web-1', 1, 'ssm-core');
    const ctx = emulator.collectContext();
    mockSsm(ctx, [], []);

    // act
    const inventory = await ssmCollector.collect(ctx);

    // assert
    const item = inventory.instances[0];
    assert.equal(item?.ref.arn, `arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:instance/${id}`);
    assert.equal(item?.ref.type, 'AwsEc2Instance');
    assert.deepEqual(item?.ref.tags, { Name: 'web-1' });
    const details = item?.ref.details?.AwsEc2Instance as Record<string, unknown>;
    assert.equal(details.Type, 't3.micro');
    assert.equal(details.ImageId, 'ami-0abcdef1234567890');
    assert.equal(details.IamInstanceProfileArn, `arn:aws:iam::${DEFAULT_ACCOUNT}:instance-profile/ssm-core`);
    assert.match(String(details.VpcId), /^vpc-/);
    assert.match(String(details.SubnetId), /^subnet-/);
    assert.match(String(details.LaunchedAt), /^\d{4}-\d\d-\d\dT/);
    assert.ok(Array.isArray(details.IpV4Addresses));
  });

  it('reads instance information once per region and patch states in batches of 50 managed instances', async () => {
    // prepare
    const ids = await launch('fleet', 55);
    const [outsider] = await launch('outsider');
    const counter = new RequestCounter();
    const ctx = emulator.collectContext({ counter });
    const ssm = mockSsm(ctx, ids.map((id) => online(id)), ids.map((id) => patched(id)));

    // act
    const inventory = await ssmCollector.collect(ctx);

    // assert
    assert.equal(inventory.instances.length, 56);
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeInstances': 1 });
    assert.equal(ssm.commandCalls(DescribeInstanceInformationCommand).length, 1);
    const batches = ssm.commandCalls(DescribeInstancePatchStatesCommand).map((c) => c.args[0].input.InstanceIds ?? []);
    assert.deepEqual(batches.map((b) => b.length).sort((a, b) => a - b), [5, 50]);
    assert.equal(batches.flat().includes(outsider as string), false, 'an unmanaged instance is not asked for');
  });

  it('does not call Systems Manager when the region has no instance', async () => {
    // prepare
    const ctx = emulator.collectContext();
    const ssm = mockSsm(ctx, [], []);

    // act
    const inventory = await ssmCollector.collect(ctx);

    // assert
    assert.deepEqual(inventory, { instances: [] });
    assert.equal(ssm.calls().length, 0);
  });

  it('the demo seed, through the emulator\'s front: the unmanaged and the neglected instance fail, the managed decoy fails nothing', async () => {
    // prepare
    const seed = await seedSsm(emulator.clients());
    const [unmanaged, neglected] = seed.insecure as [string, string];
    const ctx = emulator.collectContext();

    // act
    const inventory = await ssmCollector.collect(ctx);
    const { results } = evaluateChecks(task(ssmAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //            managed   association  agent   patches
      [unmanaged]: ['FAIL', '-', '-', '-'],
      [neglected]: ['PASS', 'FAIL', 'FAIL', 'FAIL'],
      [seed.compliant[0] as string]: ['PASS', 'PASS', 'PASS', 'PASS'],
    });
    const kept = inventory.instances.find((i) => i.instanceId === seed.compliant[0]);
    assert.match(kept?.iamInstanceProfileArn ?? '', /instance-profile\/demo-ssm-managed-instance$/);
    // The front's timestamps (epoch seconds on the wire) arrive as dates.
    assert.match(kept?.managed?.lastPingAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(kept?.patchState.ok && kept.patchState.value?.operation, 'Install');
    const { Volumes } = await emulator.clients().get(EC2Client).send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [...seed.insecure, ...seed.compliant] }] }));
    assert.deepEqual(Volumes?.map((v) => [v.Attachments?.[0]?.Device, v.Encrypted]), [['/dev/xvda', true], ['/dev/xvda', true], ['/dev/xvda', true]], 'the seed adds no unencrypted volume');
  });

  it('an instance whose agent never registered is unmanaged on the emulator too: the front reports nothing for it', async () => {
    // prepare
    const [id] = (await launch('any')) as [string];

    // act
    const inventory = await ssmCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(ssmAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), { [id]: ['FAIL', '-', '-', '-'] });
  });
});
