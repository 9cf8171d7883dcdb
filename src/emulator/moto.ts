/**
 * The local AWS emulator: starts moto_server on a free loopback port, waits
 * until it answers, and puts the Security Hub front (securityhub-front.ts) in
 * front of it, whose URL is the endpoint every client uses; resets both
 * between tests and stops both. When moto_server is not on the PATH it
 * installs moto[server] into a local virtualenv.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { startSecurityHubFront, type SecurityHubFront } from './securityhub-front.js';

export interface Emulator {
  /** The Security Hub front's URL, which passes everything else through to moto. */
  endpoint: string;
  /** The front's port. */
  port: number;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Where a virtualenv is made when moto_server is missing. */
  venvDir?: string;
  log?: (line: string) => void;
}

export class EmulatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmulatorError';
  }
}

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path.length > 0 ? path : undefined;
}

export function findOrInstallMoto(options: EmulatorOptions = {}): string {
  const fromEnv = process.env.RAMPART_MOTO_SERVER;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const existing = onPath('moto_server');
  if (existing) return existing;
  const venv = resolve(options.venvDir ?? join(process.cwd(), '.rampart', 'moto-venv'));
  const venvServer = join(venv, 'bin', 'moto_server');
  if (existsSync(venvServer)) return venvServer;
  if (process.env.RAMPART_NO_MOTO_INSTALL === '1') throw new EmulatorError('moto_server is not on the PATH and RAMPART_NO_MOTO_INSTALL=1 forbids installing it: put moto_server on the PATH or set RAMPART_MOTO_SERVER');
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new EmulatorError('moto_server is not installed and no python3 was found: install Python 3 and run `pip install "moto[server]"`');
  options.log?.(`moto_server not found: installing moto[server] into ${venv}`);
  mkdirSync(venv, { recursive: true });
  const steps: string[][] = [
    [python, '-m', 'venv', venv],
    [join(venv, 'bin', 'pip'), 'install', '--quiet', 'moto[server]'],
  ];
  for (const [command, ...args] of steps) {
    const run = spawnSync(command as string, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new EmulatorError(`could not install moto: \`${[command, ...args].join(' ')}\` exited ${run.status}; install it yourself with pip install "moto[server]"`);
  }
  return venvServer;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new EmulatorError(`moto_server exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmulatorError(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms`);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const binary = findOrInstallMoto(options);
  const motoPort = await freePort();
  const motoEndpoint = `http://127.0.0.1:${motoPort}`;
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(motoPort)], {
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let front: SecurityHubFront;
  try {
    await waitUntilAnswering(motoEndpoint, child, 30_000);
    front = await startSecurityHubFront({ upstream: motoEndpoint });
  } catch (error) {
    child.kill('SIGKILL');
    throw new EmulatorError(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const endpoint = front.url;
  return {
    endpoint,
    port: front.port,
    reset: () => resetEmulator(endpoint),
    async stop() {
      await front.close();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolveStop) => {
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}

/** Clears moto and the front's state. */
export async function resetEmulator(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new EmulatorError(`moto reset failed: HTTP ${response.status}`);
}

/** Environment for SDK calls against the emulator: fake credentials, never a real account. */
export function emulatorEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
