/** A request that reaches no endpoint names the URL and the network error, not a credentials problem. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsClients } from '../../src/aws/clients.js';
import { describeAwsError } from '../../src/aws/errors.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../../src/emulator/moto.js';

describe('an unreachable endpoint', () => {
  it('an SDK call\'s error is "cannot reach <url>: <code>"', async () => {
    // prepare
    const port = await freePort();
    const clients = createAwsClients('base', 'us-east-1', { accessKeyId: 'a', secretAccessKey: 'b' }, { endpointUrl: `http://127.0.0.1:${port}`, retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    // act
    const error = await clients.get(STSClient).send(new GetCallerIdentityCommand({})).then(() => undefined, (e: unknown) => e);
    clients.destroy();
    // assert
    assert.deepEqual(describeAwsError(error), { code: 'ECONNREFUSED', kind: 'unreachable', message: `cannot reach http://127.0.0.1:${port}: ECONNREFUSED` });
  });

  describe('in a scan', () => {
    // The SDK's credential chain reads the process's environment: static keys there.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    beforeAll(() => Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }));
    afterAll(() => {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('the first call says so, exit 2, one line', async () => {
      // prepare
      const port = await freePort();
      // act
      const run = await runCli(['scan', '--endpoint-url', `http://127.0.0.1:${port}`, '--regions', 'us-east-1', '--no-progress']);
      // assert
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `rampart: cannot reach http://127.0.0.1:${port}: ECONNREFUSED (check --endpoint-url, AWS_ENDPOINT_URL or the network)\n`);
    });
  });
});
