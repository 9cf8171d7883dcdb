/** Public types of the fake Slack Web API server (see ../fake-slack.ts). */

/** A channel the fake knows: its id, and whether the bot is a member (posting elsewhere is `not_in_channel`). */
export interface FakeSlackChannelSpec {
  id: string;
  member?: boolean;
}

/** A workspace user the fake knows, looked up by email. */
export interface FakeSlackUserSpec {
  id: string;
  name?: string;
  realName?: string;
}

export interface FakeSlackOptions {
  /** The only bot token accepted. Default `xoxb-rampart-test`. */
  token?: string;
  /**
   * Channels by name (`#security` or `security`) → id, or → `{ id, member: false }` for a channel the
   * bot is not in. Default: `#security` → C0SECURITY, `#general` → C0GENERAL, `#outside` → C0OUTSIDE (not a member).
   */
  channels?: Record<string, string | FakeSlackChannelSpec>;
  /** Users by email → id (or a spec with a name). Default: alice@example.com → U0ALICE, bob@example.com → U0BOB. */
  users?: Record<string, string | FakeSlackUserSpec>;
  /** Identity auth.test reports. */
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
}

/** One version of a message's content: the current one, or an earlier one kept in `edits`. */
export interface FakeSlackContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface FakeSlackMessage extends FakeSlackContent {
  channel: string;
  ts: string;
  /** Set on thread replies (the parent's ts) and on a parent once it has replies (its own ts). */
  threadTs?: string;
  user: string;
  botId: string;
  /** Thread replies, oldest first (only on top-level messages). */
  replies: FakeSlackMessage[];
  /** Earlier versions, oldest first, each with the ts of the edit that replaced it. */
  edits: (FakeSlackContent & { replacedAt: string })[];
  /** The ts of the last chat.update, when edited. */
  editedTs?: string;
  replyBroadcast?: boolean;
  /** The chat.postMessage params as received (no token; blocks/attachments parsed). */
  params: Record<string, unknown>;
}

/** A request as the fake received it, with how it answered. */
export interface FakeSlackRequest {
  /** The Web API method name, e.g. `chat.postMessage`. */
  method: string;
  httpMethod: string;
  contentType: string;
  /** Query and body params merged; no `token`; `blocks`/`attachments` parsed back to objects when they were JSON strings. */
  params: Record<string, unknown>;
  /** HTTP status answered. */
  status: number;
  ok: boolean;
  error?: string;
  /** Set when an injected fault answered instead of the method. */
  fault?: 'ratelimited' | 'http_error';
}

export interface RateLimitSpec {
  /** How many matching requests get a 429 (default 1). */
  count?: number;
  /** The Retry-After header, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Only requests to this method (default: any method). */
  method?: string;
}

export interface FailSpec {
  /** How many matching requests fail (default 1). */
  count?: number;
  /** HTTP status (default 503). */
  status?: 500 | 502 | 503 | 504;
  /** Only requests to this method (default: any method). */
  method?: string;
}

export interface FakeSlack {
  /** Base URL of the Web API, ending in `/api/` (what @slack/web-api takes as `slackApiUrl`). */
  readonly apiUrl: string;
  readonly port: number;
  /** The accepted bot token. */
  readonly token: string;
  /** Every request received since start or the last reset, in order. */
  readonly requests: readonly FakeSlackRequest[];
  /** Top-level messages per channel id, in posting order; replies are nested in `replies`. */
  readonly messages: Readonly<Record<string, readonly FakeSlackMessage[]>>;
  /** A message (top-level or reply) by channel id or name and ts. */
  message(channel: string, ts: string): FakeSlackMessage | undefined;
  /** The next `count` matching requests get HTTP 429 with Retry-After and `{ ok: false, error: 'ratelimited' }`. */
  rateLimitNext(spec?: RateLimitSpec): void;
  /** The next `count` matching requests get an HTTP 5xx. */
  failNext(spec?: FailSpec): void;
  /** From now on every `n`th request gets HTTP 429 with Retry-After (0 turns it off): steady throttling. */
  throttleEvery(n: number, retryAfterSeconds?: number): void;
  /** Forget messages, DMs, requests and pending faults (configured channels and users stay). */
  reset(): void;
  close(): Promise<void>;
}
