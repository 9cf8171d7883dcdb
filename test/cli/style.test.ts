/** Colours only where a terminal wants them, and alignment that ignores the colour codes. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { colourWanted, createStyle, outputWidth, stripAnsi, truncate, visibleWidth } from '../../src/cli/style.js';
import { renderSummary } from '../../src/cli/summary.js';
import type { ScanSummary } from '../../src/publish/report-model.js';

const row = (n: number): Record<'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL', number> => ({ INFORMATIONAL: 0, LOW: n, MEDIUM: 2 * n, HIGH: 10 * n, CRITICAL: 100 * n });

function summary(): ScanSummary {
  return {
    tool: { name: 'rampart', version: '1' }, startedAt: '', finishedAt: '', durationMs: 1000, accounts: ['123456789012'], regions: ['us-east-1'], checksRun: 3, resources: 4,
    counts: { FAILED: row(1), PASSED: row(12), ERROR: row(0) }, keptFailed: 0, notReevaluated: 0, collectionFailures: [],
    publish: { imported: 0, failed: 0, unchanged: 0, archived: 0, suppressed: 0, pending: 0 }, phases: { collectMs: 0, reconcileMs: 0, publishMs: 0, recordMs: 0 }, problems: [],
  };
}

describe('colourWanted', () => {
  it('colours a TTY, not a pipe', () => {
    // act / assert
    assert.equal(colourWanted(true, {}), true);
    assert.equal(colourWanted(false, {}), false);
  });

  it('NO_COLOR with any non-empty value turns colour off, even with FORCE_COLOR; an empty NO_COLOR does not', () => {
    // act / assert
    assert.equal(colourWanted(true, { NO_COLOR: '1' }), false);
    assert.equal(colourWanted(true, { NO_COLOR: 'false' }), false);
    assert.equal(colourWanted(true, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
    assert.equal(colourWanted(true, { NO_COLOR: '' }), true);
  });

  it('FORCE_COLOR colours a pipe unless it is 0 or false; TERM=dumb turns a TTY plain', () => {
    // act / assert
    assert.equal(colourWanted(false, { FORCE_COLOR: '1' }), true);
    assert.equal(colourWanted(false, { FORCE_COLOR: '' }), true);
    assert.equal(colourWanted(true, { FORCE_COLOR: '0' }), false);
    assert.equal(colourWanted(true, { FORCE_COLOR: 'false' }), false);
    assert.equal(colourWanted(true, { TERM: 'dumb' }), false);
  });
});

describe('style', () => {
  it('paints severities and statuses only when enabled', () => {
    // prepare
    const on = createStyle(true);
    const off = createStyle(false);
    // act / assert
    assert.equal(on.severity('HIGH'), '\u001b[31mHIGH\u001b[0m');
    assert.equal(on.severity('MEDIUM'), '\u001b[33mMEDIUM\u001b[0m');
    assert.equal(on.status('PASSED'), '\u001b[32mPASSED\u001b[0m');
    assert.equal(on.status('ERROR'), '\u001b[35mERROR\u001b[0m');
    assert.equal(stripAnsi(on.severity('CRITICAL')), 'CRITICAL');
    assert.equal(off.severity('HIGH'), 'HIGH');
    assert.equal(off.status('FAILED'), 'FAILED');
  });

  it('measures and cuts text by what a terminal shows', () => {
    // act / assert
    assert.equal(visibleWidth(createStyle(true).status('FAILED')), 6);
    assert.equal(truncate('abcdefgh', 5), 'abcd…');
    assert.equal(truncate('abc', 5), 'abc');
    assert.equal(outputWidth(true, 132), 132);
    assert.equal(outputWidth(false, 132), 160);
    assert.equal(outputWidth(false, undefined), 160);
    assert.equal(outputWidth(true, undefined), 100);
  });

  it('the summary table keeps its columns aligned when its cells are coloured', () => {
    // act
    const coloured = renderSummary(summary(), [], createStyle(true));
    const plain = renderSummary(summary(), []);
    // assert
    assert.notEqual(coloured, plain);
    assert.equal(stripAnsi(coloured), plain);
    assert.match(plain, /^FAILED {7}100 {4}10 {7}2 {4}1 {14}0 {4}113$/m);
  });
});
