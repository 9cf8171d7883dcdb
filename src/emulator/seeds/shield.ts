/**
 * Demo seed for the Shield Advanced checks: the demo account subscribes. The
 * emulator cannot show more: its DescribeSubscription answer carries dates the
 * SDK cannot read and it lacks DescribeDRTAccess, so the demo's Shield inventory
 * is an ERROR (honestly incomplete, never a pass). No protectable resource is
 * seeded: nothing could judge it, and the other auditors would report it.
 */
import { CreateSubscriptionCommand, ShieldClient } from '@aws-sdk/client-shield';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedShield(clients: AwsClients): Promise<SeedResult> {
  await clients.get(ShieldClient).send(new CreateSubscriptionCommand({}));
  return { insecure: [], compliant: [] };
}
