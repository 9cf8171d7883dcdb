/** Reads the GuardDuty inventory (see collect.ts). */
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import { fetchDetail, type CollectContext } from '../../src/core/collector.js';
import { accountRef } from '../../src/core/resource.js';
import { mapLimited } from '../../src/util/limit.js';
import type { DetectorRecord, GuardDutyInventory } from './collect.js';

export async function fetchGuardDutyInventory(ctx: CollectContext): Promise<GuardDutyInventory> {
  const guardDuty = ctx.clients.get(GuardDutyClient);
  return unlessNotOffered(
    async () => {
      const ids = await collectPages(
        (NextToken) => guardDuty.send(new ListDetectorsCommand({ MaxResults: 50, NextToken })),
        (page) => page.NextToken,
        (page) => page.DetectorIds,
      );
      const details = await mapLimited(ids, ctx.limit, (DetectorId) =>
        fetchDetail(async (): Promise<DetectorRecord> => {
          const detector = await guardDuty.send(new GetDetectorCommand({ DetectorId }));
          return {
            ...(detector.Status ? { status: detector.Status } : {}),
            ...(detector.CreatedAt ? { createdAt: detector.CreatedAt } : {}),
            ...(detector.UpdatedAt ? { updatedAt: detector.UpdatedAt } : {}),
          };
        }),
      );
      return { account: { ref: accountRef(ctx.accountId, ctx.region), detectors: ids.map((detectorId, i) => ({ detectorId, detail: details[i] ?? { ok: false, error: 'it was not read' } })) } };
    },
    () => ({}),
    (why) => ctx.logger.debug(`guardduty: not offered in ${ctx.region} (${why}); nothing to judge there`),
  );
}
