import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { DeregisterImageCommand, EC2Client, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedAmi } from '../../../src/emulator/seeds/ami.js';
import { amiCollector } from '../../../auditors/ami/collect.js';
import { amiAuditor } from '../../../auditors/ami/index.js';
import { REGION, useEmulator } from '../../helpers/emulator.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

describe('amiCollector against the emulator', () => {
  it('the demo seed fails every check at least once; the private image passes ami-not-public with its share as evidence', async () => {
    // prepare
    const seed = await seedAmi(emulator.clients());
    const [publicImage, sharedImage] = seed.insecure;

    // act
    const inventory = await amiCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(amiAuditor.checks), inventory);

    // assert
    for (const check of amiAuditor.checks) assert.ok(results.some((r) => r.checkId === check.meta.id && r.status === 'FAILED'), `${check.meta.id} has a FAILED result`);
    assert.deepEqual(results.map((r) => `${r.resource.id} ${r.checkId}=${r.status}`).sort(), [
      `${publicImage} ami-encrypted=FAILED`,
      `${publicImage} ami-not-public=FAILED`,
      `${sharedImage} ami-encrypted=FAILED`,
      `${sharedImage} ami-not-public=PASSED`,
    ].sort());
    const shared = results.find((r) => r.resource.id === sharedImage && r.checkId === 'ami-not-public');
    assert.deepEqual(shared?.evidence.shared_with_accounts, ['111122223333']);
    // The emulator can make no encrypted image: the seed declares no compliant AMI.
    assert.deepEqual(seed.compliant, []);
  });

  it('reads the encryption the emulator leaves out of the mapping from the snapshot, and names images by ARN', async () => {
    // prepare
    const ec2 = emulator.clients().get(EC2Client);
    const { ImageId } = await ec2.send(new RegisterImageCommand({ Name: 'plain' }));

    // act
    const inventory = await amiCollector.collect(emulator.collectContext());

    // assert
    const item = inventory.images.find((i) => i.imageId === ImageId);
    assert.equal(item?.ref.arn, `arn:aws:ec2:${REGION}::image/${ImageId}`);
    assert.equal(item?.ref.type, 'Other');
    assert.deepEqual(item?.ebsDevices.map((d) => [d.deviceName, d.encrypted]), [['/dev/sda1', { ok: true, value: false }]]);
    assert.deepEqual((item?.ref.details?.Other as Record<string, unknown>).Public, 'false');
  });

  it('reads each image\'s launch permissions once, and the snapshot encryption in one call', async () => {
    // prepare
    const ec2 = emulator.clients().get(EC2Client);
    for (const Name of ['a', 'b', 'c']) await ec2.send(new RegisterImageCommand({ Name }));
    const counter = new RequestCounter();

    // act
    const inventory = await amiCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.equal(inventory.images.length, 3);
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeImageAttribute': 3, 'EC2:DescribeImages': 1, 'EC2:DescribeSnapshots': 1 });
  });

  it('a region without images is an empty inventory and calls nothing more', async () => {
    // prepare
    const ec2 = emulator.clients().get(EC2Client);
    const { ImageId } = await ec2.send(new RegisterImageCommand({ Name: 'gone' }));
    await ec2.send(new DeregisterImageCommand({ ImageId }));
    const counter = new RequestCounter();

    // act
    const inventory = await amiCollector.collect(emulator.collectContext({ counter }));

    // assert
    assert.deepEqual(inventory.images, []);
    assert.deepEqual(counter.snapshot(), { 'EC2:DescribeImages': 1 });
  });
});
