/** Reads the IAM Access Analyzer inventory (see collect.ts). */
import { AccessAnalyzerClient, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { unlessNotOffered } from '../../src/aws/availability.js';
import { collectPages } from '../../src/aws/paginate.js';
import type { CollectContext } from '../../src/core/collector.js';
import { accountRef } from '../../src/core/resource.js';
import type { AccessAnalyzerInventory, AnalyzerRecord } from './collect.js';

function toAnalyzer(analyzer: AnalyzerSummary): AnalyzerRecord {
  return {
    name: analyzer.name ?? analyzer.arn ?? 'unnamed',
    ...(analyzer.arn ? { arn: analyzer.arn } : {}),
    ...(analyzer.type ? { type: analyzer.type } : {}),
    ...(analyzer.status ? { status: analyzer.status } : {}),
    ...(analyzer.statusReason?.code ? { statusReason: analyzer.statusReason.code } : {}),
  };
}

export async function fetchAccessAnalyzerInventory(ctx: CollectContext): Promise<AccessAnalyzerInventory> {
  const client = ctx.clients.get(AccessAnalyzerClient);
  return unlessNotOffered(
    async () => {
      const analyzers = await collectPages(
        (nextToken) => client.send(new ListAnalyzersCommand({ maxResults: 100, nextToken })),
        (page) => page.nextToken,
        (page) => page.analyzers,
      );
      return { account: { ref: accountRef(ctx.accountId, ctx.region), analyzers: analyzers.map(toAnalyzer) } };
    },
    () => ({}),
    (why) => ctx.logger.debug(`accessanalyzer: not offered in ${ctx.region} (${why}); nothing to judge there`),
  );
}
