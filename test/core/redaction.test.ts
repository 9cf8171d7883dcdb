/**
 * Error text from AWS enters rampart's data at a few places: the error
 * description, a failed detail, a check that throws, a collection failure.
 * Each of them removes the credentials an error may quote.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { describeAwsError } from '../../src/aws/errors.js';
import { createAwsClients } from '../../src/aws/clients.js';
import { defineCheck, fail, MissingInputError, pass } from '../../src/core/check.js';
import { CollectionError, fetchDetail, fetched, need, type Collector, type Fetched } from '../../src/core/collector.js';
import { planTasks, selectChecks } from '../../src/core/planner.js';
import { Registry } from '../../src/core/registry.js';
import type { ResourceRef } from '../../src/core/resource.js';
import { runPlan, type TaskOutcome } from '../../src/core/runner.js';
import { silentLogger } from '../../src/util/logger.js';
import { META } from '../helpers/fixtures.js';
import { assertNoSecrets, FAKE_SECRET, LEAKY_MESSAGE, leakyAwsError } from '../helpers/secrets.js';

interface Item { ref: ResourceRef; detail: Fetched<string> }
interface Inventory { items: Item[] }

const ref = (id: string, tags: Record<string, string> = {}): ResourceRef => ({ type: 'Other', arn: `arn:aws:test:us-east-1:123456789012:thing/${id}`, id, region: 'us-east-1', partition: 'aws', tags });
const clientsFor = () => createAwsClients('123456789012', 'us-east-1', { accessKeyId: 'x', secretAccessKey: 'y' }, {});

async function run(collect: () => Promise<Inventory>): Promise<TaskOutcome> {
  const collector: Collector<Inventory> = { id: 'thing', service: 'test', global: false, permissions: ['test:List'], collect };
  const reads = defineCheck<Inventory, Item>({
    meta: { ...META, id: 'test-detail-read', service: 'test' },
    collector,
    select: (inv) => inv.items,
    evaluate: (item) => (need(item.detail, `the detail of ${item.ref.id}`) === 'ok' ? pass() : fail(`tagged ${JSON.stringify(item.ref.tags)}`, { tags: item.ref.tags })),
  });
  const throws = defineCheck<Inventory, Item>({
    meta: { ...META, id: 'test-throws', service: 'test' },
    collector,
    select: (inv) => inv.items.slice(0, 1),
    evaluate: () => {
      throw new Error(`unexpected: ${LEAKY_MESSAGE}`);
    },
  });
  const registry = new Registry([{ service: 'test', collector, checks: [reads, throws] }]);
  const tasks = planTasks(selectChecks(registry, {}), ['123456789012'], ['us-east-1'], 'us-east-1');
  const [outcome] = await runPlan(tasks, { clientsFor, logger: silentLogger, concurrency: 1 });
  assert.ok(outcome);
  return outcome;
}

describe('error text is redacted where it enters', () => {
  it('describeAwsError keeps the code, the kind and the words, not the credentials', () => {
    // act
    const info = describeAwsError(leakyAwsError());
    // assert
    assertNoSecrets(info.message, 'the message');
    assert.equal(info.code, 'AccessDeniedException');
    assert.equal(info.kind, 'access-denied');
    assert.match(info.message, /^AccessDeniedException: User with access key ASIA\[REDACTED\]7KEY and secret \[REDACTED\] is not authorized; X-Amz-Security-Token=\[REDACTED\]$/);
  });

  it('redacts before cutting a long message, so a cut secret cannot slip through', () => {
    // prepare: the secret access key straddles the 500-character cut
    const error = Object.assign(new Error(`${'x'.repeat(440)} ASIAQX4ZLEAKTEST7KEY ${FAKE_SECRET}`), { name: 'AccessDenied' });
    // act
    const info = describeAwsError(error);
    // assert
    assert.ok(!info.message.includes(FAKE_SECRET.slice(0, 20)), info.message);
  });

  it('a failed detail and the need() that reads it carry the redacted message', async () => {
    // act
    const detail = await fetchDetail(() => Promise.reject(leakyAwsError()));
    // assert
    assert.equal(detail.ok, false);
    assertNoSecrets(detail.ok ? '' : detail.error, 'the failed detail');
    assert.throws(() => need(detail, 'the bucket policy'), (error: Error) => {
      assertNoSecrets(error.message, 'the need() error');
      return error instanceof MissingInputError && /^the bucket policy could not be read: AccessDeniedException: User with access key ASIA\[REDACTED\]/.test(error.message);
    });
  });

  it('MissingInputError and CollectionError redact their own messages', () => {
    assertNoSecrets(new MissingInputError(LEAKY_MESSAGE).message, 'MissingInputError');
    assertNoSecrets(new CollectionError(LEAKY_MESSAGE, 'AccessDenied').message, 'CollectionError');
  });

  it('a collection failure: the outcome error and every ERROR result are redacted', async () => {
    // act
    const outcome = await run(() => Promise.reject(leakyAwsError()));
    // assert
    assert.equal(outcome.ok, false);
    assertNoSecrets(JSON.stringify(outcome), 'the outcome');
    assert.match(outcome.error?.message ?? '', /AccessDeniedException: User with access key ASIA\[REDACTED\]7KEY/);
    assert.deepEqual(outcome.results.map((r) => r.status), ['ERROR', 'ERROR']);
    assert.ok(outcome.results.every((r) => r.summary.includes('[REDACTED]') && String(r.evidence.error).includes('[REDACTED]')));
  });

  it('a failed detail, a throwing check and secrets in evidence: every result is redacted', async () => {
    // prepare: a tag value holding a credential, a detail that failed with a leaky error
    const outcome = await run(async () => ({
      items: [
        { ref: ref('a', { deploy: `aws_secret_access_key=${FAKE_SECRET}`, team: 'web' }), detail: fetched('bad') },
        { ref: ref('b'), detail: await fetchDetail(() => Promise.reject(leakyAwsError())) },
      ],
    }));
    // assert
    assertNoSecrets(JSON.stringify(outcome.results.map((r) => [r.summary, r.evidence])), 'the results');
    const byKey = new Map(outcome.results.map((r) => [`${r.checkId}/${r.resource.id}`, r]));
    assert.equal(byKey.get('test-detail-read/a')?.status, 'FAILED');
    assert.deepEqual(byKey.get('test-detail-read/a')?.evidence, { tags: { deploy: 'aws_secret_access_key=[REDACTED]', team: 'web' } });
    assert.match(byKey.get('test-detail-read/b')?.summary ?? '', /^the detail of b could not be read: AccessDeniedException: .*\[REDACTED\]/);
    assert.match(byKey.get('test-throws/a')?.summary ?? '', /^unexpected: User with access key ASIA\[REDACTED\]7KEY/);
  });
});
