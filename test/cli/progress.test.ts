/** The progress display: its arithmetic, and log lines that never overwrite it. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { createProgress, describePlan } from '../../src/cli/progress.js';
import { createTerminal } from '../../src/cli/terminal.js';
import { createLogger, silentLogger } from '../../src/util/logger.js';
import type { PlanTask } from '../../src/core/planner.js';
import type { TaskOutcome } from '../../src/core/runner.js';

const task = (accountId: string, region: string, id: string, global = false): PlanTask => ({
  accountId, region, collector: { id, service: id.split('-')[0] ?? id, global, permissions: [], collect: async () => ({}) }, checks: [],
});
const outcome = (ok: boolean): TaskOutcome => ({ accountId: '123456789012', region: 'r', collectorId: 'ec2-network', service: 'ec2', ok, durationMs: 1, resources: 3, completedChecks: [], failedChecks: [], results: [], notApplicable: 0, ...(ok ? {} : { error: { code: 'AccessDenied', message: 'AccessDenied: no', kind: 'access-denied' } }) });

/** accounts × regions × regional collectors, and the global collectors once per account in the home region. */
function plan(accounts: number, regions: readonly string[], regional: number, global: number): PlanTask[] {
  const tasks: PlanTask[] = [];
  for (let a = 0; a < accounts; a += 1) {
    const account = String(111111111111 * (a + 1));
    for (let c = 0; c < regional; c += 1) for (const region of regions) tasks.push(task(account, region, `svc${c}-regional`));
    for (let c = 0; c < global; c += 1) tasks.push(task(account, regions[0] ?? 'us-east-1', `svc${c}-global`, true));
  }
  return tasks;
}

function recorder(tty: boolean) {
  let written = '';
  const terminal = createTerminal({ write: (text) => void (written += text), tty, columns: () => 300 });
  return { terminal, written: () => written };
}

describe('progress display', () => {
  it('spells out the arithmetic: accounts × regions × regional auditors + global auditors, and it adds up', () => {
    // prepare
    const tasks = plan(2, ['us-east-1', 'eu-west-1', 'ap-south-1'], 30, 3);
    const out = recorder(true);
    const progress = createProgress({ tty: true, enabled: true, logger: silentLogger, terminal: out.terminal });
    // act
    progress.start(tasks);
    // assert
    assert.equal(tasks.length, 2 * 3 * 30 + 2 * 3);
    assert.equal(describePlan(tasks), '2 accounts × 3 regions × 30 regional auditors + 3 global auditors');
    assert.match(out.written(), /0\/186 inventories \(2 accounts × 3 regions × 30 regional auditors \+ 3 global auditors\)/);
    assert.equal(describePlan(plan(1, ['us-east-1'], 1, 0)), '1 account × 1 region × 1 regional auditor');
    assert.equal(describePlan(plan(1, ['us-east-1'], 0, 2)), '1 account × 2 global auditors');
  });

  it('redraws one line on a terminal, and clears it at the end', () => {
    // prepare
    const out = recorder(true);
    const progress = createProgress({ tty: true, enabled: true, logger: silentLogger, terminal: out.terminal });
    // act
    progress.start([task('123456789012', 'us-east-1', 'ec2-network'), task('123456789012', 'eu-west-1', 'ec2-network')]);
    progress.taskDone(task('123456789012', 'us-east-1', 'ec2-network'), outcome(true));
    progress.taskDone(task('123456789012', 'eu-west-1', 'ec2-network'), outcome(false));
    progress.finish();
    // assert
    assert.match(out.written(), /2\/2 inventories \(1 account × 2 regions × 1 regional auditor\), 1 failed/);
    assert.ok(out.written().endsWith('\r\x1b[2K'));
  });

  it('a log line clears the progress line first, then the progress line is drawn again under it', () => {
    // prepare
    const out = recorder(true);
    const logger = createLogger({ format: 'text', level: 'info', write: (line) => out.terminal.line(line) });
    const progress = createProgress({ tty: true, enabled: true, logger, terminal: out.terminal });
    progress.start([task('123456789012', 'us-east-1', 'ec2-network')]);
    const before = out.written();
    // act
    logger.warn('the ec2-network inventory could not be collected');
    // assert
    const status = before.slice('\r\x1b[2K'.length);
    assert.equal(out.written().slice(before.length), `\r\x1b[2KWARN: the ec2-network inventory could not be collected\n\r\x1b[2K${status}`);
  });

  it('logs plain lines without a terminal, and never draws', () => {
    // prepare
    const lines: string[] = [];
    const out = recorder(false);
    const logger = { ...silentLogger, info: (m: string) => void lines.push(m) };
    const progress = createProgress({ tty: false, enabled: true, logger, terminal: out.terminal });
    // act
    progress.start([task('123456789012', 'us-east-1', 'ec2-network')]);
    progress.taskDone(task('123456789012', 'us-east-1', 'ec2-network'), outcome(false));
    progress.finish();
    // assert
    assert.match(lines.join('\n'), /scanning 1 inventories: 1 account × 1 region × 1 regional auditor/);
    assert.match(lines.join('\n'), /\[1\/1\] 123456789012 us-east-1 ec2-network: FAILED AccessDenied/);
    assert.equal(out.written(), '');
  });
});
