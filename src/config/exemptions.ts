/** Exemptions: findings that are recorded and published, but SUPPRESSED with a reason. */
import type { CheckResult } from '../core/result.js';
import type { Exemption } from './schema.js';

export interface ActiveExemption {
  reason: string;
  expires?: string;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function isExpired(exemption: Exemption, now: Date): boolean {
  if (!exemption.expires) return false;
  // A date-only expiry lasts to the end of that day (UTC).
  const end = exemption.expires.length === 10 ? Date.parse(`${exemption.expires}T23:59:59.999Z`) : Date.parse(exemption.expires);
  return end < now.getTime();
}

export function exemptionMatches(exemption: Exemption, result: Pick<CheckResult, 'accountId' | 'region' | 'checkId' | 'resource'>): boolean {
  if (exemption.account && exemption.account !== result.accountId) return false;
  if (exemption.region && exemption.region !== result.region && exemption.region !== result.resource.region) return false;
  if (exemption.check && !globToRegExp(exemption.check).test(result.checkId)) return false;
  if (exemption.resource) {
    const re = globToRegExp(exemption.resource);
    if (!re.test(result.resource.arn) && !re.test(result.resource.id)) return false;
  }
  if (exemption.tag) {
    const value = result.resource.tags[exemption.tag.key];
    if (value === undefined) return false;
    if (exemption.tag.value !== undefined && exemption.tag.value !== value) return false;
  }
  return true;
}

/** The first unexpired exemption that matches, if any. */
export function findExemption(exemptions: readonly Exemption[], result: Pick<CheckResult, 'accountId' | 'region' | 'checkId' | 'resource'>, now: Date): ActiveExemption | undefined {
  for (const exemption of exemptions) {
    if (isExpired(exemption, now)) continue;
    if (exemptionMatches(exemption, result)) return { reason: exemption.reason, ...(exemption.expires ? { expires: exemption.expires } : {}) };
  }
  return undefined;
}
