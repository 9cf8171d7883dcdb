/**
 * The worst unexempted FAILED findings of a run, for the terminal: a bounded
 * list kept as scopes finish, so a large run never holds every finding for it.
 */
import { severityRank, type Severity } from '../core/check.js';

export interface FailingEntry {
  severity: Severity;
  checkId: string;
  accountId: string;
  region: string;
  resourceId: string;
  resourceArn: string;
  summary: string;
}

/** Severity (CRITICAL first), then check id, then resource. */
export function compareFailing(a: FailingEntry, b: FailingEntry): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resourceId.localeCompare(b.resourceId) ||
    a.resourceArn.localeCompare(b.resourceArn) ||
    a.accountId.localeCompare(b.accountId) ||
    a.region.localeCompare(b.region)
  );
}

export class TopFailing {
  private readonly kept: FailingEntry[] = [];
  private seen = 0;

  constructor(private readonly limit: number) {}

  add(entry: FailingEntry): void {
    this.seen += 1;
    if (this.limit <= 0) return;
    const last = this.kept[this.kept.length - 1];
    if (this.kept.length >= this.limit && last && compareFailing(entry, last) >= 0) return;
    let low = 0;
    let high = this.kept.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareFailing(this.kept[mid] as FailingEntry, entry) <= 0) low = mid + 1;
      else high = mid;
    }
    this.kept.splice(low, 0, entry);
    if (this.kept.length > this.limit) this.kept.pop();
  }

  /** The kept entries, worst first, and how many were offered in all. */
  result(): { top: FailingEntry[]; total: number } {
    return { top: [...this.kept], total: this.seen };
  }
}
