/** A collector's context around mocked clients, for the fault tests (aws-sdk-client-mock). */
import type { AwsClients } from '../../src/aws/clients.js';
import type { CollectContext } from '../../src/core/collector.js';
import { partitionOf } from '../../src/core/resource.js';
import { createLimiter } from '../../src/util/limit.js';
import { silentLogger } from '../../src/util/logger.js';

/**
 * Every region is answered by the same (mocked) clients. The account and region
 * are the clients' own unless given; the detail-call limit is 2 unless given.
 */
export function mockedContext(clients: AwsClients, options: { region?: string; accountId?: string; concurrency?: number } = {}): CollectContext {
  const region = options.region ?? clients.region;
  return {
    accountId: options.accountId ?? clients.accountId,
    region,
    partition: partitionOf(region),
    clients,
    clientsIn: () => clients,
    limit: createLimiter(options.concurrency ?? 2),
    logger: silentLogger,
  };
}
