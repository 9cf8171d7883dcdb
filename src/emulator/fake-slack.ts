/**
 * A local fake of the Slack Web API for tests and the demo: an HTTP server on 127.0.0.1 that
 * speaks Slack's wire format (form-encoded or JSON bodies, a bearer token, HTTP 200 with
 * `{ ok: false, error }` for errors, HTTP 429 with Retry-After for rate limits) for the
 * methods the reporting step uses: chat.postMessage, chat.update, users.lookupByEmail,
 * conversations.open and auth.test, plus conversations.history and conversations.replies to
 * read back what was posted. Point @slack/web-api at it with `slackApiUrl: fake.apiUrl`.
 *
 *   const slack = await startFakeSlack();
 *   slack.rateLimitNext({ method: 'chat.postMessage', retryAfterSeconds: 1 });
 *   // … run the reporter against slack.apiUrl with token slack.token …
 *   slack.messages['C0SECURITY']; slack.requests; await slack.close();
 */
export { startFakeSlack } from './fake-slack/server.js';
export { DEFAULT_CHANNELS, DEFAULT_TOKEN, DEFAULT_USERS } from './fake-slack/workspace.js';
export type {
  FailSpec,
  FakeSlack,
  FakeSlackChannelSpec,
  FakeSlackContent,
  FakeSlackMessage,
  FakeSlackOptions,
  FakeSlackRequest,
  FakeSlackUserSpec,
  RateLimitSpec,
} from './fake-slack/types.js';
