/**
 * `npm run synth [-- --config <file>]`: plain Terraform JSON for every stack of a deployment,
 * in cdktf.out/stacks/<stack>/cdk.tf.json (no cdktf-cli). Without --config: the example
 * deployment in infra/examples/rampart.infra.json.
 */
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from './app.js';
import { DEFAULT_OUTDIR } from './deploy.js';
import { InfraConfigError, SynthError, loadInfraConfig } from './config.js';
import { orgFanoutExtension } from './fanout-wiring.js';

const EXAMPLE = fileURLToPath(new URL('../../infra/examples/rampart.infra.json', import.meta.url));

const HELP = `Usage: npm run synth [-- --config <file>] [--outdir <dir>]

Synthesizes the home stack and one stack per member account to
<outdir>/stacks/<stack>/cdk.tf.json (default outdir ${DEFAULT_OUTDIR}).
Without --config: ${relative(process.cwd(), EXAMPLE)}. Then: npm run deploy -- <stack>`;

export async function synth(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { config: { type: 'string' }, outdir: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    write(HELP);
    return 0;
  }
  const started = performance.now();
  const config = await loadInfraConfig(values.config ?? EXAMPLE);
  const outdir = values.outdir ?? DEFAULT_OUTDIR;
  const fanout = config.orgFanout?.enabled ? orgFanoutExtension() : undefined;
  const built = buildApp(config, outdir, fanout ? [fanout] : []);
  built.app.synth();
  for (const stack of [built.home, ...built.members]) write(`${join(outdir, 'stacks', stack.node.id, 'cdk.tf.json')}`);
  write(`synthesized ${1 + built.members.length} stack(s) in ${Math.round(performance.now() - started)} ms; deploy one with: npm run deploy -- <stack>`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  synth(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof InfraConfigError || error instanceof SynthError || (error instanceof Error && error.name === 'OrgFanoutConfigError') || (error instanceof Error && error.name === 'TypeError' && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'));
      console.error(`synth: ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(known ? 2 : 1);
    },
  );
}
