/**
 * Every synthesized stack is plain Terraform that terraform itself accepts: `terraform init`
 * (offline: the hashicorp/aws provider from the /opt/tf-plugins filesystem mirror) and
 * `terraform validate`, run on the example deployment and on a variant that takes the other
 * branches (given subnets, remediation off). Skipped, saying why, without terraform or the mirror.
 */
import { afterAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_MIRROR, terraformEnv } from '../../infra/deploy.js';
import { orgFanoutExtension } from '../../infra/fanout-wiring.js';
import { exampleInput, synthesize } from './synthesize.js';

const scratch = mkdtempSync(join(tmpdir(), 'rampart-terraform-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function whyNot(): string | undefined {
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (version.error) return 'terraform is not on the PATH: install terraform >= 1.5 to validate the synthesized stacks';
  if (!existsSync(join(PLUGIN_MIRROR, 'registry.terraform.io/hashicorp/aws/5.100.0'))) return `no hashicorp/aws 5.100.0 in the ${PLUGIN_MIRROR} mirror: terraform init would need the network`;
  return undefined;
}

function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn('terraform', args, { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

const skip = whyNot();

describe.skipIf(skip !== undefined)(`terraform init and validate${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('accepts every synthesized stack, offline', async (t) => {
    // prepare
    const started = performance.now();
    // The example as npm run synth builds it: with the org fan-out.
    const example = synthesize(exampleInput(), join(scratch, 'example'), [orgFanoutExtension()]);
    const variant = synthesize({ ...exampleInput(), members: [{ accountId: '222222222222' }], remediation: { enabled: false }, orgFanout: { enabled: false, accountsSource: 'organizations' }, network: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] } }, join(scratch, 'variant'));
    const dirs = [
      ...Object.keys(example.stacks).map((stack) => join(example.outdir, 'stacks', stack)),
      join(variant.outdir, 'stacks', 'home'),
    ];
    const env = { ...terraformEnv(scratch), TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_PLUGIN_CACHE_DIR: '' };

    // act: two at a time (the machine has two cores; validate loads the provider's schema)
    const results: Array<{ dir: string; init: string; validate: { code: number | null; output: string } }> = [];
    const queue = [...dirs];
    await Promise.all([0, 1].map(async () => {
      for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
        const init = await terraform(['init', '-backend=false', '-input=false', '-no-color'], dir, env);
        assert.equal(init.code, 0, `terraform init in ${dir}:\n${init.output}`);
        results.push({ dir, init: init.output, validate: await terraform(['validate', '-no-color'], dir, env) });
      }
    }));
    void t.annotate(`terraform init + validate of ${dirs.length} stacks (with the org fan-out): ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // assert
    assert.equal(results.length, dirs.length);
    for (const { dir, init, validate } of results) {
      assert.match(init, /Installing hashicorp\/aws v5\.100\.0/, dir);
      assert.equal(validate.code, 0, `terraform validate in ${dir}:\n${validate.output}`);
      assert.match(validate.output, /Success! The configuration is valid\.\n/, dir);
      assert.doesNotMatch(validate.output, /Warning/, `${dir} validates without warnings:\n${validate.output}`);
    }
  });
});
