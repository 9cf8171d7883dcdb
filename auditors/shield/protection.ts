/** What every Shield check shares: the subscription gate and the protection match. */
import { fail, notApplicable, pass, type Verdict } from '../../src/core/check.js';
import type { ShieldInventory } from './collect.js';

/** An account without Shield Advanced has nothing to judge: one quiet answer, never a failure per resource. */
export function withoutSubscription(inventory: ShieldInventory): Verdict | undefined {
  return inventory.account.subscription ? undefined : notApplicable('the account has no Shield Advanced subscription');
}

/** Protected when a Shield Advanced protection names the resource's ARN. */
export function protectionOf(arn: string, what: string, inventory: ShieldInventory): Verdict {
  if (inventory.protectedArns.includes(arn)) return pass('Shield Advanced protects it', { protected: true, resourceArn: arn });
  return fail(`${what} is not protected by Shield Advanced`, { protected: false, resourceArn: arn });
}

export const SHIELD_FINDING_TYPES = ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Denial of Service'];
