/**
 * The built bundle runs with the container's entrypoint (no Docker engine here,
 * so the entrypoint script itself is run), and the script gives Node's heap
 * 75 % of the container's memory limit, read from fake cgroup files.
 */
import { afterAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { CONTAINER_NODE_FLAGS } from '../../scripts/bench-common.js';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const WORKDIR = '/app/';
const scratch = mkdtempSync(join(tmpdir(), 'rampart-entrypoint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The ENTRYPOINT script as a path in this checkout (the image's WORKDIR is the repository root). */
function entrypointScript(): string {
  const dockerfile = readFileSync('Dockerfile', 'utf8').split('\n');
  assert.ok(dockerfile.includes(`WORKDIR ${WORKDIR.slice(0, -1)}`));
  const line = dockerfile.find((l) => l.startsWith('ENTRYPOINT '));
  assert.ok(line, 'the Dockerfile has an ENTRYPOINT');
  const [script, ...rest] = JSON.parse(line.slice('ENTRYPOINT '.length)) as string[];
  assert.deepEqual(rest, []);
  if (!script?.startsWith(WORKDIR)) assert.fail(`the ENTRYPOINT ${script} lives in the image's WORKDIR`);
  assert.ok(dockerfile.some((l) => l.startsWith('COPY ') && l.endsWith(` ./${script.slice(WORKDIR.length)}`)), 'the image holds the entrypoint script');
  return script.slice(WORKDIR.length);
}

/** A cgroup tree with the given files, e.g. { 'memory.max': 'max' }. */
function cgroupRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, 'cgroup-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), `${content}\n`);
  }
  return root;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv, pathFirst = dirname(process.execPath)) {
  return spawnSync(entrypointScript(), args, {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${pathFirst}${delimiter}${process.env.PATH ?? ''}`, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
}

/** A stand-in `node` that prints the NODE_OPTIONS and arguments it was started with. */
function fakeNode(): string {
  const dir = mkdtempSync(join(scratch, 'bin-'));
  writeFileSync(join(dir, 'node'), '#!/bin/sh\nprintf \'%s\\n\' "${NODE_OPTIONS-unset}" "$@"\n');
  chmodSync(join(dir, 'node'), 0o755);
  return dir;
}

describe('container entrypoint', () => {
  it('runs the built CLI: --version, checks, and a clear error for bad input', () => {
    const env = { RAMPART_CGROUP_ROOT: cgroupRoot({ 'memory.max': String(512 * 1024 * 1024) }) };
    const version = run(['--version'], env);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
    const checks = run(['checks', '--format', 'json'], env);
    assert.equal(checks.status, 0, checks.stderr);
    assert.ok((JSON.parse(checks.stdout) as unknown[]).length > 0);
    const bad = run(['scan', '--fail-on', 'nope'], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^rampart: --fail-on nope: expected one of/);
  });

  describe('heap size', () => {
    const node = fakeNode();
    /** The NODE_OPTIONS the CLI is started with ("unset" when none). */
    const nodeOptions = (files: Record<string, string>, env: NodeJS.ProcessEnv = {}): string => {
      const result = run(['scan', '--regions', 'all'], { RAMPART_CGROUP_ROOT: cgroupRoot(files), ...env }, node);
      assert.equal(result.status, 0, result.stderr);
      const [options, ...args] = result.stdout.trimEnd().split('\n');
      assert.deepEqual(args, [...CONTAINER_NODE_FLAGS, `${dirname(entrypointScript())}/../dist/src/cli/bin.js`, 'scan', '--regions', 'all']);
      return options ?? '';
    };
    const withoutNodeOptions = { NODE_OPTIONS: undefined };

    it('is 75 % of a cgroup v2 limit, in MiB rounded down', () => {
      assert.equal(nodeOptions({ 'memory.max': String(512 * 1024 * 1024) }, withoutNodeOptions), '--max-old-space-size=384');
      // Fargate sizes in MiB; a limit in decimal bytes still rounds down: 10^9 × 0.75 / 2^20 = 715.3
      assert.equal(nodeOptions({ 'memory.max': '1000000000' }, withoutNodeOptions), '--max-old-space-size=715');
    });

    it('is 75 % of a cgroup v1 limit', () => {
      assert.equal(nodeOptions({ 'memory/memory.limit_in_bytes': String(4 * 1024 ** 3) }, withoutNodeOptions), '--max-old-space-size=3072');
    });

    it('is left to Node when there is no limit', () => {
      assert.equal(nodeOptions({ 'memory.max': 'max' }, withoutNodeOptions), 'unset');
      assert.equal(nodeOptions({ 'memory/memory.limit_in_bytes': '9223372036854771712' }, withoutNodeOptions), 'unset');
      assert.equal(nodeOptions({}, withoutNodeOptions), 'unset');
    });

    it('is added to other NODE_OPTIONS, and never overrides a heap size set there', () => {
      const limit = { 'memory.max': String(2 * 1024 ** 3) };
      assert.equal(nodeOptions(limit, { NODE_OPTIONS: '--enable-source-maps' }), '--enable-source-maps --max-old-space-size=1536');
      assert.equal(nodeOptions(limit, { NODE_OPTIONS: '--max-old-space-size=900' }), '--max-old-space-size=900');
      assert.equal(nodeOptions(limit, { NODE_OPTIONS: '--enable-source-maps --max_old_space_size=900' }), '--enable-source-maps --max_old_space_size=900');
    });
  });

  it('the benchmark measures scans with the Node flags the container runs them with', () => {
    const exec = readFileSync('docker/entrypoint.sh', 'utf8').split('\n').find((line) => line.startsWith('exec node ')) ?? '';
    for (const flag of CONTAINER_NODE_FLAGS) assert.ok(exec.split(' ').includes(flag), `${flag} in: ${exec}`);
  });
});

/** The runtime stage's COPY lines, as [from-build?, source, destination]. */
function runtimeCopies(): Array<{ fromBuild: boolean; source: string; destination: string }> {
  const stages = readFileSync('Dockerfile', 'utf8').split(/^FROM /m);
  const runtime = stages.at(-1) ?? '';
  return runtime.split('\n').filter((l) => l.startsWith('COPY ')).map((l) => {
    const parts = l.split(/\s+/).slice(1);
    const fromBuild = parts[0] === '--from=build';
    const [source, destination] = fromBuild ? parts.slice(1) : parts;
    return { fromBuild, source: source ?? '', destination: destination ?? '' };
  });
}

describe('container image', () => {
  it('runs as a non-root user, with production dependencies only, and `run` as its default command', () => {
    // prepare
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const runtime = dockerfile.split(/^FROM /m).at(-1) ?? '';
    // assert
    assert.match(dockerfile, /^FROM node:22-slim AS build$/m);
    assert.match(runtime, /^node:22-slim$/m);
    assert.match(runtime, /^USER node$/m);
    assert.match(dockerfile, /npm prune --omit=dev/);
    assert.deepEqual(JSON.parse(/^CMD (.*)$/m.exec(runtime)?.[1] ?? '[]'), ['run', '--no-progress', '--log-format', 'json']);
  });

  it('the runtime layout built as the Dockerfile builds it runs through the entrypoint: the catalogue and the insight definitions', () => {
    // prepare: the image's /app, from the same sources and the Dockerfile's own COPY lines
    const app = mkdtempSync(join(scratch, 'app-'));
    const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', join(app, 'dist')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    for (const { fromBuild, source, destination } of runtimeCopies()) {
      const from = fromBuild ? source.replace(/^\/app\//, '') : source;
      if (from.startsWith('dist/')) continue; // compiled above
      const target = join(app, destination);
      mkdirSync(dirname(target), { recursive: true });
      if (from === 'node_modules') spawnSync('ln', ['-s', join(process.cwd(), 'node_modules'), target]);
      else spawnSync('cp', ['-R', from, target]);
    }
    const entry = join(app, entrypointScript());
    const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', RAMPART_CGROUP_ROOT: cgroupRoot({ 'memory.max': 'max' }) };
    // act
    const checks = spawnSync(entry, ['checks', '--format', 'json'], { encoding: 'utf8', env, cwd: scratch });
    const insights = spawnSync(entry, ['insights', 'list', '--offline'], { encoding: 'utf8', env, cwd: scratch });
    // assert
    assert.equal(checks.status, 0, checks.stderr);
    assert.ok((JSON.parse(checks.stdout) as unknown[]).length > 50);
    assert.equal(insights.status, 0, insights.stderr);
    assert.match(insights.stdout, /rampart: /, 'the image ships the insight definitions where the CLI finds them');
  });
});
