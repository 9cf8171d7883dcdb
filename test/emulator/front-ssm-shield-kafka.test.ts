/** What the emulator's front serves for SSM, Shield Advanced and MSK, driven with the real SDK clients so the wire shapes are the SDK's. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  AssociateDRTLogBucketCommand, AssociateDRTRoleCommand, CreateSubscriptionCommand, DescribeDRTAccessCommand, DescribeSubscriptionCommand,
  DisassociateDRTLogBucketCommand, DisassociateDRTRoleCommand, ShieldClient,
} from '@aws-sdk/client-shield';
import { DescribeInstanceInformationCommand, DescribeInstancePatchStatesCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { withUtcTimes } from '../../src/emulator/securityhub-front/kafka.js';
import { SSM_REGISTER_PATH, type ManagedInstanceSeed } from '../../src/emulator/securityhub-front/ssm.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';

const errorName = (error: unknown): string | undefined => (error as { name?: string }).name;

describe('the emulator front: SSM instance information', () => {
  const aws = useEmulator();
  const register = (instances: unknown[], accountId = DEFAULT_ACCOUNT): Promise<Response> =>
    fetch(`${aws.endpoint}${SSM_REGISTER_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId, region: REGION, instances }) });
  const seed = (i: number): ManagedInstanceSeed => ({
    InstanceId: `i-${String(i).padStart(17, '0')}`, PingStatus: 'Online', LastPingDateTime: '2026-11-30T10:00:00Z', AgentVersion: '3.3.1142.0', IsLatestVersion: true,
    ...(i === 0 ? { PatchState: { BaselineId: 'pb-0123456789abcdef0', Operation: 'Scan', OperationStartTime: '2026-11-29T10:00:00Z', OperationEndTime: '2026-11-29T10:05:00Z', MissingCount: 2 } } : {}),
  });

  it('pages registered instances, filters them by id, and answers patch states for the ids asked', async () => {
    // prepare
    assert.equal((await register(Array.from({ length: 7 }, (_, i) => seed(i)))).status, 200);
    assert.equal((await register([seed(9)], '111111111111')).status, 200);
    const ssm = aws.clients().get(SSMClient);

    // act
    const first = await ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5 }));
    const second = await ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5, NextToken: first.NextToken }));
    const one = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [seed(3).InstanceId] }] }));
    const patches = await ssm.send(new DescribeInstancePatchStatesCommand({ InstanceIds: [seed(0).InstanceId, seed(1).InstanceId] }));

    // assert
    assert.deepEqual([first.InstanceInformationList?.length, second.InstanceInformationList?.length, second.NextToken], [5, 2, undefined]);
    assert.deepEqual(one.InstanceInformationList?.map((i) => [i.InstanceId, i.PingStatus, i.ResourceType, i.LastPingDateTime?.toISOString()]), [[seed(3).InstanceId, 'Online', 'EC2Instance', '2026-11-30T10:00:00.000Z']]);
    assert.deepEqual(patches.InstancePatchStates?.map((p) => [p.InstanceId, p.MissingCount, p.OperationEndTime?.toISOString()]), [[seed(0).InstanceId, 2, '2026-11-29T10:05:00.000Z']]);
  });

  it('refuses what the real API refuses, and passes every other SSM call to moto', async () => {
    // prepare
    const ssm = aws.clients().get(SSMClient);

    // act
    const badSeed = await register([{ InstanceId: 'web-1' }]);
    const noIds = await ssm.send(new DescribeInstancePatchStatesCommand({ InstanceIds: [] })).catch(errorName);
    await ssm.send(new PutParameterCommand({ Name: '/front/test', Value: 'kept by moto', Type: 'String' }));
    const parameter = await ssm.send(new GetParameterCommand({ Name: '/front/test' }));

    // assert
    assert.equal(badSeed.status, 400);
    assert.equal(noIds, 'ValidationException');
    assert.equal(parameter.Parameter?.Value, 'kept by moto');
  });
});

describe('the emulator front: Shield Advanced subscription and Shield Response Team access', () => {
  const aws = useEmulator();

  it('answers as Shield does before and after a subscription, and keeps the role and log buckets until they are taken back', async () => {
    // prepare
    const shield = aws.clients().get(ShieldClient);

    // act
    const before = await shield.send(new DescribeSubscriptionCommand({})).catch(errorName);
    await shield.send(new CreateSubscriptionCommand({}));
    const twice = await shield.send(new CreateSubscriptionCommand({})).catch(errorName);
    const bucketFirst = await shield.send(new AssociateDRTLogBucketCommand({ LogBucket: 'waf-logs' })).catch(errorName);
    await shield.send(new AssociateDRTRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/srt' }));
    await shield.send(new AssociateDRTLogBucketCommand({ LogBucket: 'waf-logs' }));
    await shield.send(new AssociateDRTLogBucketCommand({ LogBucket: 'waf-logs' }));
    const granted = await shield.send(new DescribeDRTAccessCommand({}));
    await shield.send(new DisassociateDRTLogBucketCommand({ LogBucket: 'waf-logs' }));
    await shield.send(new DisassociateDRTRoleCommand({}));
    const revoked = await shield.send(new DescribeDRTAccessCommand({}));
    const { Subscription } = await shield.send(new DescribeSubscriptionCommand({}));

    // assert
    assert.equal(before, 'ResourceNotFoundException');
    assert.equal(twice, 'ResourceAlreadyExistsException');
    assert.equal(bucketFirst, 'InvalidParameterException');
    assert.deepEqual([granted.RoleArn, granted.LogBucketList], ['arn:aws:iam::123456789012:role/srt', ['waf-logs']]);
    assert.deepEqual([revoked.RoleArn, revoked.LogBucketList], [undefined, undefined]);
    assert.equal(Subscription?.AutoRenew, 'ENABLED');
    assert.equal(Subscription?.TimeCommitmentInSeconds, 365 * 24 * 3600);
    assert.ok(Subscription?.StartTime instanceof Date && Subscription.EndTime instanceof Date && Subscription.EndTime > Subscription.StartTime);
  });
});

describe('the emulator front: MSK times', () => {
  it('marks moto\'s zone-less times UTC and leaves everything else as it was', () => {
    // prepare
    const naive = Buffer.from('{"clusterInfoList":[{"creationTime": "2026-11-30T22:44:33.006191","clusterName":"x"}],"startTime":"2026-11-30T22:44:33Z"}');
    const zoned = Buffer.from('{"creationTime":"2026-11-30T22:44:33+02:00"}');

    // act / assert
    assert.equal(withUtcTimes(naive).toString(), '{"clusterInfoList":[{"creationTime": "2026-11-30T22:44:33.006191Z","clusterName":"x"}],"startTime":"2026-11-30T22:44:33Z"}');
    assert.equal(withUtcTimes(zoned), zoned);
  });
});
