/** The fake workspace's state: channels, users, DMs and messages, and the ts clock. */
import type { FakeSlackMessage, FakeSlackOptions } from './types.js';

export interface ChannelState {
  id: string;
  name?: string;
  member: boolean;
  /** Set on DMs: the other members. */
  users?: string[];
  messages: FakeSlackMessage[];
}

export interface UserState {
  id: string;
  email: string;
  name: string;
  realName: string;
}

export const DEFAULT_TOKEN = 'xoxb-rampart-test';
export const DEFAULT_CHANNELS: NonNullable<FakeSlackOptions['channels']> = {
  '#security': 'C0SECURITY',
  '#general': 'C0GENERAL',
  '#outside': { id: 'C0OUTSIDE', member: false },
};
export const DEFAULT_USERS: NonNullable<FakeSlackOptions['users']> = {
  'alice@example.com': { id: 'U0ALICE', name: 'alice', realName: 'Alice Example' },
  'bob@example.com': { id: 'U0BOB', name: 'bob', realName: 'Bob Example' },
};

function bareName(name: string): string {
  return name.startsWith('#') ? name.slice(1) : name;
}

export class Workspace {
  readonly token: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly botUserId: string;
  readonly botId: string;
  private readonly configured: ChannelState[];
  readonly users: UserState[];
  channels = new Map<string, ChannelState>();
  private dmCounter = 0;
  private tsCounter = 0;
  private lastSecond = 0;

  constructor(options: FakeSlackOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.teamId = options.teamId ?? 'T0RAMPART';
    this.teamName = options.teamName ?? 'rampart-test';
    this.botUserId = options.botUserId ?? 'U0RAMPARTBOT';
    this.botId = options.botId ?? 'B0RAMPART';
    this.configured = Object.entries(options.channels ?? DEFAULT_CHANNELS).map(([name, spec]) => {
      const { id, member } = typeof spec === 'string' ? { id: spec, member: true } : { id: spec.id, member: spec.member ?? true };
      return { id, name: bareName(name), member, messages: [] };
    });
    this.users = Object.entries(options.users ?? DEFAULT_USERS).map(([email, spec]) => {
      const local = email.split('@')[0] ?? email;
      const { id, name, realName } = typeof spec === 'string' ? { id: spec, name: undefined, realName: undefined } : spec;
      return { id, email, name: name ?? local, realName: realName ?? name ?? local };
    });
    this.reset();
  }

  reset(): void {
    this.channels = new Map(this.configured.map((c) => [c.id, { ...c, messages: [] }]));
    this.dmCounter = 0;
  }

  /** A channel by id, or by name with or without `#`. */
  channel(ref: string): ChannelState | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = bareName(ref);
    for (const channel of this.channels.values()) if (channel.name !== undefined && channel.name === name) return channel;
    return undefined;
  }

  user(id: string): UserState | undefined {
    return this.users.find((u) => u.id === id);
  }

  userByEmail(email: string): UserState | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  /** The DM (one user) or group DM (several) with these users, created on first use. */
  openDm(userIds: string[]): { channel: ChannelState; existed: boolean } {
    const key = [...userIds].sort().join(',');
    for (const channel of this.channels.values()) {
      if (channel.users && [...channel.users].sort().join(',') === key) return { channel, existed: true };
    }
    this.dmCounter += 1;
    const prefix = userIds.length === 1 ? 'D' : 'G';
    const id = `${prefix}0DM${String(this.dmCounter).padStart(5, '0')}`;
    const channel: ChannelState = { id, member: true, users: [...userIds], messages: [] };
    this.channels.set(id, channel);
    return { channel, existed: false };
  }

  /** A fresh message ts (`<unix seconds>.<6 digits>`), unique and increasing for the server's life. */
  nextTs(): string {
    const now = Math.floor(Date.now() / 1000);
    if (now > this.lastSecond) {
      this.lastSecond = now;
      this.tsCounter = 0;
    }
    this.tsCounter += 1;
    if (this.tsCounter > 999_999) {
      this.lastSecond += 1;
      this.tsCounter = 1;
    }
    return `${this.lastSecond}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** A message (top-level or reply) in a channel. */
  findMessage(channel: ChannelState, ts: string): FakeSlackMessage | undefined {
    for (const message of channel.messages) {
      if (message.ts === ts) return message;
      const reply = message.replies.find((r) => r.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }
}
