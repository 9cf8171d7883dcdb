/**
 * Region names as aws-cli users give them: --region as well as --regions, every
 * name checked (flags, AWS_REGION, the config) before any AWS call, and the
 * profile's region when --profile is the only hint. No emulator: nothing here
 * reaches AWS.
 */
import { afterAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyConfig, parseScanArgs, settleRegions } from '../../src/cli/scan-command.js';
import { scannedHomeRegion } from '../../src/cli/run-command.js';
import type { RampartConfig } from '../../src/config/schema.js';
import { runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'rampart-regions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An environment with no region, endpoint or profile of the machine running the tests. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: join(scratch, 'none-config'), AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'none-credentials') };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_PROFILE']) delete env[name];
  return { ...env, ...extra };
}

/** AWS config files holding the given profiles' regions. */
function awsConfigFiles(profiles: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(scratch, 'aws-'));
  const config = Object.entries(profiles).map(([name, region]) => `[profile ${name}]\n${region ? `region = ${region}\n` : ''}output = json\n`).join('\n');
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), '');
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

describe('region names', () => {
  it('--region is --regions by another name; giving both is an error naming both', async () => {
    // act
    const single = parseScanArgs(['--region', 'eu-west-1'], cleanEnv());
    const both = await runCli(['scan', '--region', 'eu-west-1', '--regions', 'us-east-1'], cleanEnv());
    // assert
    assert.deepEqual(single.options.regions, ['eu-west-1']);
    assert.equal(single.options.homeRegion, 'eu-west-1');
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'rampart: --region and --regions both given: they are the same option, give one of them\n');
  });

  it('a well-formed name that is not an AWS region is refused before any AWS call, with the likely name', async () => {
    // act
    const typo = await runCli(['scan', '--region', 'us-eats-1'], cleanEnv());
    const unknown = await runCli(['scan', '--regions', 'us-east-1,us-east-9'], cleanEnv());
    const malformed = await runCli(['scan', '--regions', 'moon'], cleanEnv());
    // assert
    assert.equal(typo.code, 2);
    assert.equal(typo.stderr, 'rampart: --region us-eats-1 is not an AWS region: did you mean us-east-1? (or all, for every enabled region)\n');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^rampart: --regions us-east-9 is not an AWS region: did you mean us-east-1\? \(or all, for every enabled region\)\n$/);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /^rampart: --regions moon is not a region name: use a name such as us-east-1 or eu-west-1/);
  });

  it('AWS_REGION, AWS_DEFAULT_REGION and --home-region are checked the same way, each named', async () => {
    // act
    const envRegion = await runCli(['scan'], cleanEnv({ AWS_REGION: 'us-eats-1' }));
    const defaultRegion = await runCli(['scan'], cleanEnv({ AWS_DEFAULT_REGION: 'eu-wset-1' }));
    const homeRegion = await runCli(['scan', '--home-region', 'us_east_1'], cleanEnv());
    // assert
    assert.equal(envRegion.code, 2);
    assert.equal(envRegion.stderr, 'rampart: AWS_REGION=us-eats-1 is not an AWS region: did you mean us-east-1?\n');
    assert.equal(defaultRegion.stderr, 'rampart: AWS_DEFAULT_REGION=eu-wset-1 is not an AWS region: did you mean eu-west-1?\n');
    assert.match(homeRegion.stderr, /^rampart: --home-region us_east_1 is not a region name: did you mean us-east-1\?\n$/);
  });

  it('the config\'s regions and homeRegion are checked like the flags', async () => {
    // prepare
    const regions = join(scratch, 'regions.yaml');
    writeFileSync(regions, 'regions: [eu-west-1, eu-wets-2]\n');
    const home = join(scratch, 'home.yaml');
    writeFileSync(home, 'homeRegion: ap-southeast-9\n');
    // act
    const badRegions = await runCli(['scan', '--config', regions], cleanEnv());
    const badHome = await runCli(['scan', '--config', home], cleanEnv());
    // assert
    assert.equal(badRegions.code, 2);
    assert.equal(badRegions.stderr, 'rampart: config regions: eu-wets-2 is not an AWS region: did you mean eu-west-2? (or all, for every enabled region)\n');
    assert.equal(badHome.code, 2);
    assert.match(badHome.stderr, /^rampart: config homeRegion: ap-southeast-9 is not an AWS region: did you mean ap-southeast-1\?\n$/);
  });

  it('with an endpoint override a well-formed unknown name is the endpoint\'s to judge', () => {
    // act
    const args = parseScanArgs(['--regions', 'us-east-9', '--endpoint-url', 'http://127.0.0.1:5000'], cleanEnv());
    // assert
    assert.deepEqual(args.options.regions, ['us-east-9']);
    assert.throws(() => parseScanArgs(['--regions', 'moon', '--endpoint-url', 'http://127.0.0.1:5000'], cleanEnv()), /--regions moon is not a region name/);
  });

  it('--profile with no other region uses the profile\'s region; any region given wins over it', async () => {
    // prepare
    const env = cleanEnv(awsConfigFiles({ audit: 'eu-central-1' }));
    const settle = async (argv: string[], envOf = env) => {
      const args = parseScanArgs(argv, envOf);
      const options = applyConfig(args.options, {});
      await settleRegions(options, args, envOf);
      return options.homeRegion;
    };
    // act + assert
    assert.equal(await settle(['--profile', 'audit']), 'eu-central-1');
    assert.equal(await settle(['--profile', 'audit', '--regions', 'us-west-2']), 'us-west-2');
    assert.equal(await settle(['--profile', 'audit', '--home-region', 'sa-east-1']), 'sa-east-1');
    assert.equal(await settle(['--profile', 'audit'], { ...env, AWS_REGION: 'ap-south-1' }), 'ap-south-1');
    assert.equal(await settle([]), 'us-east-1');
  });

  it('rampart run reports and fixes in the home region its scan used: the profile\'s, the config\'s, the flag\'s', async () => {
    // prepare
    const env = cleanEnv(awsConfigFiles({ audit: 'eu-central-1' }));
    const homeOf = async (argv: string[], config: RampartConfig = {}) => (await scannedHomeRegion(parseScanArgs(argv, env), config, env)).homeRegion;
    // act + assert
    assert.equal(await homeOf(['--profile', 'audit']), 'eu-central-1');
    assert.equal(await homeOf(['--profile', 'audit'], { homeRegion: 'eu-west-3' }), 'eu-west-3');
    assert.equal(await homeOf(['--profile', 'audit', '--home-region', 'sa-east-1'], { homeRegion: 'eu-west-3' }), 'sa-east-1');
  });

  it('an unknown profile is named as one, with the config files it is not in', async () => {
    // prepare
    const files = awsConfigFiles({ audit: 'eu-central-1' });
    // act
    const run = await runCli(['scan', '--profile', 'audti'], cleanEnv(files));
    // assert
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `rampart: profile "audti" is not in the AWS config files (${files.AWS_CONFIG_FILE}, ${files.AWS_SHARED_CREDENTIALS_FILE}): check the name, or add it with aws configure --profile audti\n`);
  });

  it('prune and insights take --region too, checked the same way', async () => {
    // act
    const prune = await runCli(['prune', '--home-region', 'us-east-1', '--region', 'us-eats-1'], cleanEnv());
    const insights = await runCli(['insights', 'sync', '--region', 'eu-wset-1'], cleanEnv());
    // assert
    assert.equal(prune.code, 2);
    assert.match(prune.stderr, /^rampart: --region us-eats-1 is not an AWS region: did you mean us-east-1\?/);
    assert.equal(insights.code, 2);
    assert.match(insights.stderr, /^rampart: --region eu-wset-1 is not an AWS region: did you mean eu-west-1\?/);
  });
});
