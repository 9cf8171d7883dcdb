/**
 * Where a finding is reported: the config's defaults, then the override for
 * its account, then those for its resource's tags (in order), then the owner
 * named by the resource's owner tag. An owner that cannot be resolved falls
 * back to the default, and the route says why.
 */
import type { JiraRouteConfig, ReportingConfig } from '../config/schema.js';
import type { FindingRecord } from '../state/record.js';
import type { JiraRoute, SlackRoute } from './model.js';

export const DEFAULT_OWNER_TAG = 'owner';
export const DEFAULT_ISSUE_TYPE = 'Bug';

export interface OwnerLookup {
  jiraUser?(email: string): Promise<string | undefined>;
  slackUser?(email: string): Promise<string | undefined>;
}

export interface Route {
  /** Reporting is on for this finding's account (the check's switch is the caller's). */
  enabled: boolean;
  jira?: JiraRoute;
  slack?: SlackRoute;
  /** Why the owner was not used, when it was not. */
  note?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function mergeJira(base: JiraRouteConfig, over: JiraRouteConfig | undefined): JiraRouteConfig {
  if (!over) return base;
  return {
    ...base,
    ...over,
    ...(over.priorities ? { priorities: { ...base.priorities, ...over.priorities } } : {}),
    ...(over.dueDays ? { dueDays: { ...base.dueDays, ...over.dueDays } } : {}),
    labels: [...(base.labels ?? []), ...(over.labels ?? [])],
  };
}

export async function routeFor(record: FindingRecord, reporting: ReportingConfig, lookup: OwnerLookup = {}): Promise<Route> {
  const accountOverride = reporting.owners?.accounts?.[record.accountId];
  const tagOverrides = (reporting.owners?.tags ?? []).filter((t) => record.resource.tags[t.tag.key] === t.tag.value);
  let jira: JiraRouteConfig = { ...reporting.jira };
  let channel = reporting.slack?.channel;
  for (const over of [accountOverride, ...tagOverrides]) {
    jira = mergeJira(jira, over?.jira);
    channel = over?.slack?.channel ?? channel;
  }
  const route: Route = { enabled: accountOverride?.reporting !== false };
  const tagKey = reporting.owners?.tagKey ?? DEFAULT_OWNER_TAG;
  const owner = record.resource.tags[tagKey];
  const notes: string[] = [];
  if (owner === undefined) notes.push(`no ${tagKey} tag on the resource`);
  else if (!EMAIL.test(owner)) notes.push(`the ${tagKey} tag "${owner}" is not an email address`);
  if (jira.project) {
    let assignee: string | undefined;
    if (owner !== undefined && EMAIL.test(owner) && lookup.jiraUser) {
      assignee = await lookup.jiraUser(owner);
      if (!assignee) notes.push(`no active Jira user has the email ${owner}`);
    }
    const severity = record.severity;
    route.jira = {
      project: jira.project,
      issueType: jira.issueType ?? DEFAULT_ISSUE_TYPE,
      labels: [...new Set(jira.labels ?? [])],
      components: jira.components ?? [],
      ...(jira.priorities?.[severity] ? { priority: jira.priorities[severity] } : {}),
      ...(jira.parent ? { parentKey: jira.parent } : {}),
      ...(assignee ? { assigneeAccountId: assignee } : {}),
      ...(jira.dueDays?.[severity] !== undefined ? { dueDays: jira.dueDays[severity] } : {}),
    };
  }
  if (channel) {
    const userIds: string[] = [];
    if (owner !== undefined && EMAIL.test(owner) && lookup.slackUser) {
      const user = await lookup.slackUser(owner);
      if (user) userIds.push(user);
      else notes.push(`no Slack user has the email ${owner}`);
    }
    route.slack = { channel, userIds };
  }
  if (notes.length > 0) route.note = `default route: ${notes.join('; ')}`;
  return route;
}
