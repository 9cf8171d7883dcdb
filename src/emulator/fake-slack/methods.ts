/**
 * The Web API methods the fake serves. Each takes the request's params (token removed,
 * blocks/attachments already parsed when they were JSON strings) and answers a JSON body;
 * errors are HTTP 200 with `{ ok: false, error }` as Slack answers them.
 */
import { validateBlocks } from './blocks.js';
import type { FakeSlackContent, FakeSlackMessage } from './types.js';
import type { ChannelState, UserState, Workspace } from './workspace.js';

export type Params = Record<string, unknown>;
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}
export type Handler = (params: Params, ws: Workspace) => Reply;

const MAX_DM_USERS = 8;
const TS_PATTERN = /^\d+\.\d+$/;

export function fail(error: string, extra: Record<string, unknown> = {}): Reply {
  return { body: { ok: false, error, ...extra } };
}

function invalidArguments(...messages: string[]): Reply {
  return fail('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

function ok(body: Record<string, unknown>): Reply {
  return { body: { ok: true, ...body } };
}

/** A scalar param as a string (form fields are strings already; JSON may carry numbers). */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function bool(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** The blocks or attachments param: absent, an array, or the error to answer. */
function readArray(params: Params, key: 'blocks' | 'attachments'): { value?: unknown[]; error?: Reply } {
  const raw = params[key];
  if (raw === undefined || raw === '') return {};
  if (!Array.isArray(raw)) {
    return { error: key === 'blocks' ? fail('invalid_blocks_format') : fail('invalid_attachments') };
  }
  if (key === 'blocks') {
    const problems = validateBlocks(raw);
    if (problems.length > 0) return { error: fail('invalid_blocks', { errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } }) };
  }
  return { value: raw };
}

function hasContent(content: FakeSlackContent): boolean {
  return content.text.length > 0 || (content.blocks?.length ?? 0) > 0 || (content.attachments?.length ?? 0) > 0;
}

/** The message as Slack returns it in `message`. */
function wireMessage(message: FakeSlackMessage, ws: Workspace): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    type: 'message',
    user: message.user,
    bot_id: message.botId,
    app_id: 'A0RAMPART',
    team: ws.teamId,
    text: message.text,
    ts: message.ts,
  };
  if (message.blocks) wire.blocks = message.blocks;
  if (message.attachments) wire.attachments = message.attachments;
  if (message.threadTs) wire.thread_ts = message.threadTs;
  if (message.threadTs && message.threadTs !== message.ts) wire.parent_user_id = ws.botUserId;
  if (message.replies.length > 0) {
    wire.reply_count = message.replies.length;
    wire.latest_reply = message.replies[message.replies.length - 1]?.ts;
  }
  if (message.editedTs) wire.edited = { user: ws.botUserId, ts: message.editedTs };
  return wire;
}

/** A channel for chat.postMessage: an id, a name (with or without #), or a user id (their DM with the app). */
function postTarget(ref: string, ws: Workspace): ChannelState | undefined {
  const channel = ws.channel(ref);
  if (channel) return channel;
  const user = ws.user(ref);
  return user ? ws.openDm([user.id]).channel : undefined;
}

const postMessage: Handler = (params, ws) => {
  const ref = str(params.channel);
  if (!ref) return fail('channel_not_found');
  const channel = postTarget(ref, ws);
  if (!channel) return fail('channel_not_found');
  if (!channel.member) return fail('not_in_channel');
  const blocks = readArray(params, 'blocks');
  if (blocks.error) return blocks.error;
  const attachments = readArray(params, 'attachments');
  if (attachments.error) return attachments.error;
  const content: FakeSlackContent = { text: str(params.text) ?? '' };
  if (blocks.value) content.blocks = blocks.value;
  if (attachments.value) content.attachments = attachments.value;
  if (!hasContent(content)) return fail('no_text');

  let parent: FakeSlackMessage | undefined;
  const threadTs = str(params.thread_ts);
  if (threadTs !== undefined && threadTs !== '') {
    if (!TS_PATTERN.test(threadTs)) return fail('invalid_thread_ts', { response_metadata: { messages: [`[ERROR] ${threadTs} is not a valid thread_ts`] } });
    const target = ws.findMessage(channel, threadTs);
    if (!target) return fail('thread_not_found');
    // a reply to a reply joins the parent's thread, as Slack does
    parent = target.threadTs && target.threadTs !== target.ts ? ws.findMessage(channel, target.threadTs) : target;
  }
  const message: FakeSlackMessage = {
    channel: channel.id,
    ts: ws.nextTs(),
    ...content,
    user: ws.botUserId,
    botId: ws.botId,
    replies: [],
    edits: [],
    params,
  };
  if (parent) {
    message.threadTs = parent.ts;
    if (bool(params.reply_broadcast)) message.replyBroadcast = true;
    parent.threadTs = parent.ts;
    parent.replies.push(message);
  } else {
    channel.messages.push(message);
  }
  return ok({ channel: channel.id, ts: message.ts, message: wireMessage(message, ws) });
};

const update: Handler = (params, ws) => {
  const ref = str(params.channel);
  // chat.update wants the channel id chat.postMessage answered, not a name
  const channel = ref ? ws.channels.get(ref) : undefined;
  if (!channel) return fail('channel_not_found');
  const ts = str(params.ts);
  if (!ts) return invalidArguments('missing required field: ts');
  const message = ws.findMessage(channel, ts);
  if (!message) return fail('message_not_found');
  const blocks = readArray(params, 'blocks');
  if (blocks.error) return blocks.error;
  const attachments = readArray(params, 'attachments');
  if (attachments.error) return attachments.error;
  const text = str(params.text);
  if (text === undefined && params.blocks === undefined && params.attachments === undefined) return fail('no_text');
  // what is not sent is kept; an empty array removes the previous blocks or attachments
  const next: FakeSlackContent = { text: text ?? message.text };
  const nextBlocks = params.blocks === undefined ? message.blocks : blocks.value;
  const nextAttachments = params.attachments === undefined ? message.attachments : attachments.value;
  if (nextBlocks && nextBlocks.length > 0) next.blocks = nextBlocks;
  if (nextAttachments && nextAttachments.length > 0) next.attachments = nextAttachments;
  if (!hasContent(next)) return fail('no_text');

  const editTs = ws.nextTs();
  const previous: FakeSlackContent & { replacedAt: string } = { text: message.text, replacedAt: editTs };
  if (message.blocks) previous.blocks = message.blocks;
  if (message.attachments) previous.attachments = message.attachments;
  message.edits.push(previous);
  message.text = next.text;
  message.blocks = next.blocks;
  message.attachments = next.attachments;
  if (!next.blocks) delete message.blocks;
  if (!next.attachments) delete message.attachments;
  message.editedTs = editTs;
  return ok({ channel: channel.id, ts: message.ts, text: message.text, message: wireMessage(message, ws) });
};

function wireUser(user: UserState, ws: Workspace): Record<string, unknown> {
  return {
    id: user.id,
    team_id: ws.teamId,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    is_bot: false,
    profile: { email: user.email, real_name: user.realName, display_name: user.name },
  };
}

const lookupByEmail: Handler = (params, ws) => {
  const email = str(params.email);
  if (!email) return invalidArguments('missing required field: email');
  const user = ws.userByEmail(email);
  return user ? ok({ user: wireUser(user, ws) }) : fail('users_not_found');
};

const open: Handler = (params, ws) => {
  const channelRef = str(params.channel);
  if (channelRef) {
    const channel = ws.channels.get(channelRef);
    if (!channel?.users) return fail('channel_not_found');
    return ok({ no_op: true, already_open: true, channel: { id: channel.id } });
  }
  const users = (str(params.users) ?? '').split(',').map((u) => u.trim()).filter((u) => u.length > 0);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > MAX_DM_USERS) return fail('too_many_users');
  if (users.some((id) => !ws.user(id))) return fail('user_not_found');
  const { channel, existed } = ws.openDm(users);
  const wire: Record<string, unknown> = { id: channel.id };
  if (bool(params.return_im)) Object.assign(wire, { is_im: users.length === 1, is_mpim: users.length > 1, user: users.length === 1 ? users[0] : undefined, is_user_deleted: false, priority: 0 });
  return ok(existed ? { no_op: true, already_open: true, channel: wire } : { channel: wire });
};

const authTest: Handler = (_params, ws) =>
  ok({
    url: `https://${ws.teamName}.slack.com/`,
    team: ws.teamName,
    user: 'rampart',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  });

/** A channel to read: by id, and the bot must be in it. */
function readable(params: Params, ws: Workspace): { channel?: ChannelState; error?: Reply } {
  const ref = str(params.channel);
  const channel = ref ? ws.channels.get(ref) : undefined;
  if (!channel) return { error: fail('channel_not_found') };
  if (!channel.member) return { error: fail('not_in_channel') };
  return { channel };
}

function limitOf(params: Params): number {
  const limit = Number(str(params.limit) ?? '100');
  return Number.isFinite(limit) && limit > 0 ? Math.min(limit, 1000) : 100;
}

/** Top-level messages (and broadcast replies), newest first; no cursor: `has_more` says when `limit` cut the list. */
const history: Handler = (params, ws) => {
  const { channel, error } = readable(params, ws);
  if (!channel) return error ?? fail('channel_not_found');
  const broadcast = channel.messages.flatMap((m) => m.replies.filter((r) => r.replyBroadcast));
  const all = [...channel.messages, ...broadcast].sort((a, b) => (a.ts < b.ts ? 1 : -1));
  const limit = limitOf(params);
  return ok({ messages: all.slice(0, limit).map((m) => wireMessage(m, ws)), has_more: all.length > limit, pin_count: 0, response_metadata: { next_cursor: '' } });
};

/** A thread: the parent, then its replies oldest first. */
const replies: Handler = (params, ws) => {
  const { channel, error } = readable(params, ws);
  if (!channel) return error ?? fail('channel_not_found');
  const ts = str(params.ts);
  if (!ts) return invalidArguments('missing required field: ts');
  const found = ws.findMessage(channel, ts);
  const parent = found?.threadTs && found.threadTs !== found.ts ? ws.findMessage(channel, found.threadTs) : found;
  if (!parent) return fail('thread_not_found');
  const thread = [parent, ...parent.replies];
  const limit = limitOf(params);
  return ok({ messages: thread.slice(0, limit).map((m) => wireMessage(m, ws)), has_more: thread.length > limit, response_metadata: { next_cursor: '' } });
};

export const METHODS: Readonly<Record<string, Handler>> = {
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.update': update,
  'users.lookupByEmail': lookupByEmail,
  'conversations.open': open,
  'conversations.history': history,
  'conversations.replies': replies,
};
