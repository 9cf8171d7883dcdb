import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutputs } from '../../src/publish/files.js';
import type { FileEntry, ScanSummary } from '../../src/publish/report-model.js';
import { tempDir } from '../helpers/cli.js';

const entry = (id: number): FileEntry => ({ finding: { Id: `f-${id}`, Description: 'line\nbreak "quoted"', ProductFields: {} } } as unknown as FileEntry);

describe('output files', () => {
  it('findings.asff.json is the findings as a JSON array, for none, one and many', async () => {
    for (const count of [0, 1, 250]) {
      const dir = tempDir();
      const entries = Array.from({ length: count }, (_, i) => entry(i));
      const written = await writeOutputs(['asff'], dir, entries, {} as ScanSummary);
      assert.deepEqual(written, [join(dir, 'findings.asff.json')]);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'findings.asff.json'), 'utf8')), entries.map((e) => e.finding));
    }
  });

  it('json is the former name of asff: the same file, written once when both are asked', async () => {
    // prepare
    const alone = tempDir();
    const both = tempDir();
    const entries = [entry(1), entry(2)];
    // act
    const writtenAlone = await writeOutputs(['json'], alone, entries, {} as ScanSummary);
    const writtenBoth = await writeOutputs(['json', 'asff'], both, entries, {} as ScanSummary);
    // assert
    assert.deepEqual(writtenAlone, [join(alone, 'findings.asff.json')]);
    assert.deepEqual(writtenBoth, [join(both, 'findings.asff.json')]);
    assert.deepEqual(readdirSync(both), ['findings.asff.json']);
    assert.deepEqual(JSON.parse(readFileSync(join(both, 'findings.asff.json'), 'utf8')), entries.map((e) => e.finding));
  });

  it('an out-dir that cannot be made is an error, not a silent skip', async () => {
    const file = join(tempDir(), 'not-a-directory');
    writeFileSync(file, '');
    await assert.rejects(writeOutputs(['asff'], join(file, 'out'), [entry(1)], {} as ScanSummary), /ENOTDIR|EEXIST/);
  });
});
