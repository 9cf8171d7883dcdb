/** SlackMessages against the local fake Slack Web API: posting, editing, threads, DMs, lookups, errors, retries, pacing. */
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { startFakeSlack, type FakeSlack } from '../../src/emulator/fake-slack.js';
import { SLACK_RETRY_POLICY, SlackError, SlackMessages, type SlackMessagesOptions } from '../../src/report/slack/client.js';
import type { SlackMessage } from '../../src/report/slack/content.js';
import { createLogger } from '../../src/util/logger.js';

const MESSAGE: SlackMessage = { text: 'HIGH finding: sg-0123', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*HIGH* sg-0123 open to the world' } }] };
const RESOLVED: SlackMessage = { text: 'Resolved: sg-0123', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '~HIGH~ *Resolved*' } }] };
/** Short backoff so retry tests run in milliseconds; the shape of the policy is the production one. */
const FAST_RETRY = { minTimeout: 10, maxTimeout: 40, randomize: false };

let fake: FakeSlack;

function client(fakeSlack: FakeSlack, options: Partial<SlackMessagesOptions> = {}): SlackMessages {
  return new SlackMessages({ token: fakeSlack.token, slackApiUrl: fakeSlack.apiUrl, retry: FAST_RETRY, channelIntervalMs: 0, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<SlackError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SlackError, `expected a SlackError, got ${inspect(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

function requestsTo(method: string): number {
  return fake.requests.filter((r) => r.method === method).length;
}

beforeAll(async () => {
  fake = await startFakeSlack();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

describe('SlackMessages: messages', () => {
  it('posts to a channel by name and answers its id and ts', async () => {
    // prepare
    const slack = client(fake);
    // act
    const posted = await slack.post('#security', MESSAGE);
    // assert
    assert.equal(posted.channel, 'C0SECURITY');
    const messages = fake.messages.C0SECURITY ?? [];
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.ts, posted.ts);
    assert.equal(messages[0]?.text, MESSAGE.text);
    assert.deepEqual(messages[0]?.blocks, MESSAGE.blocks);
    assert.equal(messages[0]?.params.unfurl_links, 'false');
    assert.equal(slack.calls, 1);
  });

  it('updates a message in place, by the id post answered or by the name posted to', async () => {
    const slack = client(fake);
    const posted = await slack.post('#security', MESSAGE);

    await slack.update(posted.channel, posted.ts, RESOLVED);
    await slack.update('#security', posted.ts, MESSAGE);

    const message = fake.message('C0SECURITY', posted.ts);
    assert.equal(fake.messages.C0SECURITY?.length, 1, 'no second message');
    assert.equal(message?.text, MESSAGE.text);
    assert.deepEqual(message?.edits.map((e) => e.text), [MESSAGE.text, RESOLVED.text]);
    assert.equal(slack.calls, 3);
  });

  it('replies in the thread of a message', async () => {
    const slack = client(fake);
    const posted = await slack.post('#security', MESSAGE);

    const reply = await slack.reply(posted.channel, posted.ts, 'Severity: `HIGH` → `CRITICAL`');

    const parent = fake.message('C0SECURITY', posted.ts);
    assert.equal(parent?.replies.length, 1);
    assert.equal(parent?.replies[0]?.ts, reply.ts);
    assert.equal(parent?.replies[0]?.threadTs, posted.ts);
    assert.equal(parent?.replies[0]?.blocks, undefined, 'a plain-text reply sends no blocks');
    assert.equal(fake.messages.C0SECURITY?.length, 1, 'the reply is not a top-level message');
  });

  it('sends a direct message through conversations.open, opening the DM once', async () => {
    const slack = client(fake);

    const first = await slack.dm('U0ALICE', MESSAGE);
    const second = await slack.dm('U0ALICE', RESOLVED);

    assert.equal(first.channel, second.channel);
    assert.match(first.channel, /^D/);
    assert.deepEqual(fake.messages[first.channel]?.map((m) => m.text), [MESSAGE.text, RESOLVED.text]);
    assert.equal(requestsTo('conversations.open'), 1);
    assert.equal(fake.requests.find((r) => r.method === 'conversations.open')?.params.users, 'U0ALICE');
  });

  it('looks a user up by email, and answers undefined for an unknown one', async () => {
    const slack = client(fake);

    const alice = await slack.userByEmail('alice@example.com');
    const nobody = await slack.userByEmail('nobody@example.com');

    assert.equal(alice, 'U0ALICE');
    assert.equal(nobody, undefined);
    assert.equal(slack.calls, 2);
  });
});

describe('SlackMessages: setup and errors', () => {
  it('checkSetup passes with a valid token and well-formed channels, posting nothing', async () => {
    const slack = client(fake);

    await slack.checkSetup(['#security', 'C0GENERAL', 'security-summary', '#sécurité_2']);

    assert.deepEqual(fake.requests.map((r) => r.method), ['auth.test']);
  });

  it('checkSetup fails on a rejected token, naming RAMPART_SLACK_TOKEN, without the token', async () => {
    const wrongToken = 'xoxb-999-wrong-bot-token-value';
    const slack = client(fake, { token: wrongToken });

    const error = await rejection(slack.checkSetup(['#security']));

    assert.equal(error.name, 'SlackError');
    assert.equal(error.code, 'invalid_auth');
    assert.equal(error.retryable, false);
    assert.match(error.message, /RAMPART_SLACK_TOKEN/);
    assert.doesNotMatch(error.message, /\n/, 'one line');
    assert.ok(!inspect(error, { depth: 6 }).includes(wrongToken), 'the token is nowhere in the error or its cause');
    assert.equal(requestsTo('auth.test'), 1, 'an auth error is not retried');
  });

  it('checkSetup rejects a channel that is neither a name nor an id', async () => {
    const slack = client(fake);

    const error = await rejection(slack.checkSetup(['#security', 'Not A Channel!']));

    assert.equal(error.code, 'channel_not_found');
    assert.match(error.message, /Not A Channel!/);
    assert.match(error.message, /reporting\.slack\.channel/);
  });

  it('a channel the app is not in fails with not_in_channel, naming the channel and the fix', async () => {
    const slack = client(fake);

    const error = await rejection(slack.post('#outside', MESSAGE));

    assert.equal(error.code, 'not_in_channel');
    assert.equal(error.retryable, false);
    assert.equal(error.channel, '#outside');
    assert.match(error.message, /#outside/);
    assert.match(error.message, /invite/i);
    assert.equal(requestsTo('chat.postMessage'), 1);
  });

  it('an unknown channel fails with channel_not_found, naming the channel and the setting', async () => {
    const slack = client(fake);

    const error = await rejection(slack.post('#nowhere', MESSAGE));

    assert.equal(error.code, 'channel_not_found');
    assert.match(error.message, /#nowhere/);
    assert.match(error.message, /reporting\.slack\.channel/);
  });

  it('an unreachable API fails as retryable request_failed, naming RAMPART_SLACK_API_URL', async () => {
    const closed = await startFakeSlack();
    const url = closed.apiUrl;
    await closed.close();
    const slack = new SlackMessages({ token: fake.token, slackApiUrl: url, retry: { ...FAST_RETRY, retries: 1 } });

    const error = await rejection(slack.post('#security', MESSAGE));

    assert.equal(error.code, 'request_failed');
    assert.equal(error.retryable, true);
    assert.match(error.message, /RAMPART_SLACK_API_URL/);
    assert.equal(slack.calls, 2, 'tried, then retried once');
  });
});

describe('SlackMessages: rate limits and retries', () => {
  it('waits out a 429 Retry-After and posts once: nothing dropped, nothing doubled', async () => {
    const slack = client(fake);
    fake.rateLimitNext({ method: 'chat.postMessage', retryAfterSeconds: 1 });
    const started = Date.now();

    const posted = await slack.post('#security', MESSAGE);

    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.equal(fake.messages.C0SECURITY?.length, 1);
    assert.equal(fake.messages.C0SECURITY?.[0]?.ts, posted.ts);
    assert.equal(requestsTo('chat.postMessage'), 2);
    assert.equal(slack.calls, 2);
    assert.equal(slack.rateLimited, 1);
  });

  it('retries a 503 and succeeds', async () => {
    const slack = client(fake);
    fake.failNext({ status: 503, method: 'chat.update' });
    const posted = await slack.post('#security', MESSAGE);

    await slack.update(posted.channel, posted.ts, RESOLVED);

    assert.equal(fake.message('C0SECURITY', posted.ts)?.text, RESOLVED.text);
    assert.equal(requestsTo('chat.update'), 2);
  });

  it('gives up after the configured retries with a retryable SlackError', async () => {
    const slack = client(fake, { retry: { ...FAST_RETRY, retries: 2 } });
    fake.failNext({ status: 503, count: 10 });

    const error = await rejection(slack.post('#security', MESSAGE));

    assert.equal(error.code, 'service_unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.method, 'chat.postMessage');
    assert.equal(requestsTo('chat.postMessage'), 3, 'one try and two retries');
    assert.equal(fake.messages.C0SECURITY?.length, 0);
  });

  it('gives up on a lasting rate limit with a retryable ratelimited error', async () => {
    const slack = client(fake, { retry: { ...FAST_RETRY, retries: 1 } });
    fake.rateLimitNext({ method: 'chat.postMessage', retryAfterSeconds: 0, count: 5 });

    const error = await rejection(slack.post('#security', MESSAGE));

    assert.equal(error.code, 'ratelimited');
    assert.equal(error.retryable, true);
    assert.equal(fake.messages.C0SECURITY?.length, 0);
    assert.ok(!error.message.includes(fake.token));
  });

  it('the production policy gives up within about a minute, not thirty', () => {
    const { retries = 10, minTimeout = 1000, maxTimeout = Infinity, factor = 2, maxRetryTime = Infinity } = SLACK_RETRY_POLICY;
    let worst = 0;
    for (let attempt = 0; attempt < retries; attempt += 1) worst += Math.min(maxTimeout, minTimeout * factor ** attempt) * 2; // randomize: up to ×2

    assert.ok(retries >= 2 && retries <= 5, `a few retries (${retries})`);
    assert.ok(maxRetryTime <= 60_000);
    assert.ok(worst <= 60_000, `worst-case backoff ${worst} ms`);
  });
});

describe('SlackMessages: pacing and logging', () => {
  it('spaces messages to one channel, and does not hold back other channels', async () => {
    const slack = client(fake, { channelIntervalMs: 200 });
    const started = Date.now();

    await Promise.all([slack.post('#general', MESSAGE), slack.post('#security', MESSAGE)]);
    const otherChannels = Date.now() - started;
    await Promise.all([slack.post('#general', MESSAGE), slack.post('C0GENERAL', MESSAGE), slack.post('#general', MESSAGE)]);
    const total = Date.now() - started;

    assert.ok(otherChannels < 190, `two channels at once took ${otherChannels} ms`);
    assert.ok(total >= 3 * 200 - 20, `four posts to #general (by name and id) took ${total} ms`);
    assert.equal(fake.messages.C0GENERAL?.length, 4);
  });

  it('logs through the rampart logger without the token', async () => {
    const lines: string[] = [];
    const logger = createLogger({ format: 'text', level: 'debug', write: (line) => lines.push(line) });
    const slack = client(fake, { logger });
    fake.rateLimitNext({ method: 'chat.postMessage', retryAfterSeconds: 0 });

    await slack.post('#security', MESSAGE);
    await rejection(client(fake, { logger, token: 'xoxb-999-another-wrong-token' }).post('#security', MESSAGE));

    assert.ok(lines.length > 0);
    assert.ok(lines.some((l) => /rate limit/i.test(l)));
    for (const line of lines) {
      assert.ok(!line.includes(fake.token), line);
      assert.ok(!line.includes('xoxb-999-another-wrong-token'), line);
    }
  });
});
