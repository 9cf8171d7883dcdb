/**
 * Exit codes. Each condition a run can end in has its own code; when several
 * hold, the code is the first in PRECEDENCE and a line names every one of them.
 */
export const EXIT = {
  OK: 0,
  UNEXPECTED: 1,
  BAD_INPUT: 2,
  /** Something was not published to Security Hub or not recorded. */
  NOT_PUBLISHED: 3,
  /** An unexempted FAILED finding at or above --fail-on. */
  FAIL_ON: 4,
  /** The scan is incomplete: an inventory could not be collected, or a check could not select its resources. */
  INCOMPLETE: 5,
  /** remediate: a finding ended REFUSED, SKIPPED_UNVERIFIED or FAILED (each is recorded with its reason). */
  NOT_REMEDIATED: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The security gate first (a CRITICAL failure fails a CI job even when it tolerates
 * publish problems), then lost output, then an incomplete scan.
 */
export const PRECEDENCE: readonly ExitCode[] = [EXIT.FAIL_ON, EXIT.NOT_PUBLISHED, EXIT.INCOMPLETE];

export interface ExitCondition {
  code: ExitCode;
  /** One line naming the condition, e.g. "--fail-on HIGH reached: 3 FAILED findings at or above HIGH". */
  message: string;
}

export function exitCodeOf(conditions: readonly ExitCondition[]): ExitCode {
  for (const code of PRECEDENCE) if (conditions.some((c) => c.code === code)) return code;
  return EXIT.OK;
}

/** The lines printed at the end of a run: one per condition met, the deciding one first. */
export function exitLines(conditions: readonly ExitCondition[]): string[] {
  const code = exitCodeOf(conditions);
  const ordered = [...conditions].sort((a, b) => PRECEDENCE.indexOf(a.code) - PRECEDENCE.indexOf(b.code));
  return ordered.map((c) => `${c.code === code ? 'exit' : 'also'} ${c.code}: ${c.message}`);
}

/** The worst of several steps' exit codes (rampart run): an error, bad input, then PRECEDENCE. */
export function worstOf(codes: readonly number[]): number {
  for (const code of [EXIT.UNEXPECTED, EXIT.BAD_INPUT, ...PRECEDENCE, EXIT.NOT_REMEDIATED]) if (codes.includes(code)) return code;
  return EXIT.OK;
}
