/** The per-task call statistics count calls, attempts and throttled answers of the calls made within the task only. */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { emptyCallStats, withCallStats } from '../../src/aws/call-stats.js';
import { createAwsClients } from '../../src/aws/clients.js';

const THROTTLED = '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>';
const IDENTITY = '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/a</Arn><UserId>A</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>';

describe('call statistics', () => {
  let server: Server;
  let endpoint = '';
  let answers: number[] = [];
  beforeAll(async () => {
    // An STS stand-in: answers with the next status of `answers` (400 = throttled), then 200.
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const status = answers.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'text/xml' });
        response.end(status === 200 ? IDENTITY : THROTTLED);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => server.close());

  it('a call throttled twice is one call, three requests, two retried, two throttled; calls outside the task are not counted', async () => {
    // prepare
    const clients = createAwsClients('base', 'us-east-1', { accessKeyId: 'a', secretAccessKey: 'b' }, { endpointUrl: endpoint, retryPolicy: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2 } });
    const stats = emptyCallStats();
    answers = [400, 400];
    // act
    await withCallStats(stats, () => clients.get(STSClient).send(new GetCallerIdentityCommand({})));
    await clients.get(STSClient).send(new GetCallerIdentityCommand({}));
    clients.destroy();
    // assert
    assert.deepEqual(stats, { calls: 1, requests: 3, throttled: 2 });
  });
});
