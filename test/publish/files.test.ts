import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputs } from '../../src/publish/files.js';
import type { FileEntry, ScanSummary } from '../../src/publish/report-model.js';
import { tempDir } from '../helpers/cli.js';

const entry = (id: number): FileEntry => ({ finding: { Id: `f-${id}`, Description: 'line\nbreak "quoted"', ProductFields: {} } } as unknown as FileEntry);

describe('output files', () => {
  it('findings.json is the findings as a JSON array, for none, one and many', async () => {
    for (const count of [0, 1, 250]) {
      const dir = tempDir();
      const entries = Array.from({ length: count }, (_, i) => entry(i));
      const written = await writeOutputs(['json'], dir, entries, {} as ScanSummary);
      assert.deepEqual(written, [join(dir, 'findings.json')]);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')), entries.map((e) => e.finding));
    }
  });

  it('an out-dir that cannot be made is an error, not a silent skip', async () => {
    const file = join(tempDir(), 'not-a-directory');
    writeFileSync(file, '');
    await assert.rejects(writeOutputs(['json'], join(file, 'out'), [entry(1)], {} as ScanSummary), /ENOTDIR|EEXIST/);
  });
});
