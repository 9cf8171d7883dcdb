/** The registry: every check of every auditor, looked up by id or service. */
import type { AnyCheck } from './check.js';
import type { AnyCollector } from './collector.js';
import type { AnyRemediation } from './remediation.js';

export interface Auditor {
  service: string;
  collector: AnyCollector;
  checks: readonly AnyCheck[];
  /** The fixes of the auditor's checks (at most one per check). */
  remediations?: readonly AnyRemediation[];
}

export class Registry {
  private readonly byId = new Map<string, AnyCheck>();
  private readonly fixes = new Map<string, AnyRemediation>();

  constructor(readonly auditors: readonly Auditor[]) {
    for (const auditor of auditors) {
      for (const check of auditor.checks) {
        if (this.byId.has(check.meta.id)) throw new Error(`duplicate check id ${check.meta.id}`);
        if (check.collector !== auditor.collector) throw new Error(`check ${check.meta.id} reads another auditor's collector`);
        this.byId.set(check.meta.id, check);
      }
      for (const fix of auditor.remediations ?? []) {
        if (!auditor.checks.some((c) => c.meta.id === fix.checkId)) throw new Error(`remediation ${fix.id} fixes ${fix.checkId}, which is not a check of the ${auditor.service} auditor`);
        if (this.fixes.has(fix.checkId)) throw new Error(`check ${fix.checkId} has two remediations`);
        if (!auditor.collector.collectOne) throw new Error(`remediation ${fix.id}: collector ${auditor.collector.id} cannot re-read one resource (collectOne)`);
        this.fixes.set(fix.checkId, fix);
      }
    }
  }

  /** Every fix, one per check at most. */
  get remediations(): AnyRemediation[] {
    return [...this.fixes.values()];
  }

  /** The fix of a check, if it has one. */
  remediationOf(checkId: string): AnyRemediation | undefined {
    return this.fixes.get(checkId);
  }

  get checks(): AnyCheck[] {
    return [...this.byId.values()];
  }

  get services(): string[] {
    return [...new Set(this.auditors.map((a) => a.service))];
  }

  get collectors(): AnyCollector[] {
    return this.auditors.map((a) => a.collector);
  }

  check(id: string): AnyCheck | undefined {
    return this.byId.get(id);
  }

  auditorOf(checkId: string): Auditor | undefined {
    return this.auditors.find((a) => a.checks.some((c) => c.meta.id === checkId));
  }
}
