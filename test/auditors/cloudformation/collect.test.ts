import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedCloudFormation } from '../../../src/emulator/seeds/cloudformation.js';
import { cloudFormationCollector } from '../../../auditors/cloudformation/collect.js';
import { cloudformationAuditor } from '../../../auditors/cloudformation/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = ['cloudformation-stack-drift-checked-in-sync', 'cloudformation-stack-notifications-configured'] as const;

describe('cloudFormationCollector against the emulator', () => {
  it('collects every stack; the emulator reports no drift information, so the drift check is an ERROR there', async () => {
    // prepare
    await seedCloudFormation(emulator.clients());

    // act
    const inventory = await cloudFormationCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(cloudformationAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //                      drift   notifications
      'demo-stack-unwatched': ['ERRO', 'FAIL'],
      'demo-stack-watched':   ['ERRO', 'PASS'],
    });
    assert.match(results.find((r) => r.status === 'ERROR')?.summary ?? '', /did not report DriftInformation/);
  });

  it('the demo seed fails the notification check and its decoy fails nothing', async () => {
    // prepare
    const seed = await seedCloudFormation(emulator.clients());

    // act
    const { results } = evaluateChecks(task(cloudformationAuditor.checks), await cloudFormationCollector.collect(emulator.collectContext()));

    // assert
    assert.ok(results.some((r) => r.checkId === 'cloudformation-stack-notifications-configured' && r.status === 'FAILED' && seed.insecure.includes(r.resource.id)));
    assert.deepEqual(results.filter((r) => seed.compliant.includes(r.resource.id) && r.status === 'FAILED').map((r) => r.checkId), []);
  });

  it('names each stack by its stack id, with tags and ASFF details, in one listing call', async () => {
    // prepare
    await seedCloudFormation(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await cloudFormationCollector.collect(emulator.collectContext({ counter }));

    // assert
    const watched = inventory.stacks.find((s) => s.name === 'demo-stack-watched');
    assert.match(watched?.ref.arn ?? '', new RegExp(`^arn:aws:cloudformation:${REGION}:${DEFAULT_ACCOUNT}:stack/demo-stack-watched/[0-9a-f-]+$`));
    assert.deepEqual(watched?.notificationArns, [`arn:aws:sns:${REGION}:${DEFAULT_ACCOUNT}:demo-stack-events`]);
    assert.deepEqual(inventory.stacks.find((s) => s.name === 'demo-stack-unwatched')?.ref.tags, { owner: 'platform-team' });
    assert.equal((watched?.ref.details?.AwsCloudFormationStack as Record<string, unknown>).StackStatus, 'CREATE_COMPLETE');
    assert.deepEqual(counter.snapshot(), { 'CloudFormation:DescribeStacks': 1 });
  });

  it('a region without stacks is an empty inventory', async () => {
    const inventory = await cloudFormationCollector.collect(emulator.collectContext());
    assert.deepEqual(inventory.stacks, []);
  });
});
