/** What the front holds itself, per account and region: finding overlays, custom action targets and custom insights. */
import type { JsonObject } from './wire.js';

export type WorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';

/** The fields BatchUpdateFindings set on one finding; they win over what moto holds. */
export interface Overlay {
  Workflow?: { Status: WorkflowStatus };
  Note?: { Text: string; UpdatedBy: string; UpdatedAt: string };
  VerificationState?: string;
  Confidence?: number;
  Criticality?: number;
  Severity?: { Label?: string; Normalized?: number; Product?: number };
  Types?: string[];
  UserDefinedFields?: Record<string, string>;
  RelatedFindings?: Array<{ ProductArn: string; Id: string }>;
  /** The finding's RecordState and Compliance.Status when last seen, to tell when an import must reopen it. */
  seen: { recordState?: string; complianceStatus?: string };
}

export interface ActionTarget {
  ActionTargetArn: string;
  Name: string;
  Description: string;
}

export interface Insight {
  InsightArn: string;
  Name: string;
  Filters: JsonObject;
  GroupByAttribute: string;
}

export class Scope {
  readonly overlays = new Map<string, Overlay>();
  /** By ARN, in creation order. */
  readonly actionTargets = new Map<string, ActionTarget>();
  readonly insights = new Map<string, Insight>();

  constructor(readonly accountId: string, readonly region: string, readonly partition: string) {}

  static findingKey(productArn: string, id: string): string {
    return `${productArn}\n${id}`;
  }
}

export class FrontState {
  private readonly scopes = new Map<string, Scope>();

  scope(accountId: string, region: string, partition: string): Scope {
    const key = `${accountId}/${region}`;
    let found = this.scopes.get(key);
    if (!found) {
      found = new Scope(accountId, region, partition);
      this.scopes.set(key, found);
    }
    return found;
  }

  /** Whether any finding has an overlay anywhere (imports need looking at only then). */
  hasOverlays(): boolean {
    for (const scope of this.scopes.values()) if (scope.overlays.size > 0) return true;
    return false;
  }

  clear(): void {
    this.scopes.clear();
  }
}
