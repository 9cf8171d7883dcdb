/**
 * Demo seed for the GuardDuty check: a suspended detector, so the region has
 * GuardDuty set up but not watching. The check is account-level (one finding
 * per region), so the demo region has no compliant decoy beside it.
 */
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

export async function seedGuardDuty(clients: AwsClients): Promise<SeedResult> {
  const { DetectorId } = await clients.get(GuardDutyClient).send(new CreateDetectorCommand({ Enable: false }));
  if (!DetectorId) throw new Error('the emulator did not return a GuardDuty detector id');
  return { insecure: [DetectorId], compliant: [] };
}
