/** The registry: every check of every auditor, looked up by id or service. */
import type { AnyCheck } from './check.js';
import type { AnyCollector } from './collector.js';

export interface Auditor {
  service: string;
  collector: AnyCollector;
  checks: readonly AnyCheck[];
}

export class Registry {
  private readonly byId = new Map<string, AnyCheck>();

  constructor(readonly auditors: readonly Auditor[]) {
    for (const auditor of auditors) {
      for (const check of auditor.checks) {
        if (this.byId.has(check.meta.id)) throw new Error(`duplicate check id ${check.meta.id}`);
        if (check.collector !== auditor.collector) throw new Error(`check ${check.meta.id} reads another auditor's collector`);
        this.byId.set(check.meta.id, check);
      }
    }
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
