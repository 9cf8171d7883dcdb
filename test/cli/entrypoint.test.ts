/** The built bundle runs with the container's entrypoint (no Docker engine here, so the command itself is run). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

function dockerEntrypoint(): string[] {
  const line = readFileSync('Dockerfile', 'utf8').split('\n').find((l) => l.startsWith('ENTRYPOINT '));
  assert.ok(line, 'the Dockerfile has an ENTRYPOINT');
  return JSON.parse(line.slice('ENTRYPOINT '.length)) as string[];
}

describe('container entrypoint', () => {
  it('runs the built CLI: --version, checks, and a clear error for bad input', () => {
    const [command, ...args] = dockerEntrypoint();
    assert.equal(command, 'node');
    const run = (extra: string[]) => spawnSync(process.execPath, [...args, ...extra], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    const version = run(['--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
    const checks = run(['checks', '--format', 'json']);
    assert.equal(checks.status, 0, checks.stderr);
    assert.ok((JSON.parse(checks.stdout) as unknown[]).length > 0);
    const bad = run(['scan', '--fail-on', 'nope']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^rampart: --fail-on nope: expected one of/);
  });
});
