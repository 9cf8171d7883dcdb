/**
 * The AWS SDK loads with the code that calls AWS, not at startup: `rampart --help`,
 * `rampart checks` and the auditor list import no SDK package. Each collector
 * loads its fetch.ts (and with it the SDK client) on its first collect(), and
 * each command's module loads only when that command runs. Every import the
 * process resolves is recorded by module hooks (test/helpers/record-imports.ts).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ImportRecord } from '../helpers/import-hooks.js';

const RECORDER = pathToFileURL('dist/test/helpers/record-imports.js').href;
const SDK_PACKAGE = /\/node_modules\/(@(?:aws-sdk|smithy)\/[^/]+)\//;


/** "package <- importing file" for every SDK package that rampart's own modules import, sorted. */
function sdkImports(args: readonly string[], status = 0): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-imports-'));
  try {
    const log = join(dir, 'imports.jsonl');
    const run = spawnSync(process.execPath, ['--import', RECORDER, ...args], {
      encoding: 'utf8',
      env: { ...process.env, RAMPART_IMPORT_LOG: log, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    assert.equal(run.status, status, run.stderr);
    const records = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ImportRecord);
    assert.ok(records.some((r) => r.url.endsWith('/dist/src/version.js') || r.url.endsWith('/dist/auditors/index.js')), 'the hooks saw rampart\'s own modules');
    const imports = new Set<string>();
    for (const { parent, url } of records) {
      if (!parent?.startsWith('file:') || parent.includes('/node_modules/')) continue;
      const sdkPackage = SDK_PACKAGE.exec(url)?.[1];
      if (sdkPackage) imports.add(`${sdkPackage} <- ${relative(process.cwd(), fileURLToPath(parent))}`);
    }
    return [...imports].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


const HEAVY = /\/node_modules\/(@(?:aws-sdk|smithy)\/[^/]+|zod|yaml)\/|\/dist\/auditors\//;

/** The heavy modules (SDK, zod, yaml, auditors) the process loads at all, by package or `auditors`, sorted. */
function heavyModules(args: readonly string[], status = 0): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-imports-'));
  try {
    const log = join(dir, 'imports.jsonl');
    const run = spawnSync(process.execPath, ['--import', RECORDER, ...args], { encoding: 'utf8', env: { ...process.env, RAMPART_IMPORT_LOG: log } });
    assert.equal(run.status, status, run.stderr);
    const records = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ImportRecord);
    assert.ok(records.some((r) => r.url.endsWith('/dist/src/cli/main.js')), 'the hooks saw rampart\'s own modules');
    const heavy = new Set<string>();
    for (const { url } of records) {
      const match = HEAVY.exec(url);
      if (match) heavy.add(match[1] ?? 'auditors');
    }
    return [...heavy].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const COMMANDS = ['scan', 'run', 'checks', 'permissions', 'report', 'org-report', 'prune', 'remediate', 'worker', 'rollback', 'remediations', 'actions', 'insights', 'demo', 'init-infra'];

describe('startup imports', () => {
  it('help and the version load no SDK, zod, yaml or auditor, for rampart and for every command', () => {
    // act
    const loaded = Object.fromEntries([
      ['--version'], ['--help'], ['help'], ['help', 'scan'],
      ...COMMANDS.flatMap((command) => [[command, '--help'], [command, '--version'], [command, '-h']]),
    ].map((args) => [args.join(' '), heavyModules(['dist/src/cli/bin.js', ...args])]));
    // assert
    assert.deepEqual(loaded, Object.fromEntries(Object.keys(loaded).map((key) => [key, []])));
  });

  it('rampart checks loads the auditors and zod (the parameters\' defaults) but no SDK package', () => {
    assert.deepEqual(heavyModules(['dist/src/cli/bin.js', 'checks', '--format', 'json']), ['auditors', 'zod']);
  });

  it('rampart --help and --version import no SDK package', () => {
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', '--help']), []);
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', '--version']), []);
  });

  it('the auditor list imports no SDK package (collectors load their clients on first collect)', () => {
    assert.deepEqual(sdkImports(['dist/auditors/index.js']), []);
  });

  it('rampart checks imports no SDK package', () => {
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'checks']), []);
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'checks', '--format', 'json']), []);
  });

  it('rampart permissions imports no SDK package: the actions are declared apart from the code that calls them', () => {
    // @smithy/util-retry (the one retry policy, through the account module) is not an SDK client.
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'permissions']).filter((i) => i.startsWith('@aws-sdk/')), []);
  });

  it('the remediation commands import no SDK package for their help or for bad flags', () => {
    for (const command of ['remediate', 'worker', 'rollback', 'remediations', 'actions']) {
      assert.deepEqual(sdkImports(['dist/src/cli/bin.js', command, '--help']), [], command);
    }
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'remediate', '--nope'], 2), []);
  });

  it('bad input to a command that needs no SDK loads none to report it', () => {
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'nope'], 2), []);
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'checks', '--services', 'nope'], 2), []);
  });
});
