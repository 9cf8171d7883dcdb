/**
 * The few AWS Backup operations moto lacks, served by the same front: backup
 * selections (resource assignments) of moto's own backup plans, the region's
 * resource-type opt-in settings, and the protected resources (none: the
 * emulator makes no recovery points). Wire format as the SDK's model routes
 * them (restJson1); state per account and region, cleared on reset.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, isObject, type JsonObject } from './wire.js';

interface Selection {
  SelectionId: string;
  BackupPlanId: string;
  CreationDate: number;
  CreatorRequestId?: string;
  BackupSelection: JsonObject;
}

/** AWS's defaults for a region no one has configured: every resource type opted in. */
const DEFAULT_OPT_IN = ['Aurora', 'CloudFormation', 'DocumentDB', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'Neptune', 'RDS', 'Redshift', 'S3', 'SAP HANA on Amazon EC2', 'Storage Gateway', 'Timestream', 'VirtualMachine'];

export class BackupState {
  private readonly selections = new Map<string, Map<string, Selection>>();

  clear(): void {
    this.selections.clear();
  }

  private of(scope: string): Map<string, Selection> {
    let map = this.selections.get(scope);
    if (!map) {
      map = new Map();
      this.selections.set(scope, map);
    }
    return map;
  }

  /** Answers one Backup call, or undefined when moto serves it (the request passes through). */
  serve(scope: string, method: string, pathname: string, input: JsonObject): JsonObject | undefined {
    const path = pathname.replace(/\/+$/, '');
    if (method === 'GET' && path === '/resources') return { Results: [] };
    if (method === 'GET' && path === '/account-settings') {
      return { ResourceTypeOptInPreference: Object.fromEntries(DEFAULT_OPT_IN.map((type) => [type, true])), ResourceTypeManagementPreference: { DynamoDB: true, EFS: true } };
    }
    const match = /^\/backup\/plans\/([^/]+)\/selections(?:\/([^/]+))?$/.exec(path);
    if (!match) return undefined;
    const planId = decodeURIComponent(match[1] ?? '');
    const selectionId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    const selections = this.of(scope);
    if (method === 'PUT' && selectionId === undefined) {
      const selection = input.BackupSelection;
      if (!isObject(selection) || typeof selection.SelectionName !== 'string' || typeof selection.IamRoleArn !== 'string') {
        throw new ApiError('InvalidInputException', 'BackupSelection needs SelectionName and IamRoleArn');
      }
      const created: Selection = {
        SelectionId: randomUUID(), BackupPlanId: planId, CreationDate: Date.now() / 1000, BackupSelection: selection,
        ...(typeof input.CreatorRequestId === 'string' ? { CreatorRequestId: input.CreatorRequestId } : {}),
      };
      selections.set(created.SelectionId, created);
      return { SelectionId: created.SelectionId, BackupPlanId: planId, CreationDate: created.CreationDate };
    }
    if (method === 'GET' && selectionId === undefined) {
      const list = [...selections.values()].filter((s) => s.BackupPlanId === planId).map((s) => ({
        SelectionId: s.SelectionId, SelectionName: s.BackupSelection.SelectionName ?? '', BackupPlanId: s.BackupPlanId, CreationDate: s.CreationDate,
        IamRoleArn: s.BackupSelection.IamRoleArn ?? '', ...(s.CreatorRequestId ? { CreatorRequestId: s.CreatorRequestId } : {}),
      }));
      return { BackupSelectionsList: list };
    }
    const found = selectionId === undefined ? undefined : selections.get(selectionId);
    if (method === 'GET') {
      if (!found || found.BackupPlanId !== planId) throw new ApiError('ResourceNotFoundException', `Backup selection ${selectionId ?? ''} of plan ${planId} not found`);
      return { ...found };
    }
    if (method === 'DELETE') {
      if (!found) throw new ApiError('ResourceNotFoundException', `Backup selection ${selectionId ?? ''} of plan ${planId} not found`);
      selections.delete(found.SelectionId);
      return {};
    }
    return undefined;
  }
}
