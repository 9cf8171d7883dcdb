/** Hand-built AppStream 2.0 inventory items for the check unit tests. */
import type { AnyCheck } from '../../../src/core/check.js';
import { fetched } from '../../../src/core/collector.js';
import type { PlanTask } from '../../../src/core/planner.js';
import { appstreamCollector, type AppStreamFleetItem, type AppStreamImageItem, type AppStreamInventory, type AppStreamUserItem } from '../../../auditors/appstream/collect.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

const ref = (kind: string, id: string) => ({ type: 'Other', arn: `arn:aws:appstream:${REGION}:${ACCOUNT}:${kind}/${id}`, id, region: REGION, partition: 'aws', tags: {} });

/** A running fleet with default internet access unless overridden. */
export function fleet(name: string, fields: Partial<Pick<AppStreamFleetItem, 'state' | 'enableDefaultInternetAccess'>> = {}): AppStreamFleetItem {
  return { ref: ref('fleet', name), name, state: 'RUNNING', enableDefaultInternetAccess: true, tags: fetched({}), ...fields };
}

/** A private owned image unless overridden. */
export function image(name: string, fields: Partial<Pick<AppStreamImageItem, 'visibility' | 'sharedWithOthers'>> = {}): AppStreamImageItem {
  return { ref: ref('image', name), name, visibility: 'PRIVATE', tags: fetched({}), ...fields };
}

/** An enabled, confirmed user pool user unless overridden. */
export function user(email: string, fields: Partial<Pick<AppStreamUserItem, 'enabled' | 'status'>> = {}): AppStreamUserItem {
  return { ref: ref('user/USERPOOL', email), userName: email, authenticationType: 'USERPOOL', enabled: true, status: 'CONFIRMED', ...fields };
}

export const inventory = (parts: Partial<AppStreamInventory> = {}): AppStreamInventory => ({ fleets: [], images: [], users: [], ...parts });

export function task(checks: readonly AnyCheck[]): PlanTask {
  return { accountId: ACCOUNT, region: REGION, collector: appstreamCollector, checks: checks.map((check) => ({ check, params: {}, severity: check.meta.severity })) };
}
