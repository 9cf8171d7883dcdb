/**
 * The Slack side of the report step: a thin wrapper over @slack/web-api's WebClient with a
 * retry policy that fits a scheduled task, per-channel pacing, typed errors that name the
 * setting to fix, and a count of every HTTP call made. It knows nothing of the record table or
 * the config file: the caller hands it the token, the API URL and the channels.
 *
 * Retries: @slack/web-api 8 retries every failed request (HTTP 429, 5xx, network errors) through
 * p-retry with `retryConfig`; its default (`tenRetriesInAboutThirtyMinutes`) would hold a
 * scheduled run for half an hour. SLACK_RETRY_POLICY gives up after about a minute instead; what
 * could not be sent stays pending in the record and goes out on the next run. A 429 is left to
 * the library (`rejectRateLimitedCalls: false`): it pauses its request queue for the Retry-After
 * seconds, then retries the same call, so nothing is dropped and nothing is posted twice.
 */
import {
  ErrorCode,
  WebClient,
  WebClientEvent,
  LogLevel,
  type FetchFunction,
  type Logger as SlackLogger,
  type RetryOptions,
  type WebAPICallResult,
} from '@slack/web-api';
import type { Logger } from '../../util/logger.js';
import { redact, registerSecret } from '../../util/redact.js';
import type { SlackMessage } from './content.js';

/** Where the token and the API URL come from, for the fix in an error message. */
export const SLACK_TOKEN_SETTING = 'RAMPART_SLACK_TOKEN';
export const SLACK_API_URL_SETTING = 'RAMPART_SLACK_API_URL';
const CHANNEL_SETTING = 'reporting.slack.channel (or the owners override that routed here)';

/**
 * At most 4 retries, 1 s → 2 s → 4 s → 8 s apart (randomised up to ×2 so parallel runs do not
 * retry in step), and none started after 60 s: a scheduled run gives up within about a minute and
 * leaves the message pending for the next run. A 429's Retry-After wait comes on top of the
 * backoff (the library sleeps it before handing the failure to p-retry).
 */
export const SLACK_RETRY_POLICY: Readonly<RetryOptions> = {
  retries: 4,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 8_000,
  randomize: true,
  maxRetryTime: 60_000,
};

/** Slack allows about one message per second per channel. */
export const DEFAULT_CHANNEL_INTERVAL_MS = 1_100;
/** One request that hangs longer than this is aborted and retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export interface SlackMessagesOptions {
  /** The bot token (xoxb-…). Registered with the redactor, so it never reaches a log or an error. */
  token: string;
  /** The Web API base URL ending in `/api/` (RAMPART_SLACK_API_URL; default Slack's). */
  slackApiUrl?: string;
  /** Receives the library's log lines at debug level, and rate-limit notices; default silent. */
  logger?: Logger;
  /** Overrides of SLACK_RETRY_POLICY (tests use short timeouts). */
  retry?: Partial<RetryOptions>;
  /** Minimum time between two messages posted to one channel (default 1.1 s). */
  channelIntervalMs?: number;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  maxRequestConcurrency?: number;
}

/** A Slack failure, after the retries: Slack's `error` code, whether a later run may succeed, and a one-line fix. */
export class SlackError extends Error {
  override readonly name = 'SlackError';
  /** Slack's `error` string (channel_not_found, not_in_channel, invalid_auth, ratelimited…), or http_<status> / request_failed. */
  readonly code: string;
  /** True when the same call may succeed later (rate limit, 5xx, network): keep the message pending. */
  readonly retryable: boolean;
  /** The Web API method that failed. */
  readonly method: string;
  /** The channel (as the caller named it) when the call targeted one. */
  readonly channel?: string;

  constructor(message: string, details: { code: string; retryable: boolean; method: string; channel?: string; cause?: unknown }) {
    super(redact(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.retryable = details.retryable;
    this.method = details.method;
    if (details.channel !== undefined) this.channel = details.channel;
  }
}

/** Slack error codes worth another try later; everything else needs a person to fix something. */
const RETRYABLE_CODES = new Set(['ratelimited', 'rate_limited', 'service_unavailable', 'internal_error', 'fatal_error', 'request_timeout', 'team_added_to_org', 'request_failed']);
const AUTH_CODES = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'ekm_access_denied', 'not_allowed_token_type']);

interface Classified {
  code: string;
  retryable: boolean;
  /** Detail worth quoting (Slack's response_metadata messages, the needed scope, the network error). */
  detail?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const RATE_LIMIT_MESSAGE = /rate limit was exceeded/i;

/** "still rate limited, retry-after: N" from the library's message (its URL left out). */
function rateLimitDetail(message: string): string {
  const seconds = /retry-after: (\d+)/.exec(message)?.[1];
  return seconds === undefined ? 'still rate limited after the retries' : `still rate limited after the retries, last Retry-After ${seconds} s`;
}

/** The code and retryability of what WebClient threw. */
function classify(error: unknown): Classified {
  if (!isRecord(error)) return { code: 'unknown_error', retryable: false, detail: String(error) };
  switch (error.code) {
    case ErrorCode.PlatformError: {
      const data = isRecord(error.data) ? error.data : {};
      const code = typeof data.error === 'string' ? data.error : 'unknown_error';
      const parts: string[] = [];
      if (typeof data.needed === 'string') parts.push(`needed scope: ${data.needed}`);
      const meta = isRecord(data.response_metadata) ? data.response_metadata : {};
      if (Array.isArray(meta.messages)) parts.push(...meta.messages.filter((m): m is string => typeof m === 'string').slice(0, 3));
      return { code, retryable: RETRYABLE_CODES.has(code), detail: parts.length > 0 ? parts.join('; ') : undefined };
    }
    case ErrorCode.HTTPError: {
      const status = typeof error.statusCode === 'number' ? error.statusCode : 0;
      const body = isRecord(error.body) ? error.body : {};
      const code = typeof body.error === 'string' ? body.error : `http_${status}`;
      return { code, retryable: status === 429 || status >= 500 || status === 408, detail: `HTTP ${status}` };
    }
    case ErrorCode.RequestError: {
      const original = error.original instanceof Error ? error.original : undefined;
      // a 429 the library waited out is re-thrown inside its request task and wrapped as a request error
      if (original && RATE_LIMIT_MESSAGE.test(original.message)) return { code: 'ratelimited', retryable: true, detail: rateLimitDetail(original.message) };
      const cause = original && isRecord(original.cause) && typeof original.cause.code === 'string' ? ` (${original.cause.code})` : '';
      return { code: 'request_failed', retryable: true, detail: `${original?.message ?? 'request failed'}${cause}` };
    }
    case ErrorCode.RateLimitedError:
      return { code: 'ratelimited', retryable: true, detail: `retry after ${String(error.retryAfter)} s` };
    default:
      break;
  }
  const message = error instanceof Error ? error.message : String(error);
  // What the library throws into p-retry for a 429 it waited out; p-retry rejects with it when no retry is left.
  if (RATE_LIMIT_MESSAGE.test(message)) return { code: 'ratelimited', retryable: true, detail: rateLimitDetail(message) };
  if (/Retry header did not contain a valid timeout/i.test(message)) return { code: 'ratelimited', retryable: true, detail: 'HTTP 429 without a usable Retry-After' };
  return { code: 'unknown_error', retryable: false, detail: message };
}

/** The one-line message: what failed, Slack's code, and the fix. */
function describe(method: string, channel: string | undefined, c: Classified, apiUrl: string): string {
  const where = channel === undefined ? '' : ` to ${channel}`;
  const detail = c.detail ? `; ${c.detail}` : '';
  if (AUTH_CODES.has(c.code)) {
    return `Slack rejected the bot token (${c.code}) on ${method}: set ${SLACK_TOKEN_SETTING} to the rampart app's bot token (xoxb-…) for this workspace`;
  }
  switch (c.code) {
    case 'missing_scope':
      return `the Slack app lacks a scope for ${method} (missing_scope${detail}): add it under OAuth & Permissions, reinstall the app and update ${SLACK_TOKEN_SETTING}`;
    case 'channel_not_found':
      return `Slack channel ${channel ?? '(none)'} not found (channel_not_found) on ${method}: fix ${CHANNEL_SETTING}; a private channel must have the rampart app invited to be visible`;
    case 'not_in_channel':
      return `the rampart Slack app is not a member of ${channel ?? 'the channel'} (not_in_channel): invite it there (/invite @rampart in the channel) or change ${CHANNEL_SETTING}`;
    case 'is_archived':
      return `Slack channel ${channel ?? ''} is archived (is_archived): unarchive it or change ${CHANNEL_SETTING}`;
    case 'request_failed':
      return `could not reach the Slack Web API at ${apiUrl} on ${method}${where} (request_failed${detail}): check network access and ${SLACK_API_URL_SETTING}`;
    case 'unknown_method':
      return `the Slack Web API at ${apiUrl} does not know ${method} (unknown_method): check ${SLACK_API_URL_SETTING} (it must end in /api/)`;
    default:
      return `Slack ${method}${where} failed (${c.code}${detail})${c.retryable ? ' after retries; a later run may succeed' : ''}`;
  }
}

/** Slack channel names: lowercase letters (any script), digits, `-`, `_`, `.`; at most 80. */
const CHANNEL_NAME = /^#?[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}._-]{0,79}$/u;
const CONVERSATION_ID = /^[CGDUW][A-Z0-9]{2,}$/;

/** A Slack logger that forwards to a rampart Logger at debug level (its own text is redacted again there). */
function slackLogger(logger: Logger | undefined): SlackLogger {
  let level: LogLevel = LogLevel.DEBUG;
  const forward = (...msg: unknown[]): void => {
    if (!logger) return;
    logger.debug(`slack: ${redact(msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '))}`);
  };
  return {
    debug: forward,
    info: forward,
    warn: forward,
    error: forward,
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts, edits and threads Slack messages for the report step. */
export class SlackMessages {
  /** Every HTTP request made, retries included. */
  get calls(): number {
    return this.callCount;
  }
  /** HTTP 429 answers received (each was waited out and retried, or ended in a SlackError). */
  get rateLimited(): number {
    return this.rateLimitCount;
  }

  private readonly client: WebClient;
  private readonly apiUrl: string;
  private readonly logger: Logger | undefined;
  private readonly intervalMs: number;
  private callCount = 0;
  private rateLimitCount = 0;
  /** The earliest time the next message may be posted, per channel id (or name until its id is known). */
  private readonly nextSlot = new Map<string, number>();
  /** Channel names (as given) → the ids Slack answered. */
  private readonly channelIds = new Map<string, string>();
  /** DM channel per user id. */
  private readonly dmChannels = new Map<string, string>();

  constructor(options: SlackMessagesOptions) {
    registerSecret(options.token);
    this.apiUrl = options.slackApiUrl ?? 'https://slack.com/api/';
    this.logger = options.logger;
    this.intervalMs = options.channelIntervalMs ?? DEFAULT_CHANNEL_INTERVAL_MS;
    const baseFetch = globalThis.fetch;
    const counting: FetchFunction = (input, init) => {
      this.callCount += 1;
      return baseFetch(input, init);
    };
    this.client = new WebClient(options.token, {
      slackApiUrl: this.apiUrl,
      logger: slackLogger(options.logger),
      retryConfig: { ...SLACK_RETRY_POLICY, ...options.retry },
      rejectRateLimitedCalls: false,
      maxRequestConcurrency: options.maxRequestConcurrency ?? 4,
      timeout: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      fetch: counting,
      // never follow a method name that is an absolute URL away from slackApiUrl
      allowAbsoluteUrls: false,
    });
    this.client.on(WebClientEvent.RATE_LIMITED, (retryAfter: number) => {
      this.rateLimitCount += 1;
      this.logger?.info(`Slack rate limit: waiting ${retryAfter} s as Retry-After asks, then retrying`);
    });
  }

  /**
   * Fails fast before anything is posted: the token is accepted (auth.test) and every channel is
   * a well-formed name or id. Channel existence and membership are checked on the first post,
   * whose error names the channel (a lookup by name would need conversations.list and the
   * channels:read scope, which the app does not otherwise need).
   */
  async checkSetup(channels: string[]): Promise<void> {
    await this.call('auth.test', undefined, () => this.client.auth.test());
    for (const channel of channels) {
      if (!CHANNEL_NAME.test(channel) && !CONVERSATION_ID.test(channel)) {
        throw new SlackError(
          `Slack channel ${JSON.stringify(channel)} is not a channel name or id (channel_not_found): fix ${CHANNEL_SETTING} (e.g. "#security" or C0123ABCD)`,
          { code: 'channel_not_found', retryable: false, method: 'checkSetup', channel },
        );
      }
    }
  }

  /** Posts a message (a thread reply when threadTs is given); answers the channel id and the message ts. */
  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<{ channel: string; ts: string }> {
    await this.pace(channel);
    const result = await this.call('chat.postMessage', channel, () =>
      this.client.chat.postMessage({
        channel: this.channelIds.get(channel) ?? channel,
        text: message.text,
        ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    const id = typeof result.channel === 'string' ? result.channel : channel;
    if (typeof result.ts !== 'string') throw this.malformed('chat.postMessage', channel, 'no ts');
    this.learnId(channel, id);
    return { channel: id, ts: result.ts };
  }

  /** Replaces a message's text and blocks in place (chat.update wants the channel id post answered; a name posted to before is translated). */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.call('chat.update', channel, () =>
      this.client.chat.update({ channel: this.channelIds.get(channel) ?? channel, ts, text: message.text, blocks: message.blocks }),
    );
  }

  /** A plain-text reply in the thread of the message `ts`. */
  async reply(channel: string, ts: string, text: string): Promise<{ ts: string }> {
    const posted = await this.post(channel, { text, blocks: [] }, ts);
    return { ts: posted.ts };
  }

  /** The user id for an email address, or undefined when no user has it (users_not_found). */
  async userByEmail(email: string): Promise<string | undefined> {
    try {
      const result = await this.call('users.lookupByEmail', undefined, () => this.client.users.lookupByEmail({ email }));
      return result.user?.id;
    } catch (error) {
      if (error instanceof SlackError && error.code === 'users_not_found') return undefined;
      throw error;
    }
  }

  /** Opens (or reuses) the direct-message channel with a user and posts there. */
  async dm(userId: string, message: SlackMessage): Promise<{ channel: string; ts: string }> {
    let channel = this.dmChannels.get(userId);
    if (channel === undefined) {
      const opened = await this.call('conversations.open', userId, () => this.client.conversations.open({ users: userId }));
      channel = opened.channel?.id;
      if (channel === undefined) throw this.malformed('conversations.open', userId, 'no channel id');
      this.dmChannels.set(userId, channel);
    }
    return this.post(channel, message);
  }

  // -------------------------------------------------------------------------

  /** Waits for the channel's next free slot and reserves the one after it (synchronously, so concurrent posts queue up). */
  private async pace(channel: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const key = this.channelIds.get(channel) ?? channel;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(key) ?? 0);
    this.nextSlot.set(key, slot + this.intervalMs);
    if (slot > now) await sleep(slot - now);
  }

  private learnId(channel: string, id: string): void {
    if (channel === id || this.channelIds.has(channel)) return;
    this.channelIds.set(channel, id);
    // the name's reservations now belong to the id, so a later post by id or by name waits for both
    const byName = this.nextSlot.get(channel);
    if (byName !== undefined) this.nextSlot.set(id, Math.max(byName, this.nextSlot.get(id) ?? 0));
  }

  private async call<T extends WebAPICallResult>(method: string, channel: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const classified = classify(error);
      throw new SlackError(describe(method, channel, classified, this.apiUrl), { ...classified, method, channel, cause: error });
    }
  }

  private malformed(method: string, channel: string, what: string): SlackError {
    return new SlackError(`Slack ${method} to ${channel} answered without ${what} (invalid_response): check ${SLACK_API_URL_SETTING}`, {
      code: 'invalid_response',
      retryable: false,
      method,
      channel,
    });
  }
}
