/**
 * The report step: reads the record table (by its indexes), decides per
 * finding what Jira and Slack must show, does it, and records what it did in
 * the finding's TICKET and NOTIFICATION items. One ticket per finding, ever:
 * the ticket is claimed with a conditional write before the issue is created,
 * and an issue created by a run that died before recording it is adopted by
 * its stable label. What could not be done is decided again next run.
 */
import type { RampartConfig } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { effectiveLastSeen, type FindingRecord } from '../state/record.js';
import type { NotificationItem, Outbox, PendingAction, TicketItem } from '../state/outbox.js';
import type { RecordStore } from '../state/store.js';
import type { Logger } from '../util/logger.js';
import { redact } from '../util/redact.js';
import { notificationAction, snapshot, ticketAction, wantsReport, type NotificationAction, type TicketAction } from './decide.js';
import { changeComment, closeComment, reopenComment, replacedComment, stableLabel, supersededComment, ticketContent } from './jira/content.js';
import type { JiraTickets } from './jira/client.js';
import type { CloseReason, ReportedFinding } from './model.js';
import { routeFor, type OwnerLookup, type Route } from './route.js';
import { changeReply, digestMessage, findingMessage, summaryMessage } from './slack/content.js';
import type { SlackMessages } from './slack/client.js';

export type JiraOutcome = 'created' | 'adopted' | 'commented' | 'closed' | 'reopened' | 'replaced' | 'unchanged' | 'failed' | 'planned';
export type SlackOutcome = 'posted' | 'updated' | 'resolved' | 'unchanged' | 'failed' | 'planned';

/** One line per finding acted on (what `--format json` prints). */
export interface ReportLine {
  findingId: string;
  jira?: { action: JiraOutcome; key?: string; url?: string; error?: string };
  slack?: { action: SlackOutcome; channel?: string; ts?: string; error?: string };
  routeNote?: string;
}

export interface ReportOutcome {
  lines: ReportLine[];
  totals: Record<string, number>;
  calls: { jira: number; slack: number };
  /** --dry-run: every call the report would make, one line each. */
  planned: string[];
  problems: string[];
}

export interface ReportOptions {
  config: RampartConfig;
  dryRun: boolean;
  only?: 'jira' | 'slack';
  /** For the Security Hub console links. */
  scanTime?: string;
}

export interface ReportDeps {
  store: RecordStore;
  registry: Registry;
  logger: Logger;
  jira?: JiraTickets;
  slack?: SlackMessages;
  now?: () => Date;
}

/** A new finding waiting for its channel's digest (mode digest). */
interface DigestLine {
  id: string;
  finding: ReportedFinding;
  note: NotificationItem;
  routeNote?: string;
  ticket?: { key: string; url: string };
}

interface Context {
  /** Mode digest: the new findings of this run, by channel. */
  digests?: Map<string, DigestLine[]>;
  options: ReportOptions;
  deps: ReportDeps;
  outbox: Outbox;
  now: string;
  outcome: ReportOutcome;
  lookup: OwnerLookup;
}

const count = (outcome: ReportOutcome, key: string): void => {
  outcome.totals[key] = (outcome.totals[key] ?? 0) + 1;
};

function pending(action: string, error: unknown, since: string, earlier?: PendingAction): PendingAction {
  return { action, since: earlier?.action === action ? earlier.since : since, error: redact(error instanceof Error ? error.message : String(error)) };
}

export async function runReport(options: ReportOptions, deps: ReportDeps): Promise<ReportOutcome> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const outcome: ReportOutcome = { lines: [], totals: {}, calls: { jira: 0, slack: 0 }, planned: [], problems: [] };
  const outbox = deps.store.outbox();
  const jira = options.only === 'slack' ? undefined : deps.jira;
  const slack = options.only === 'jira' ? undefined : deps.slack;
  const jiraUsers = new Map<string, Promise<string | undefined>>();
  const slackUsers = new Map<string, Promise<string | undefined>>();
  const lookup: OwnerLookup = {
    ...(jira ? { jiraUser: (email: string) => cached(jiraUsers, email, () => jira.userByEmail(email)) } : {}),
    ...(slack ? { slackUser: (email: string) => cached(slackUsers, email, () => slack.userByEmail(email)) } : {}),
  };
  const ctx: Context = {
    options, deps: { ...deps, ...(jira ? { jira } : {}), ...(slack ? { slack } : {}) }, outbox, now, outcome, lookup,
    ...(options.config.reporting?.slack?.mode === 'digest' ? { digests: new Map<string, DigestLine[]>() } : {}),
  };
  if (!jira) delete ctx.deps.jira;
  if (!slack) delete ctx.deps.slack;

  // What may need a ticket or a message: open findings, and whatever has an open ticket or message.
  const open = await deps.store.byState('FAILED');
  const tickets = new Map<string, TicketItem>();
  const notes = new Map<string, NotificationItem>();
  if (jira) for (const state of ['TICKET#OPEN', 'TICKET#CLAIMED'] as const) for (const item of await outbox.inState<TicketItem>(state)) tickets.set(item.findingId, item);
  if (slack) for (const item of await outbox.inState<NotificationItem>('NOTIFY#OPEN')) notes.set(item.findingId, item);
  const records = new Map<string, FindingRecord>(open.map((r) => [r.findingId, r]));
  const others = [...new Set([...tickets.keys(), ...notes.keys()])].filter((id) => !records.has(id));
  for (const [id, record] of await deps.store.getRecords(others)) records.set(id, record);
  // Every finding once: the open ones, those with an open ticket or message, and those whose record is gone.
  for (const id of new Set([...records.keys(), ...others])) {
    const record = records.get(id);
    const line: ReportLine = { findingId: id };
    try {
      await reportFinding(ctx, id, record, line, tickets.get(id), notes.get(id));
    } catch (error) {
      outcome.problems.push(`${id}: ${redact(error instanceof Error ? error.message : String(error))}`);
    }
    const acted = (line.jira && line.jira.action !== 'unchanged') || (line.slack && line.slack.action !== 'unchanged');
    if (acted) outcome.lines.push(line);
    if (line.jira) count(outcome, `jira.${line.jira.action}`);
    if (line.slack) count(outcome, `slack.${line.slack.action}`);
  }
  await postDigests(ctx);
  await postSummary(ctx, records);
  outcome.calls = { jira: jira?.calls ?? 0, slack: slack?.calls ?? 0 };
  return outcome;
}

function cached(cache: Map<string, Promise<string | undefined>>, key: string, load: () => Promise<string | undefined>): Promise<string | undefined> {
  let value = cache.get(key);
  if (!value) {
    value = load().catch(() => undefined);
    cache.set(key, value);
  }
  return value;
}

async function reportFinding(ctx: Context, id: string, record: FindingRecord | undefined, line: ReportLine, openTicket?: TicketItem, openNote?: NotificationItem): Promise<void> {
  const { deps, options } = ctx;
  const reporting = options.config.reporting ?? {};
  // Decided on the route without owner lookups (no call for an unchanged finding); the owner is
  // looked up only when there is something to create, update or post.
  const plain: Route = record ? await routeFor(record, reporting) : { enabled: true };
  let resolved: Route | undefined;
  const withOwner = async (): Promise<Route> => {
    if (!record || options.dryRun) return plain;
    resolved ??= await routeFor(record, reporting, ctx.lookup);
    if (resolved.note) line.routeNote = resolved.note;
    return resolved;
  };
  const needsOwner = (kind: string): boolean => kind === 'create' || kind === 'adopt' || kind === 'update' || kind === 'reopen' || kind === 'post';
  const checkOn = record ? options.config.checks?.[record.checkId]?.reporting !== false : false;
  const wanted = record !== undefined && wantsReport(record, { enabled: checkOn && plain.enabled, ...(reporting.minSeverity ? { minSeverity: reporting.minSeverity } : {}) });
  const finding: ReportedFinding | undefined = record
    ? { record, ...(deps.registry.check(record.checkId)?.meta ? { meta: deps.registry.check(record.checkId)?.meta } : {}), lastSeenAt: effectiveLastSeen(record), scanTime: options.scanTime ?? ctx.now }
    : undefined;
  let ticketLink: { key: string; url: string } | undefined;
  if (deps.jira && (plain.jira || openTicket)) {
    const ticket = openTicket ?? (wanted ? await ctx.outbox.get<TicketItem>(id, 'TICKET') : undefined);
    const action = ticketAction(record, ticket, wanted && plain.jira !== undefined);
    line.jira = await doTicket(ctx, id, finding, needsOwner(action.kind) ? await withOwner() : plain, ticket, action);
    const key = line.jira.key ?? ticket?.key;
    const url = line.jira.url ?? (key === ticket?.key ? ticket?.url : undefined);
    if (key && url) ticketLink = { key, url };
  }
  if (deps.slack && (plain.slack || openNote)) {
    const note = openNote ?? (wanted ? await ctx.outbox.get<NotificationItem>(id, 'NOTIFICATION') : undefined);
    const action = notificationAction(record, note, wanted && plain.slack !== undefined);
    line.slack = await doNotification(ctx, id, finding, needsOwner(action.kind) ? await withOwner() : plain, note, action, ticketLink);
  }
}

function describeTicket(action: TicketAction, finding: ReportedFinding | undefined, route: Route, ticket?: TicketItem): string {
  const target = ticket?.key ?? route.jira?.project ?? '?';
  const title = finding ? `[${finding.record.severity}] ${finding.record.title}: ${finding.record.resource.id}` : '';
  switch (action.kind) {
    case 'create': return `jira POST /rest/api/3/issue ${target}: ${title}`;
    case 'adopt': return `jira POST /rest/api/3/search/jql ${target}: labels = ${ticket?.label ?? '?'} (then create when none)`;
    case 'update': return `jira POST /rest/api/3/issue/${target}/comment: ${action.changes.map((c) => c.field).join(', ')} changed`;
    case 'close': return `jira POST /rest/api/3/issue/${target}/transitions: close (${action.reason})`;
    case 'reopen': return `jira POST /rest/api/3/issue/${target}/transitions: reopen`;
    case 'none': return '';
  }
}

async function doTicket(ctx: Context, id: string, finding: ReportedFinding | undefined, route: Route, ticket: TicketItem | undefined, action: TicketAction): Promise<NonNullable<ReportLine['jira']>> {
  if (action.kind === 'none') return { action: 'unchanged', ...(ticket?.key ? { key: ticket.key } : {}) };
  if (ctx.options.dryRun) {
    ctx.outcome.planned.push(describeTicket(action, finding, route, ticket));
    return { action: 'planned', ...(ticket?.key ? { key: ticket.key } : {}) };
  }
  const jira = ctx.deps.jira as JiraTickets;
  const jiraConfig = ctx.options.config.reporting?.jira;
  const base: TicketItem = ticket ?? {
    pk: id, sk: 'TICKET', findingId: id, state: 'TICKET#CLAIMED', lastSeenAt: ctx.now,
    project: route.jira?.project ?? '', label: stableLabel(id), claimedAt: ctx.now,
  };
  const save = (item: TicketItem): Promise<void> => ctx.outbox.put({ ...item, lastSeenAt: ctx.now, ...(route.note ? { routeNote: route.note } : {}) });
  try {
    switch (action.kind) {
      case 'create':
      case 'adopt': {
        let current = base;
        if (action.kind === 'create') {
          const claim = await ctx.outbox.claimTicket(base);
          // Claimed meanwhile (another run): follow what that run recorded.
          if (!claim.claimed) {
            if (claim.existing.key) return { action: 'unchanged', key: claim.existing.key };
            current = claim.existing;
          }
        }
        const jiraRoute = route.jira as NonNullable<Route['jira']>;
        // A route to another project or issue type is checked (once per run) before anything is created there.
        await jira.checkSetup(jiraRoute);
        const content = ticketContent(finding as ReportedFinding, jiraRoute, {});
        // Adopt an issue created by a run that died before recording it: found by its stable label.
        const orphans = action.kind === 'adopt' || current !== base ? await jira.findByLabel(current.label, current.project) : [];
        const adopted = orphans[0];
        const created = adopted ? { key: adopted, url: `${jira.siteUrl}/browse/${adopted}` } : await jira.createIssue(content);
        await save(withoutPending({ ...current, state: 'TICKET#OPEN', key: created.key, url: created.url, reported: snapshot((finding as ReportedFinding).record) }));
        return { action: adopted ? 'adopted' : 'created', key: created.key, url: created.url };
      }
      case 'update': {
        const key = base.key as string;
        await jira.comment(key, changeComment(action.changes, ctx.now));
        const content = ticketContent(finding as ReportedFinding, route.jira as NonNullable<Route['jira']>, {});
        await jira.edit(key, { summary: content.summary, labels: content.labels, ...(content.priority ? { priority: content.priority } : {}) });
        await save(withoutPending({ ...base, reported: snapshot((finding as ReportedFinding).record) }));
        return { action: 'commented', key };
      }
      case 'close': {
        const key = base.key as string;
        await jira.comment(key, closeComment(action.reason, ctx.now));
        await jira.close(key, jiraConfig?.doneTransition);
        await save(withoutPending({ ...base, state: 'TICKET#CLOSED' }));
        return { action: 'closed', key };
      }
      case 'reopen': {
        const key = base.key as string;
        const reopened = await jira.reopen(key, jiraConfig?.reopenTransition);
        // 'already': someone reopened it by hand; it is open again either way.
        if (reopened === 'reopened' || reopened === 'already') {
          await jira.comment(key, reopenComment(ctx.now));
          await save(withoutPending({ ...base, state: 'TICKET#OPEN', reported: snapshot((finding as ReportedFinding).record) }));
          return { action: 'reopened', key };
        }
        // The workflow cannot leave Done: a new issue, linked to the old one.
        const created = await jira.createIssue(ticketContent(finding as ReportedFinding, route.jira as NonNullable<Route['jira']>, {}));
        await jira.link(created.key, key);
        await jira.comment(created.key, replacedComment(key));
        await jira.comment(key, supersededComment(created.key));
        await save(withoutPending({ ...base, state: 'TICKET#OPEN', key: created.key, url: created.url, previousKeys: [...(base.previousKeys ?? []), key], reported: snapshot((finding as ReportedFinding).record) }));
        return { action: 'replaced', key: created.key, url: created.url };
      }
    }
  } catch (error) {
    const failure = pending(action.kind, error, ctx.now, base.pending);
    await save({ ...base, pending: failure }).catch(() => undefined);
    return { action: 'failed', ...(base.key ? { key: base.key } : {}), error: failure.error };
  }
}

function withoutPending<T extends { pending?: PendingAction }>(item: T): T {
  const { pending: _pending, ...rest } = item;
  return rest as T;
}

async function doNotification(ctx: Context, id: string, finding: ReportedFinding | undefined, route: Route, note: NotificationItem | undefined, action: NotificationAction, ticket?: { key: string; url: string }): Promise<NonNullable<ReportLine['slack']>> {
  const channel = note?.channel ?? route.slack?.channel;
  if (action.kind === 'none') return { action: 'unchanged', ...(channel ? { channel } : {}), ...(note?.ts ? { ts: note.ts } : {}) };
  if (ctx.options.dryRun) {
    const what = action.kind === 'post' ? 'chat.postMessage' : 'chat.update';
    ctx.outcome.planned.push(`slack ${what} ${channel ?? '?'}: ${finding ? `[${finding.record.severity}] ${finding.record.title}: ${finding.record.resource.id}` : id}${action.kind === 'resolve' ? ` (resolved: ${action.reason})` : ''}`);
    return { action: 'planned', ...(channel ? { channel } : {}) };
  }
  const slack = ctx.deps.slack as SlackMessages;
  const base: NotificationItem = note ?? { pk: id, sk: 'NOTIFICATION', findingId: id, state: 'NOTIFY#PENDING', lastSeenAt: ctx.now };
  const save = (item: NotificationItem): Promise<void> => ctx.outbox.put({ ...item, lastSeenAt: ctx.now, ...(route.note ? { routeNote: route.note } : {}) });
  const detail = ticket ? { ticket } : {};
  try {
    switch (action.kind) {
      case 'post': {
        const target = route.slack?.channel as string;
        if (ctx.digests) {
          // Posted with the channel's digest once every finding of the run is known.
          const waiting = ctx.digests.get(target) ?? [];
          waiting.push({ id, finding: finding as ReportedFinding, note: base, ...(route.note ? { routeNote: route.note } : {}), ...(ticket ? { ticket } : {}) });
          ctx.digests.set(target, waiting);
          return { action: 'posted', channel: target };
        }
        const message = findingMessage(finding as ReportedFinding, 'open', detail);
        const posted = await slack.post(target, message);
        await save(withoutPending({ ...base, state: 'NOTIFY#OPEN', channel: posted.channel, ts: posted.ts, reported: snapshot((finding as ReportedFinding).record) }));
        for (const user of route.slack?.userIds ?? []) await slack.dm(user, message);
        return { action: 'posted', channel: posted.channel, ts: posted.ts };
      }
      case 'update': {
        if (base.digest) {
          // A digest is shared: the change goes to its thread.
          await slack.reply(base.channel as string, base.ts as string, `${(finding as ReportedFinding).record.resource.id}: ${changeReply(action.changes, ctx.now)}`);
          await save(withoutPending({ ...base, reported: snapshot((finding as ReportedFinding).record) }));
          return { action: 'updated', channel: base.channel as string, ts: base.ts as string };
        }
        await slack.update(base.channel as string, base.ts as string, findingMessage(finding as ReportedFinding, 'open', detail));
        await slack.reply(base.channel as string, base.ts as string, changeReply(action.changes, ctx.now));
        await save(withoutPending({ ...base, reported: snapshot((finding as ReportedFinding).record) }));
        return { action: 'updated', channel: base.channel as string, ts: base.ts as string };
      }
      case 'resolve': {
        // Without a record (deleted from the table) the message cannot be redrawn: say it in the thread.
        if (base.digest) await slack.reply(base.channel as string, base.ts as string, `Resolved (${action.reason}): ${finding?.record.resource.id ?? id}`);
        else if (finding) await slack.update(base.channel as string, base.ts as string, findingMessage(finding, 'resolved', { ...detail, reason: action.reason as CloseReason }));
        else await slack.reply(base.channel as string, base.ts as string, `Resolved: the finding is gone (${action.reason}).`);
        await save(withoutPending({ ...base, state: 'NOTIFY#RESOLVED' }));
        return { action: 'resolved', channel: base.channel as string, ts: base.ts as string };
      }
    }
  } catch (error) {
    const failure = pending(action.kind, error, ctx.now, base.pending);
    await save({ ...base, pending: failure }).catch(() => undefined);
    return { action: 'failed', ...(channel ? { channel } : {}), error: failure.error };
  }
}

/** Mode digest: one message per channel for the run's new findings; a digest that fails leaves them all pending. */
async function postDigests(ctx: Context): Promise<void> {
  if (!ctx.digests || !ctx.deps.slack) return;
  const slack = ctx.deps.slack;
  for (const [channel, waiting] of ctx.digests) {
    const tickets = new Map(waiting.flatMap((w) => (w.ticket ? [[w.id, w.ticket] as const] : [])));
    try {
      const posted = await slack.post(channel, digestMessage(waiting.map((w) => w.finding), channel, { tickets }));
      for (const w of waiting) {
        await ctx.outbox.put(withoutPending({ ...w.note, state: 'NOTIFY#OPEN', channel: posted.channel, ts: posted.ts, digest: true, lastSeenAt: ctx.now, reported: snapshot(w.finding.record), ...(w.routeNote ? { routeNote: w.routeNote } : {}) }));
      }
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      ctx.outcome.problems.push(`the digest for ${channel} could not be posted (${message}): its ${waiting.length} finding(s) stay pending`);
      for (const w of waiting) {
        await ctx.outbox.put({ ...w.note, lastSeenAt: ctx.now, pending: pending('post', error, ctx.now, w.note.pending) }).catch(() => undefined);
        const shown = ctx.outcome.lines.find((l) => l.findingId === w.id);
        if (shown?.slack) shown.slack = { action: 'failed', channel, error: message };
      }
      ctx.outcome.totals['slack.posted'] = Math.max(0, (ctx.outcome.totals['slack.posted'] ?? 0) - waiting.length);
      ctx.outcome.totals['slack.failed'] = (ctx.outcome.totals['slack.failed'] ?? 0) + waiting.length;
    }
  }
}

async function postSummary(ctx: Context, records: ReadonlyMap<string, FindingRecord>): Promise<void> {
  const channel = ctx.options.config.reporting?.slack?.summaryChannel;
  const slack = ctx.deps.slack;
  if (!channel || !slack) return;
  const openBySeverity = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  const byAccount = new Map<string, number>();
  for (const record of records.values()) {
    if (record.status !== 'FAILED' || record.recordState !== 'ACTIVE') continue;
    openBySeverity[record.severity] += 1;
    byAccount.set(record.accountId, (byAccount.get(record.accountId) ?? 0) + 1);
  }
  const totals = ctx.outcome.totals;
  const summary = summaryMessage({
    new: (totals['slack.posted'] ?? 0) + (totals['jira.created'] ?? 0) > 0 ? Math.max(totals['slack.posted'] ?? 0, totals['jira.created'] ?? 0) : 0,
    resolved: Math.max(totals['slack.resolved'] ?? 0, totals['jira.closed'] ?? 0),
    openBySeverity,
    topAccounts: [...byAccount.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([accountId, openCount]) => ({ accountId, open: openCount })),
    scanTime: ctx.options.scanTime ?? ctx.now,
  });
  if (ctx.options.dryRun) {
    ctx.outcome.planned.push(`slack chat.postMessage ${channel}: run summary`);
    return;
  }
  try {
    await slack.post(channel, summary);
  } catch (error) {
    ctx.outcome.problems.push(`the run summary could not be posted to ${channel}: ${redact(error instanceof Error ? error.message : String(error))}`);
  }
}
