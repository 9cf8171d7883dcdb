/** The fake Slack Web API, driven over HTTP with global fetch in both body encodings. */
import { afterAll, beforeEach, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { startFakeSlack, type FakeSlack } from '../../src/emulator/fake-slack.js';

const TOKEN = 'xoxb-rampart-test';

interface CallOptions {
  token?: string | null;
  encoding?: 'form' | 'json';
  httpMethod?: 'GET' | 'POST';
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Calls a method the way @slack/web-api does (form, objects JSON-encoded) or with a JSON body. */
async function call(fake: FakeSlack, method: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<Answer> {
  const token = options.token === undefined ? TOKEN : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let url = fake.apiUrl + method;
  let body: string | undefined;
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  if (options.httpMethod === 'GET') {
    url += `?${form.toString()}`;
  } else if (options.encoding === 'json') {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(params);
  } else {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = form.toString();
  }
  const response = await fetch(url, { method: options.httpMethod ?? 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('fake Slack Web API', async () => {
  const fake = await startFakeSlack();
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('serves the @slack/web-api base URL form on loopback and answers JSON with a charset', async () => {
    // prepare / act
    const answer = await call(fake, 'auth.test');
    // assert
    assert.match(fake.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(
      { ok: answer.body.ok, user_id: answer.body.user_id, team_id: answer.body.team_id, bot_id: answer.body.bot_id },
      { ok: true, user_id: 'U0RAMPARTBOT', team_id: 'T0RAMPART', bot_id: 'B0RAMPART' },
    );
    assert.equal(typeof answer.body.url, 'string');
  });

  describe('authentication', () => {
    it('answers not_authed without a token and invalid_auth for a wrong one, with HTTP 200', async () => {
      // act
      const missing = await call(fake, 'auth.test', {}, { token: null });
      const wrong = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x' }, { token: 'xoxb-wrong' });
      // assert
      assert.deepEqual([missing.status, missing.body], [200, { ok: false, error: 'not_authed' }]);
      assert.deepEqual([wrong.status, wrong.body], [200, { ok: false, error: 'invalid_auth' }]);
      assert.equal(fake.messages['C0SECURITY']?.length, 0);
    });

    it('accepts the token as a form field, but not inside a JSON body', async () => {
      // act
      const asField = await call(fake, 'auth.test', { token: TOKEN }, { token: null });
      const inJson = await call(fake, 'auth.test', { token: TOKEN }, { token: null, encoding: 'json' });
      // assert
      assert.equal(asField.body.ok, true);
      assert.equal(inJson.body.error, 'not_authed');
      assert.equal('token' in (fake.requests[0]?.params ?? {}), false, 'the token is never recorded');
    });

    it('honours a custom token', async () => {
      // prepare
      const custom = await startFakeSlack({ token: 'xoxb-other' });
      try {
        // act
        const wrong = await call(custom, 'auth.test');
        const right = await call(custom, 'auth.test', {}, { token: 'xoxb-other' });
        // assert
        assert.equal(wrong.body.error, 'invalid_auth');
        assert.equal(right.body.ok, true);
      } finally {
        await custom.close();
      }
    });
  });

  describe('chat.postMessage', () => {
    it('posts to a channel by name (form) and by id (JSON), answering the channel id and a unique ts', async () => {
      // act
      const byName = await call(fake, 'chat.postMessage', { channel: '#security', text: 'first', unfurl_links: false });
      const byId = await call(fake, 'chat.postMessage', { channel: 'C0SECURITY', text: 'second' }, { encoding: 'json' });
      // assert
      for (const answer of [byName, byId]) {
        assert.equal(answer.body.ok, true);
        assert.equal(answer.body.channel, 'C0SECURITY');
        assert.match(String(answer.body.ts), /^\d{10}\.\d{6}$/);
      }
      assert.notEqual(byName.body.ts, byId.body.ts);
      const message = byName.body.message as Record<string, unknown>;
      assert.deepEqual({ type: message.type, text: message.text, ts: message.ts, user: message.user, bot_id: message.bot_id }, { type: 'message', text: 'first', ts: byName.body.ts, user: 'U0RAMPARTBOT', bot_id: 'B0RAMPART' });
      assert.deepEqual(fake.messages['C0SECURITY']?.map((m) => m.text), ['first', 'second']);
      assert.equal(fake.requests[0]?.params.unfurl_links, 'false');
    });

    it('parses form-encoded blocks back to objects, and keeps JSON blocks as sent', async () => {
      // prepare
      const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'Open security group' } }, section('*sg-123* allows 0.0.0.0/0 on 22'), { type: 'divider' }];
      // act
      const form = await call(fake, 'chat.postMessage', { channel: '#security', text: 'fallback', blocks });
      const json = await call(fake, 'chat.postMessage', { channel: '#security', text: 'fallback', blocks }, { encoding: 'json' });
      // assert
      assert.deepEqual((form.body.message as Record<string, unknown>).blocks, blocks);
      assert.deepEqual(fake.message('#security', String(form.body.ts))?.blocks, blocks);
      assert.deepEqual(fake.message('C0SECURITY', String(json.body.ts))?.blocks, blocks);
      assert.deepEqual(fake.requests.map((r) => r.params.blocks), [blocks, blocks]);
    });

    it('replies in a thread, and a reply to a reply joins the parent thread', async () => {
      // prepare
      const parent = await call(fake, 'chat.postMessage', { channel: '#security', text: 'digest' });
      const parentTs = String(parent.body.ts);
      // act
      const reply = await call(fake, 'chat.postMessage', { channel: 'C0SECURITY', text: 'detail', thread_ts: parentTs });
      const nested = await call(fake, 'chat.postMessage', { channel: 'C0SECURITY', text: 'more', thread_ts: String(reply.body.ts) }, { encoding: 'json' });
      // assert
      assert.equal((reply.body.message as Record<string, unknown>).thread_ts, parentTs);
      assert.equal((nested.body.message as Record<string, unknown>).thread_ts, parentTs);
      const stored = fake.message('C0SECURITY', parentTs);
      assert.deepEqual(stored?.replies.map((r) => r.text), ['detail', 'more']);
      assert.equal(stored?.threadTs, parentTs);
      assert.equal(fake.messages['C0SECURITY']?.length, 1, 'replies are not top-level messages');
      assert.equal(fake.message('#security', String(reply.body.ts))?.text, 'detail');
    });

    it('refuses an unknown thread and a malformed thread_ts', async () => {
      // act
      const unknown = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', thread_ts: '1700000000.000001' });
      const malformed = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', thread_ts: 'abc' });
      // assert
      assert.equal(unknown.body.error, 'thread_not_found');
      assert.equal(malformed.body.error, 'invalid_thread_ts');
    });

    it('answers channel_not_found and not_in_channel', async () => {
      // act
      const missing = await call(fake, 'chat.postMessage', { channel: '#nowhere', text: 'x' });
      const none = await call(fake, 'chat.postMessage', { text: 'x' });
      const outside = await call(fake, 'chat.postMessage', { channel: '#outside', text: 'x' });
      // assert
      assert.deepEqual([missing.body.error, none.body.error, outside.body.error], ['channel_not_found', 'channel_not_found', 'not_in_channel']);
      assert.equal(fake.messages['C0OUTSIDE']?.length, 0);
    });

    it('answers no_text without text or blocks, and invalid_blocks for bad blocks', async () => {
      // prepare
      const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
      const longSection = [section('x'.repeat(3001))];
      // act
      const noText = await call(fake, 'chat.postMessage', { channel: '#security' });
      const emptyText = await call(fake, 'chat.postMessage', { channel: '#security', text: '', blocks: [] }, { encoding: 'json' });
      const over50 = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', blocks: tooMany });
      const overLong = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', blocks: longSection }, { encoding: 'json' });
      const untyped = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', blocks: [{ text: 'no type' }] });
      const notArray = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', blocks: '{"type":' });
      // assert
      assert.equal(noText.body.error, 'no_text');
      assert.equal(emptyText.body.error, 'no_text');
      for (const answer of [over50, overLong, untyped]) {
        assert.equal(answer.status, 200);
        assert.equal(answer.body.error, 'invalid_blocks');
        assert.ok(Array.isArray(answer.body.errors) && answer.body.errors.length > 0);
      }
      assert.match(String((overLong.body.errors as string[])[0]), /\/blocks\/0\/text\/text/);
      assert.equal(notArray.body.error, 'invalid_blocks_format');
      assert.equal(fake.messages['C0SECURITY']?.length, 0);
    });

    it('accepts exactly 50 blocks and a 3000-character section', async () => {
      // act
      const fifty = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', blocks: [section('y'.repeat(3000)), ...Array.from({ length: 49 }, () => ({ type: 'divider' }))] });
      // assert
      assert.equal(fifty.body.ok, true, JSON.stringify(fifty.body));
    });
  });

  describe('chat.update', () => {
    it('edits in place, keeps the history, and keeps blocks that were not sent', async () => {
      // prepare
      const blocks = [section('*OPEN* sg-123')];
      const posted = await call(fake, 'chat.postMessage', { channel: '#security', text: 'open', blocks });
      const ts = String(posted.body.ts);
      // act
      const first = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts, text: 'still open' });
      const second = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts, text: 'resolved', blocks: [section('*RESOLVED* sg-123')] }, { encoding: 'json' });
      // assert
      assert.deepEqual({ ok: first.body.ok, channel: first.body.channel, ts: first.body.ts, text: first.body.text }, { ok: true, channel: 'C0SECURITY', ts, text: 'still open' });
      assert.deepEqual((first.body.message as Record<string, unknown>).blocks, blocks, 'blocks not sent are kept');
      assert.equal(second.body.text, 'resolved');
      const stored = fake.message('C0SECURITY', ts);
      assert.equal(stored?.text, 'resolved');
      assert.deepEqual(stored?.blocks, [section('*RESOLVED* sg-123')]);
      assert.deepEqual(stored?.edits.map((e) => e.text), ['open', 'still open']);
      assert.deepEqual(stored?.edits[0]?.blocks, blocks);
      assert.equal(fake.messages['C0SECURITY']?.length, 1, 'an update posts nothing new');
      assert.ok((second.body.message as Record<string, unknown>).edited);
    });

    it('removes blocks when sent an empty array', async () => {
      // prepare
      const posted = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x', blocks: [section('y')] });
      // act
      const answer = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts: String(posted.body.ts), blocks: [] });
      // assert
      assert.equal(answer.body.ok, true);
      assert.equal(fake.message('C0SECURITY', String(posted.body.ts))?.blocks, undefined);
    });

    it('answers message_not_found for an unknown ts, channel_not_found for a name, and no_text with nothing to set', async () => {
      // prepare
      const posted = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x' });
      const ts = String(posted.body.ts);
      // act
      const unknown = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts: '1700000000.000001', text: 'y' });
      const byName = await call(fake, 'chat.update', { channel: '#security', ts, text: 'y' });
      const nothing = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts });
      const noTs = await call(fake, 'chat.update', { channel: 'C0SECURITY', text: 'y' });
      // assert
      assert.equal(unknown.body.error, 'message_not_found');
      assert.equal(byName.body.error, 'channel_not_found');
      assert.equal(nothing.body.error, 'no_text');
      assert.equal(noTs.body.error, 'invalid_arguments');
      assert.deepEqual(fake.message('C0SECURITY', ts)?.edits, []);
    });
  });

  describe('users and DMs', () => {
    it('looks a user up by email with GET or POST, and answers users_not_found', async () => {
      // act
      const byGet = await call(fake, 'users.lookupByEmail', { email: 'alice@example.com' }, { httpMethod: 'GET' });
      const byPost = await call(fake, 'users.lookupByEmail', { email: 'Bob@Example.com' }, { encoding: 'json' });
      const missing = await call(fake, 'users.lookupByEmail', { email: 'nobody@example.com' });
      // assert
      const alice = byGet.body.user as Record<string, unknown>;
      assert.deepEqual({ id: alice.id, name: alice.name, real_name: alice.real_name, profile: alice.profile }, { id: 'U0ALICE', name: 'alice', real_name: 'Alice Example', profile: { email: 'alice@example.com', real_name: 'Alice Example', display_name: 'alice' } });
      assert.equal((byPost.body.user as Record<string, unknown>).id, 'U0BOB');
      assert.deepEqual(missing.body, { ok: false, error: 'users_not_found' });
      assert.equal(fake.requests[0]?.httpMethod, 'GET');
    });

    it('opens a DM that chat.postMessage then accepts, the same one each time', async () => {
      // act
      const opened = await call(fake, 'conversations.open', { users: 'U0ALICE' });
      const dm = (opened.body.channel as Record<string, unknown>).id as string;
      const again = await call(fake, 'conversations.open', { users: 'U0ALICE' }, { encoding: 'json' });
      const posted = await call(fake, 'chat.postMessage', { channel: dm, text: 'your finding' });
      // assert
      assert.match(dm, /^D/);
      assert.equal((again.body.channel as Record<string, unknown>).id, dm);
      assert.equal(again.body.already_open, true);
      assert.deepEqual([posted.body.ok, posted.body.channel], [true, dm]);
      assert.deepEqual(fake.messages[dm]?.map((m) => m.text), ['your finding']);
    });

    it('opens a group DM for several users and refuses unknown users or none', async () => {
      // act
      const group = await call(fake, 'conversations.open', { users: 'U0ALICE,U0BOB' });
      const unknown = await call(fake, 'conversations.open', { users: 'U0ALICE,U0NOBODY' });
      const none = await call(fake, 'conversations.open', {});
      // assert
      assert.equal(group.body.ok, true);
      assert.notEqual((group.body.channel as Record<string, unknown>).id, undefined);
      assert.equal(unknown.body.error, 'user_not_found');
      assert.equal(none.body.error, 'users_list_not_supplied');
    });

    it('posts to a user id as their DM with the app', async () => {
      // act
      const posted = await call(fake, 'chat.postMessage', { channel: 'U0BOB', text: 'hi' });
      const opened = await call(fake, 'conversations.open', { users: 'U0BOB' });
      // assert
      assert.equal(posted.body.ok, true);
      assert.equal(posted.body.channel, (opened.body.channel as Record<string, unknown>).id);
    });

    it('takes channels and users from the options', async () => {
      // prepare
      const custom = await startFakeSlack({ channels: { '#alerts': 'C0ALERTS', '#locked': { id: 'C0LOCKED', member: false } }, users: { 'carol@corp.example': 'U0CAROL' } });
      try {
        // act
        const posted = await call(custom, 'chat.postMessage', { channel: 'alerts', text: 'x' });
        const locked = await call(custom, 'chat.postMessage', { channel: 'C0LOCKED', text: 'x' });
        const security = await call(custom, 'chat.postMessage', { channel: '#security', text: 'x' });
        const carol = await call(custom, 'users.lookupByEmail', { email: 'carol@corp.example' });
        // assert
        assert.equal(posted.body.channel, 'C0ALERTS');
        assert.equal(locked.body.error, 'not_in_channel');
        assert.equal(security.body.error, 'channel_not_found', 'the defaults are replaced, not merged');
        assert.deepEqual([(carol.body.user as Record<string, unknown>).id, (carol.body.user as Record<string, unknown>).name], ['U0CAROL', 'carol']);
      } finally {
        await custom.close();
      }
    });
  });

  describe('fault injection', () => {
    it('answers 429 with Retry-After for the scoped method only, then recovers', async () => {
      // prepare
      fake.rateLimitNext({ count: 2, retryAfterSeconds: 7, method: 'chat.postMessage' });
      // act
      const other = await call(fake, 'auth.test');
      const first = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x' });
      const second = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x' }, { encoding: 'json' });
      const third = await call(fake, 'chat.postMessage', { channel: '#security', text: 'x' });
      // assert
      assert.equal(other.body.ok, true);
      for (const answer of [first, second]) {
        assert.equal(answer.status, 429);
        assert.equal(answer.headers.get('retry-after'), '7');
        assert.deepEqual(answer.body, { ok: false, error: 'ratelimited' });
      }
      assert.equal(third.body.ok, true);
      assert.equal(fake.messages['C0SECURITY']?.length, 1, 'a rate-limited post stores nothing');
      assert.deepEqual(fake.requests.map((r) => [r.method, r.status, r.fault]), [
        ['auth.test', 200, undefined],
        ['chat.postMessage', 429, 'ratelimited'],
        ['chat.postMessage', 429, 'ratelimited'],
        ['chat.postMessage', 200, undefined],
      ]);
    });

    it('answers a 503 for the scoped method only, and an unscoped 500 to whatever comes next', async () => {
      // prepare
      const posted = await call(fake, 'chat.postMessage', { channel: '#security', text: 'open' });
      const ts = String(posted.body.ts);
      fake.failNext({ method: 'chat.update' });
      // act
      const other = await call(fake, 'auth.test');
      const failed = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts, text: 'resolved' });
      const retried = await call(fake, 'chat.update', { channel: 'C0SECURITY', ts, text: 'resolved' });
      fake.failNext({ status: 500 });
      const unscoped = await call(fake, 'users.lookupByEmail', { email: 'alice@example.com' });
      // assert
      assert.equal(other.status, 200);
      assert.equal(failed.status, 503);
      assert.equal(failed.body.ok, false);
      assert.deepEqual(fake.message('C0SECURITY', ts)?.edits.length, 1, 'the failed update changed nothing, the retry did');
      assert.deepEqual([retried.status, retried.body.ok], [200, true]);
      assert.equal(unscoped.status, 500);
      assert.equal(fake.requests.filter((r) => r.fault === 'http_error').length, 2);
    });

    it('forgets pending faults, messages and requests on reset', async () => {
      // prepare
      fake.rateLimitNext({ count: 5 });
      await call(fake, 'auth.test');
      // act
      fake.reset();
      const answer = await call(fake, 'auth.test');
      // assert
      assert.equal(answer.status, 200);
      assert.equal(fake.requests.length, 1);
    });
  });

  describe('reading back', () => {
    it('lists a channel newest first and a thread parent first, refusing a channel the bot is not in', async () => {
      // prepare
      const first = await call(fake, 'chat.postMessage', { channel: '#security', text: 'first' });
      await call(fake, 'chat.postMessage', { channel: '#security', text: 'reply', thread_ts: String(first.body.ts) });
      await call(fake, 'chat.postMessage', { channel: '#security', text: 'second' });
      // act
      const history = await call(fake, 'conversations.history', { channel: 'C0SECURITY' }, { httpMethod: 'GET' });
      const limited = await call(fake, 'conversations.history', { channel: 'C0SECURITY', limit: 1 });
      const thread = await call(fake, 'conversations.replies', { channel: 'C0SECURITY', ts: String(first.body.ts) });
      const outside = await call(fake, 'conversations.history', { channel: 'C0OUTSIDE' });
      const noThread = await call(fake, 'conversations.replies', { channel: 'C0SECURITY', ts: '1700000000.000001' });
      // assert
      const texts = (answer: Answer) => (answer.body.messages as Record<string, unknown>[]).map((m) => m.text);
      assert.deepEqual(texts(history), ['second', 'first']);
      assert.deepEqual([texts(limited), limited.body.has_more], [['second'], true]);
      assert.deepEqual(texts(thread), ['first', 'reply']);
      assert.equal(outside.body.error, 'not_in_channel');
      assert.equal(noThread.body.error, 'thread_not_found');
    });
  });

  describe('robustness', () => {
    it('answers unknown_method with HTTP 404', async () => {
      // act
      const answer = await call(fake, 'chat.postMessages', { channel: '#security', text: 'x' });
      // assert
      assert.equal(answer.status, 404);
      assert.equal(answer.body.ok, false);
      assert.equal(answer.body.error, 'unknown_method');
    });

    it('answers invalid_json for a malformed JSON body and invalid_form_data for an unsupported body', async () => {
      // act
      const badJson = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '{"channel":' });
      const arrayJson = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '[1]' });
      const xml = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/xml' }, body: '<x/>' });
      // assert
      assert.deepEqual([badJson.status, await badJson.json()], [200, { ok: false, error: 'invalid_json' }]);
      assert.deepEqual([arrayJson.status, await arrayJson.json()], [200, { ok: false, error: 'invalid_json' }]);
      assert.deepEqual([xml.status, await xml.json()], [200, { ok: false, error: 'invalid_form_data' }]);
    });

    it('serves concurrent posts with distinct, increasing ts', async () => {
      // act
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => call(fake, 'chat.postMessage', { channel: '#security', text: `m${i}` })));
      // assert
      const stamps = answers.map((a) => String(a.body.ts));
      assert.equal(new Set(stamps).size, 30);
      const stored = fake.messages['C0SECURITY']?.map((m) => m.ts) ?? [];
      assert.deepEqual(stored, [...stored].sort());
    });
  });
});
