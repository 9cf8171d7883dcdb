import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { RequestCounter } from '../../../src/aws/request-counter.js';
import { evaluateChecks } from '../../../src/core/runner.js';
import { seedWorkSpaces } from '../../../src/emulator/seeds/workspaces.js';
import { workspacesCollector } from '../../../auditors/workspaces/collect.js';
import { workspacesAuditor } from '../../../auditors/workspaces/index.js';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../../helpers/emulator.js';
import { statusTable } from '../../helpers/status-table.js';
import { task } from './fixtures.js';

const emulator = useEmulator();

const CHECK_ORDER = [
  'workspaces-workspace-user-volume-encrypted',
  'workspaces-workspace-root-volume-encrypted',
  'workspaces-workspace-running-mode-auto-stop',
  'workspaces-directory-no-default-internet-access',
] as const;

describe('workspacesCollector against the emulator', () => {
  it('the demo seed fails every check at least once and its decoys fail none', async () => {
    // prepare
    const seed = await seedWorkSpaces(emulator.clients());
    const [openDirectory, plain] = seed.insecure as [string, string];
    const [closedDirectory, hardened] = seed.compliant as [string, string];

    // act
    const inventory = await workspacesCollector.collect(emulator.collectContext());
    const { results } = evaluateChecks(task(workspacesAuditor.checks), inventory);

    // assert
    assert.deepEqual(statusTable(results, CHECK_ORDER), {
      //              user    root    auto-stop internet
      [plain]:           ['FAIL', 'FAIL', 'FAIL', '-'],
      [hardened]:        ['PASS', 'PASS', 'PASS', '-'],
      [openDirectory]:   ['-', '-', '-', 'FAIL'],
      [closedDirectory]: ['-', '-', '-', 'PASS'],
    });
  });

  it('names WorkSpaces and directories by ARN, with their tags, in one DescribeTags call each', async () => {
    // prepare
    const seed = await seedWorkSpaces(emulator.clients());
    const counter = new RequestCounter();

    // act
    const inventory = await workspacesCollector.collect(emulator.collectContext({ counter }));

    // assert
    const plain = inventory.workspaces.find((w) => w.workspaceId === seed.insecure[1]);
    assert.deepEqual(plain?.ref, {
      type: 'AwsWorkSpacesWorkspace',
      arn: `arn:aws:workspaces:${REGION}:${DEFAULT_ACCOUNT}:workspace/${seed.insecure[1]}`,
      id: seed.insecure[1],
      region: REGION,
      partition: 'aws',
      tags: { owner: 'desktop-team' },
    });
    assert.deepEqual(inventory.directories.map((d) => [d.ref.type, d.ref.arn, d.directoryName]).sort(), [
      ['Other', `arn:aws:workspaces:${REGION}:${DEFAULT_ACCOUNT}:directory/${seed.compliant[0]}`, 'corp.demo.example.com'],
      ['Other', `arn:aws:workspaces:${REGION}:${DEFAULT_ACCOUNT}:directory/${seed.insecure[0]}`, 'open.demo.example.com'],
    ].sort());
    assert.deepEqual(counter.snapshot(), { 'WorkSpaces:DescribeTags': 4, 'WorkSpaces:DescribeWorkspaceDirectories': 1, 'WorkSpaces:DescribeWorkspaces': 1 });
  });

  it('an account without WorkSpaces has an empty inventory', async () => {
    assert.deepEqual(await workspacesCollector.collect(emulator.collectContext()), { workspaces: [], directories: [] });
  });
});
