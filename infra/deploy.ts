/**
 * `npm run deploy -- <stack> [--auto-approve] [--plan-only] [terraform plan arguments…]`:
 * terraform init, plan and apply of one synthesized stack (cdktf.out/stacks/<stack>), with
 * plain terraform. The hashicorp/aws provider comes from the /opt/tf-plugins filesystem
 * mirror when the machine has one (no network), else from the registry as usual.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';

export const PLUGIN_MIRROR = '/opt/tf-plugins';
/** cdktf.json's output: where npm run synth writes and npm run deploy reads. */
export const DEFAULT_OUTDIR = 'cdktf.out';

export const HELP = `Usage: npm run deploy -- <stack> [--auto-approve] [--plan-only] [--outdir <dir>] [terraform plan arguments…]

Runs terraform init, plan and apply in <outdir>/stacks/<stack> (npm run synth
writes it; default outdir ${DEFAULT_OUTDIR}). Arguments deploy does not know go
to terraform plan (e.g. -target=…, -destroy). The plan is applied after you
type yes, or at once with --auto-approve; without a terminal and without
--auto-approve, deploy stops after the plan.`;

export interface DeployArgs {
  stack: string;
  outdir: string;
  autoApprove: boolean;
  planOnly: boolean;
  terraformArgs: string[];
}

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

export function parseDeployArgs(argv: readonly string[]): DeployArgs | 'help' {
  const rest = [...argv];
  let stack: string | undefined;
  let outdir = DEFAULT_OUTDIR;
  let autoApprove = false;
  let planOnly = false;
  const terraformArgs: string[] = [];
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--auto-approve') autoApprove = true;
    else if (arg === '--plan-only') planOnly = true;
    else if (arg === '--outdir') outdir = rest.shift() ?? '';
    else if (!arg.startsWith('-') && stack === undefined) stack = arg;
    else terraformArgs.push(arg);
  }
  if (!stack) throw new DeployError('name the stack to deploy: npm run deploy -- <stack> (npm run synth lists them)');
  if (!/^[\w.-]+$/.test(stack)) throw new DeployError(`stack ${stack}: expected a stack name such as home or member-123456789012`);
  if (!outdir) throw new DeployError('--outdir needs a directory');
  return { stack, outdir, autoApprove, planOnly, terraformArgs };
}

/** A CLI config that installs hashicorp/aws from the mirror and nothing else from the network. */
export function mirrorCliConfig(mirror = PLUGIN_MIRROR): string {
  return `provider_installation {
  filesystem_mirror {
    path    = "${mirror}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`;
}

/** The environment terraform runs with: the mirror's CLI config when the machine has the mirror. */
export function terraformEnv(outdir: string, env: NodeJS.ProcessEnv = process.env, mirror = PLUGIN_MIRROR): NodeJS.ProcessEnv {
  if (!existsSync(mirror)) return { ...env };
  mkdirSync(outdir, { recursive: true });
  const file = resolve(outdir, 'terraform-mirror.tfrc');
  writeFileSync(file, mirrorCliConfig(mirror));
  return { ...env, TF_CLI_CONFIG_FILE: file, TF_IN_AUTOMATION: '1' };
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result: SpawnSyncReturns<Buffer> = spawnSync('terraform', args, { cwd, env, stdio: 'inherit' });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DeployError(missing ? 'terraform is not on the PATH: install terraform 1.5 or newer (or OpenTofu, as terraform)' : `terraform ${args[0]}: ${result.error.message}`);
  }
  if (result.status !== 0) throw new DeployError(`terraform ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function confirmed(stack: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question(`Apply this plan to stack ${stack}? Only "yes" applies: `)).trim() === 'yes';
  } finally {
    terminal.close();
  }
}

export async function deploy(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const args = parseDeployArgs(argv);
  if (args === 'help') {
    write(HELP);
    return 0;
  }
  const stacksDir = join(args.outdir, 'stacks');
  const dir = join(stacksDir, args.stack);
  if (!existsSync(join(dir, 'cdk.tf.json'))) {
    const known = existsSync(stacksDir) ? readdirSync(stacksDir) : [];
    throw new DeployError(`no synthesized stack ${args.stack} in ${stacksDir}: ${known.length > 0 ? `the stacks are ${known.join(', ')}` : 'run npm run synth first'}`);
  }
  const env = terraformEnv(args.outdir);
  run(['init', '-input=false'], dir, env);
  run(['plan', '-input=false', '-out=tfplan', ...args.terraformArgs], dir, env);
  if (args.planOnly) return 0;
  if (!args.autoApprove) {
    if (!process.stdin.isTTY) {
      write(`deploy: the plan is saved in ${join(dir, 'tfplan')}; apply it with --auto-approve, or run again on a terminal`);
      return 0;
    }
    if (!(await confirmed(args.stack))) {
      write('deploy: not applied');
      return 0;
    }
  }
  run(['apply', '-input=false', 'tfplan'], dir, env);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  deploy(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`deploy: ${error instanceof DeployError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(error instanceof DeployError ? 2 : 1);
    },
  );
}
