/**
 * The deployment config: a bad one is refused with the field and the fix, "$comment" is
 * ignored, `rampart init-infra` prints one that synthesizes, and the task's own scan config
 * and command are ones rampart accepts.
 */
import { afterAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InfraConfigError, loadInfraConfig, parseInfraConfig, type InfraConfigInput } from '../../infra/config.js';
import { deploymentOf, taskConfig } from '../../infra/deployment.js';
import { mirrorCliConfig, parseDeployArgs, terraformEnv } from '../../infra/deploy.js';
import { IMAGE_ENTRYPOINT, TASK_CONFIG_PATH, containerDefinitions, RUN_COMMAND, WORKER_COMMAND } from '../../infra/stacks/home.js';
import { parseConfigText } from '../../src/config/load.js';
import { EXAMPLE_PATH, exampleInput, synthesize } from './synthesize.js';

const scratch = mkdtempSync(join(tmpdir(), 'rampart-infra-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function refusal(input: unknown): string {
  try {
    parseInfraConfig(input, 'rampart.infra.json');
  } catch (error) {
    assert.ok(error instanceof InfraConfigError, String(error));
    return error.message;
  }
  assert.fail('the config was accepted');
}

function rampart(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['dist/src/cli/bin.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('deployment config', () => {
  it('names the field and the fix for each mistake', () => {
    // prepare
    const input = {
      ...exampleInput(),
      home: { accountId: '11111111111', region: 'us-east-1' },
      logRetentionDays: 100,
      task: { cpu: 1024, memory: 1024 },
      schedule: { expression: 'every 12 hours' },
      environment: { RAMPART_SLACK_TOKEN: 'xoxb-1' },
      orgFanout: { enabled: true, accountsSource: 'everything' },
      bogus: true,
    };

    // act
    const message = refusal(input);

    // assert
    for (const line of [
      'home.accountId: must be a 12-digit AWS account id, as a string ("123456789012")',
      'logRetentionDays: must be one of CloudWatch Logs\' retention periods: 1, 3, 5,',
      'task.memory: must fit cpu 1024: Fargate allows 2048 to 8192 in steps of 1024 MiB',
      'schedule.expression: must be an EventBridge Scheduler expression such as rate(12 hours)',
      'environment.RAMPART_SLACK_TOKEN: is not allowed: only RAMPART_JIRA_URL, RAMPART_JIRA_EMAIL, RAMPART_SLACK_API_URL (tokens go in the secrets',
      'orgFanout.accountsSource: must be "organizations" or a list of 12-digit account ids',
      '(top level): unknown field(s) "bogus": remove them or check the spelling',
    ]) assert.ok(message.includes(line), `${line}\n--- in ---\n${message}`);
    assert.ok(message.startsWith('infra config rampart.infra.json is invalid:'));
  });

  it('refuses what only makes sense across fields: a member twice, a scan setting the deployment owns, remediation off for a member marked for it', () => {
    // act
    const twice = refusal({ ...exampleInput(), members: [{ accountId: '222222222222' }, { accountId: '222222222222' }] });
    const owned = refusal({ ...exampleInput(), rampart: { table: 'other', remediation: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q' }, reporting: { secrets: {} } } });
    const off = refusal({ ...exampleInput(), remediation: { enabled: false } });
    const none = refusal({ ...exampleInput(), members: [] });
    const fanout = refusal({ ...exampleInput(), regions: 'all', orgFanout: { enabled: true, accountsSource: 'organizations' } });

    // assert
    assert.match(twice, /members\.1\.accountId: account 222222222222 is listed twice: one member stack per account/);
    assert.match(owned, /rampart\.table: is set by the deployment from tableName: remove it here/);
    assert.match(owned, /rampart\.remediation\.queueUrl: is set by the deployment from remediation\.enabled \(the stack creates the queue\): remove it here/);
    assert.match(owned, /rampart\.reporting\.secrets: is set by the deployment from secrets/);
    assert.match(off, /members\.0\.remediation: needs remediation\.enabled: true/);
    assert.match(none, /members: must list the accounts rampart scans, at least one/);
    assert.match(fanout, /orgFanout\.maxConcurrency: is required when the fan-out is enabled: derive it from the Fargate vCPU quota/);
    assert.match(fanout, /regions: must list the regions when orgFanout is enabled/);
  });

  it('ignores "$comment" at any depth, and fills the defaults', () => {
    // prepare
    const input = { $comment: 'top', home: { $comment: 'h', accountId: '111111111111', region: 'eu-west-1' }, members: [{ $comment: 'm', accountId: '111111111111' }], image: { tag: '1.0.0' }, roles: { externalId: 'abc123' } };

    // act
    const config = parseInfraConfig(input, 'x.json');

    // assert
    assert.equal(config.schedule.expression, 'rate(12 hours)');
    assert.equal(config.logRetentionDays, 365);
    assert.deepEqual(config.network, { createVpc: { cidr: '10.42.0.0/16', availabilityZones: 2 } });
    assert.equal(config.remediation.enabled, false);
    assert.equal(config.roles.audit, 'RampartAudit');
  });

  it('says what is wrong with the file itself', async () => {
    // prepare
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{ "home": ');

    // act and assert
    await assert.rejects(loadInfraConfig(join(scratch, 'missing.json')), /missing\.json does not exist: pass the path of a JSON deployment config \(rampart init-infra prints one\)/);
    await assert.rejects(loadInfraConfig(broken), /broken\.json is not valid JSON/);
  });

  it('npm run synth with a bad config exits 2 and names the field', () => {
    // prepare
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...exampleInput(), image: { tag: 'has space' } }));

    // act
    const run = spawnSync(process.execPath, ['dist/infra/main.js', '--config', bad, '--outdir', join(scratch, 'out')], { encoding: 'utf8' });

    // assert
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /image\.tag: must be an image tag such as 0\.1\.0/);
    assert.equal(existsSync(join(scratch, 'out')), false);
  });
});

describe('rampart init-infra', () => {
  it('prints a commented config that validates and synthesizes, with a fresh external id', () => {
    // act
    const first = rampart(['init-infra', '--home-account', '333333333333', '--region', 'eu-central-1', '--members', '333333333333,444444444444']);
    const second = rampart(['init-infra']);

    // assert
    assert.equal(first.status, 0, first.stderr);
    const raw = JSON.parse(first.stdout) as InfraConfigInput & { $comment: string };
    assert.match(raw.$comment, /npm run synth/);
    const synthesized = synthesize(raw);
    synthesized.cleanup();
    assert.deepEqual(Object.keys(synthesized.stacks).sort(), ['home', 'member-333333333333', 'member-444444444444']);
    const other = JSON.parse(second.stdout) as InfraConfigInput;
    assert.notEqual(other.roles.externalId, raw.roles.externalId);
    assert.equal(other.home.region, 'us-east-1');
  });

  it('refuses a bad account id or region with the flag named', () => {
    // act
    const account = rampart(['init-infra', '--home-account', '12']);
    const region = rampart(['init-infra'], { AWS_REGION: 'nowhere' });

    // assert
    assert.equal(account.status, 2);
    assert.match(account.stderr, /--home-account 12: expected a 12-digit account id/);
    assert.equal(region.status, 2);
    assert.match(region.stderr, /AWS_REGION=nowhere is not a region name: use a name such as us-east-1/);
  });
});

describe('the task', () => {
  it('runs with a scan config rampart accepts, holding what the deployment decided', () => {
    // prepare
    const deployment = deploymentOf(parseInfraConfig(exampleInput(), EXAMPLE_PATH));

    // act
    const config = parseConfigText(JSON.stringify(taskConfig(deployment)), 'rampart.json');

    // assert
    assert.deepEqual(config.accounts, ['222222222222']);
    assert.equal(config.roleName, 'RampartAudit');
    assert.equal(config.table, 'rampart-findings');
    assert.deepEqual(config.remediation, {
      backupBucket: 'rampart-backups-111111111111-us-east-1', accounts: ['222222222222'], queueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/rampart-remediation', roleName: 'RampartRemediation', maxReceives: 5,
    });
    assert.deepEqual(config.reporting?.secrets, { jiraApiToken: { secretsManagerSecret: 'rampart/jira-api-token' }, slackToken: { secretsManagerSecret: 'rampart/slack-token' } });
  });

  it('the container\'s entry point writes the config and starts the image\'s entrypoint with flags rampart accepts', () => {
    // prepare: the image's entrypoint as this checkout holds it (the Dockerfile names it), the config in the scratch dir
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    assert.ok(dockerfile.includes(`ENTRYPOINT ["${IMAGE_ENTRYPOINT}"]`), `the Dockerfile's ENTRYPOINT is ${IMAGE_ENTRYPOINT}`);
    const deployment = deploymentOf(parseInfraConfig(exampleInput(), EXAMPLE_PATH));
    const configFile = join(scratch, 'task-config.json');

    for (const command of [RUN_COMMAND, WORKER_COMMAND]) {
      const [container] = JSON.parse(containerDefinitions(deployment, command, 'test')) as Array<{ entryPoint: string[]; command: string[]; environment: Array<{ name: string; value: string }> }>;
      assert.ok(container);
      const [shell, flag, script, name] = container.entryPoint;
      const local = String(script).replace(IMAGE_ENTRYPOINT, resolve('docker/entrypoint.sh')).replaceAll(TASK_CONFIG_PATH, configFile);
      const env = Object.fromEntries(container.environment.map((e) => [e.name, e.value.replaceAll('$${', '${')]));

      // act: --help after the task's own flags, so an unknown flag fails and nothing calls AWS
      const run = spawnSync(String(shell), [String(flag), local, String(name), ...container.command.map((a) => a.replaceAll(TASK_CONFIG_PATH, configFile)), '--help'], {
        encoding: 'utf8',
        env: { ...process.env, ...env, RAMPART_CGROUP_ROOT: scratch },
      });

      // assert
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Usage: rampart ${command[0]}`));
      assert.deepEqual(parseConfigText(readFileSync(configFile, 'utf8'), configFile), taskConfig(deployment));
      rmSync(configFile);
    }
  });
});

describe('npm run deploy', () => {
  it('takes the stack, its own flags, and passes the rest to terraform plan', () => {
    // act
    const args = parseDeployArgs(['home', '--auto-approve', '-target=aws_sqs_queue.q', '-var', 'x=1']);

    // assert
    assert.deepEqual(args, { stack: 'home', outdir: 'cdktf.out', autoApprove: true, planOnly: false, terraformArgs: ['-target=aws_sqs_queue.q', '-var', 'x=1'] });
    assert.throws(() => parseDeployArgs([]), /name the stack to deploy: npm run deploy -- <stack>/);
  });

  it('points terraform at the plugin mirror when there is one, and changes nothing otherwise', () => {
    // act
    const withMirror = terraformEnv(join(scratch, 'deploy'), { PATH: '/bin' }, scratch);
    const without = terraformEnv(join(scratch, 'deploy'), { PATH: '/bin' }, join(scratch, 'no-mirror'));

    // assert
    assert.equal(readFileSync(String(withMirror.TF_CLI_CONFIG_FILE), 'utf8'), mirrorCliConfig(scratch));
    assert.match(mirrorCliConfig(), /filesystem_mirror \{\n\s+path\s+= "\/opt\/tf-plugins"/);
    assert.deepEqual(without, { PATH: '/bin' });
  });

  it('names the synthesized stacks when asked for another', () => {
    // prepare
    const outdir = join(scratch, 'deploy-out');
    synthesize(exampleInput(), outdir);

    // act
    const run = spawnSync(process.execPath, ['dist/infra/deploy.js', 'nosuch', '--outdir', outdir], { encoding: 'utf8' });

    // assert
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no synthesized stack nosuch in .*: the stacks are home, member-222222222222/);
  });
});
