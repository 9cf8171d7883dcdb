/** The CLI process: a closed stdout pipe, and the Node-version notice in place of the SDK's warning. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { freePort } from '../../src/emulator/moto.js';

const BIN = 'dist/src/cli/bin.js';
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Runs the CLI, reads its stdout up to the first newline, closes the pipe, and waits for the exit. */
function firstLineThenClose(args: readonly string[]): Promise<{ line: string; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ line: out.split('\n')[0] ?? '', code, stderr }));
  });
}

/** The environment without the SDK warning switch the test runner may have set. */
function envWithoutSwitch(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  return env;
}

describe('the CLI process', () => {
  it('rampart checks --format json | head -1: exits 0, quietly', async () => {
    // act
    const run = await firstLineThenClose(['checks', '--format', 'json']);
    // assert
    assert.equal(run.line, '[');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
  });

  it('rampart permissions | head -1 and rampart --help | head -1 too', async () => {
    const permissions = await firstLineThenClose(['permissions']);
    const help = await firstLineThenClose(['--help']);
    assert.deepEqual([permissions.code, permissions.stderr, help.code, help.stderr], [0, '', 0, '']);
  });

  it(`one short line about Node ${NODE_MAJOR} instead of the SDK's warning${NODE_MAJOR >= 22 ? ' (none on Node 22)' : ''}, only where the SDK is used`, async () => {
    // prepare: a scan whose first call is refused (the SDK client is made, and would warn)
    const port = await freePort();
    // act
    const scan = spawnSync(process.execPath, [BIN, 'scan', '--endpoint-url', `http://127.0.0.1:${port}`, '--regions', 'us-east-1', '--no-progress'], { encoding: 'utf8', env: envWithoutSwitch() });
    const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: envWithoutSwitch() });
    // assert
    const lines = scan.stderr.trimEnd().split('\n');
    assert.equal(scan.status, 2, scan.stderr);
    assert.doesNotMatch(scan.stderr, /NodeVersionSupportWarning|a\.co\//);
    if (NODE_MAJOR < 22) assert.deepEqual(lines.slice(0, 1), [`rampart: Node ${NODE_MAJOR} is past its end of life and AWS SDK releases from 2027 need Node 22: run rampart on Node 22`]);
    assert.equal(lines.length, NODE_MAJOR < 22 ? 2 : 1, scan.stderr);
    assert.match(lines.at(-1) ?? '', /^rampart: cannot reach /);
    assert.equal(version.stderr, '');
  });
});
