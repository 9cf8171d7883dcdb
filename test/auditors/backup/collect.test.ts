/**
 * The backup collector against the emulator: it lists the resources to
 * protect, but moto serves no ListProtectedResources, backup selections or
 * region settings, so the checks cannot select there (ERROR, never PASSED).
 * The judgement itself is tested in collect-faults.test.ts.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CreateVolumeCommand, EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedBackup } from '../../../src/emulator/seeds/backup.js';
import { backupCollector } from '../../../auditors/backup/collect.js';
import { backupAuditor } from '../../../auditors/backup/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

async function launch(ec2: EC2Client): Promise<string> {
  const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }));
  return Instances?.[0]?.InstanceId ?? '';
}

describe('backupCollector against the emulator', () => {
  it('lists the resources to protect, with their tags, leaving out terminated instances', async () => {
    // prepare
    await seedBackup(emulator.clients());
    const ec2 = emulator.clients().get(EC2Client);
    const running = await launch(ec2);
    const terminated = await launch(ec2);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [terminated] }));
    const { VolumeId } = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${REGION}a`, Size: 8 }));

    // act
    const inventory = await backupCollector.collect(emulator.collectContext());

    // assert
    assert.deepEqual(inventory.ec2Instances.ok && inventory.ec2Instances.value.map((i) => i.ref.arn), [`arn:aws:ec2:${REGION}:${DEFAULT_ACCOUNT}:instance/${running}`]);
    assert.ok(inventory.ebsVolumes.ok && inventory.ebsVolumes.value.some((v) => v.ref.id === VolumeId && v.ref.type === 'AwsEc2Volume'));
    assert.deepEqual(inventory.dynamoDbTables.ok && inventory.dynamoDbTables.value.map((t) => [t.ref.arn, t.ref.tags]), [
      [`arn:aws:dynamodb:${REGION}:${DEFAULT_ACCOUNT}:table/demo-orders-unprotected`, { owner: 'orders-team' }],
      [`arn:aws:dynamodb:${REGION}:${DEFAULT_ACCOUNT}:table/demo-orders-protected`, { owner: 'orders-team' }],
    ]);
    assert.deepEqual(inventory.rdsInstances, { ok: true, value: [] });
    assert.ok(inventory.selections.ok && inventory.selections.value.length === 1, 'the seeded plan\'s one assignment');
  });

  it('judges the assignments of the seeded plan: the table it leaves out fails, the rest passes', async () => {
    // prepare
    await seedBackup(emulator.clients());

    // act
    const inventory = await backupCollector.collect(emulator.collectContext());
    const { results, completedChecks } = evaluateChecks(task(backupAuditor.checks), inventory);

    // assert
    assert.equal(inventory.recoveryPoints.ok, true);
    assert.equal(inventory.optIn.ok, true);
    const tables = results.filter((r) => r.checkId === 'backup-dynamodb-table-protected').map((r) => `${r.status} ${r.resource.id}`).sort();
    assert.deepEqual(tables, ['FAILED demo-orders-unprotected', 'PASSED demo-orders-protected']);
    assert.equal(results.filter((r) => r.status === 'ERROR').length, 0);
    assert.equal(completedChecks.length, backupAuditor.checks.length);
  });

  it('a region with nothing to protect makes no AWS Backup call and no finding', async () => {
    // prepare
    const counter = new RequestCounter();

    // act
    const inventory = await backupCollector.collect(emulator.collectContext({ counter }));
    const { results } = evaluateChecks(task(backupAuditor.checks), inventory);

    // assert
    assert.deepEqual(results, []);
    assert.deepEqual(Object.keys(counter.snapshot()), ['DynamoDB:ListTables', 'EC2:DescribeInstances', 'EC2:DescribeVolumes', 'RDS:DescribeDBInstances']);
  });

  it('reads each listing once and the tags of each table once', async () => {
    // prepare
    await seedBackup(emulator.clients());
    const counter = new RequestCounter();

    // act
    await backupCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(counter.snapshot(), {
      'Backup:DescribeRegionSettings': 1,
      'Backup:GetBackupSelection': 1,
      'Backup:ListBackupPlans': 1,
      'Backup:ListBackupSelections': 1,
      'Backup:ListProtectedResources': 1,
      'DynamoDB:ListTables': 1,
      'DynamoDB:ListTagsOfResource': 2,
      'EC2:DescribeInstances': 1,
      'EC2:DescribeVolumes': 1,
      'RDS:DescribeDBInstances': 1,
    });
  });
});
