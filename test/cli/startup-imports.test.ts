/**
 * The AWS SDK loads with the code that calls AWS, not at startup: `rampart --help`,
 * `rampart checks` and the auditor list import no SDK package. Each collector
 * loads its fetch.ts (and with it the SDK client) on its first collect(), and
 * each command's module loads only when that command runs. Every import the
 * process resolves is recorded by module hooks (test/helpers/record-imports.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ImportRecord } from '../helpers/import-hooks.js';

const RECORDER = pathToFileURL('dist/test/helpers/record-imports.js').href;
const SDK_PACKAGE = /\/node_modules\/(@(?:aws-sdk|smithy)\/[^/]+)\//;

/**
 * Modules still allowed to import the SDK at startup. auditors/ec2/collect.ts is
 * not split yet: when it follows the pattern of auditors/sqs/collect.ts, empty
 * this list (these tests fail while it names a module that no longer does).
 */
const EAGER_AUDITORS = ['dist/auditors/ec2/collect.js'];
/** `permissions` reads the publishers' actions from the modules that also call them. */
const EAGER_PUBLISHERS = ['dist/src/publish/securityhub.js', 'dist/src/state/store.js'];

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

const importers = (imports: readonly string[]): string[] => [...new Set(imports.map((i) => i.split(' <- ')[1] ?? ''))].sort();

describe('startup imports', () => {
  it('rampart --help and --version import no SDK package', () => {
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', '--help']), []);
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', '--version']), []);
  });

  it('the auditor list imports no SDK package (collectors load their clients on first collect)', () => {
    assert.deepEqual(importers(sdkImports(['dist/auditors/index.js'])), EAGER_AUDITORS);
  });

  it('rampart checks imports no SDK package', () => {
    assert.deepEqual(importers(sdkImports(['dist/src/cli/bin.js', 'checks'])), EAGER_AUDITORS);
    assert.deepEqual(importers(sdkImports(['dist/src/cli/bin.js', 'checks', '--format', 'json'])), EAGER_AUDITORS);
  });

  it('rampart permissions imports no SDK client but the publishers\'', () => {
    const allowed = new Set([...EAGER_AUDITORS, ...EAGER_PUBLISHERS]);
    // src/aws/retry.js (imported by the publishers) brings @smithy/util-retry, which their clients load anyway.
    const unexpected = sdkImports(['dist/src/cli/bin.js', 'permissions']).filter((i) => i.startsWith('@aws-sdk/') && !allowed.has(i.split(' <- ')[1] ?? ''));
    assert.deepEqual(unexpected, []);
  });

  it('bad input to a command that needs no SDK loads none to report it', () => {
    assert.deepEqual(sdkImports(['dist/src/cli/bin.js', 'nope'], 2), []);
    assert.deepEqual(importers(sdkImports(['dist/src/cli/bin.js', 'checks', '--services', 'nope'], 2)), EAGER_AUDITORS);
  });
});
