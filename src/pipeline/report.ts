/**
 * The report step as a run composes it: the record table, the Jira and Slack
 * clients from the environment, a setup check of both before anything is
 * changed, then the report. A setting that is missing or wrong is one line
 * naming it and the fix (exit 2); findings that could not be reported are
 * pending in the record and retried next run (exit 3).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { baseCredentials } from '../aws/accounts.js';
import { createAwsClients, type AwsClients, type ClientSettings } from '../aws/clients.js';
import type { RequestCounter } from '../aws/request-counter.js';
import type { RampartConfig } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import { JiraTickets } from '../report/jira/client.js';
import { runReport, type ReportOutcome } from '../report/report.js';
import { DEFAULT_ISSUE_TYPE } from '../report/route.js';
import { readSecret, SecretError } from '../report/secrets.js';
import { SlackMessages } from '../report/slack/client.js';
import { RecordStore } from '../state/store.js';
import type { Logger } from '../util/logger.js';
import { registerSecret } from '../util/redact.js';
import { EXIT, exitCodeOf, type ExitCondition } from './exit-codes.js';
import { ReportSetupError } from './report-errors.js';

export const JIRA_ENV = { url: 'RAMPART_JIRA_URL', email: 'RAMPART_JIRA_EMAIL', token: 'RAMPART_JIRA_API_TOKEN' } as const;
export const SLACK_ENV = { token: 'RAMPART_SLACK_TOKEN', apiUrl: 'RAMPART_SLACK_API_URL' } as const;

export { ReportSetupError };

export interface ReportStepOptions {
  config: RampartConfig;
  homeRegion: string;
  table: string;
  endpointUrl?: string;
  profile?: string;
  dryRun: boolean;
  only?: 'jira' | 'slack';
  env: NodeJS.ProcessEnv;
  scanTime?: string;
}

export interface ReportStepResult {
  outcome: ReportOutcome;
  conditions: ExitCondition[];
  exitCode: number;
}

function required(env: NodeJS.ProcessEnv, names: readonly string[], what: string): string[] {
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new ReportSetupError(`${what} needs ${missing.join(', ')} in the environment (or pass --only ${what === 'Jira reporting' ? 'slack' : 'jira'})`);
  return names.map((name) => env[name] as string);
}

function jiraClient(options: ReportStepOptions): JiraTickets | undefined {
  const jira = options.config.reporting?.jira;
  if (options.only === 'slack' || !jira?.project) {
    if (options.only === 'jira') throw new ReportSetupError('--only jira: the config has no reporting.jira.project');
    return undefined;
  }
  const [url, email, token] = required(options.env, [JIRA_ENV.url, JIRA_ENV.email, JIRA_ENV.token], 'Jira reporting') as [string, string, string];
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new ReportSetupError(`${JIRA_ENV.url} ${url}: expected the Jira site URL, such as https://acme.atlassian.net`);
  registerSecret(token);
  return new JiraTickets({ siteUrl: url, email, apiToken: token });
}

function slackClient(options: ReportStepOptions, logger: Logger): SlackMessages | undefined {
  const slack = options.config.reporting?.slack;
  if (options.only === 'jira' || !slack?.channel) {
    if (options.only === 'slack') throw new ReportSetupError('--only slack: the config has no reporting.slack.channel');
    return undefined;
  }
  const [token] = required(options.env, [SLACK_ENV.token], 'Slack reporting') as [string];
  registerSecret(token);
  const apiUrl = options.env[SLACK_ENV.apiUrl];
  return new SlackMessages({ token, logger, ...(apiUrl ? { slackApiUrl: apiUrl } : {}), ...(slack.pacingMs !== undefined ? { channelIntervalMs: slack.pacingMs } : {}) });
}

export async function runReportStep(options: ReportStepOptions, deps: { registry: Registry; logger: Logger; counter?: RequestCounter; now?: () => Date }): Promise<ReportStepResult> {
  const reporting = options.config.reporting;
  if (!reporting?.jira?.project && !reporting?.slack?.channel) {
    throw new ReportSetupError('reporting is not configured: set reporting.jira.project and/or reporting.slack.channel in the config (README: Reporting)');
  }
  const settings: ClientSettings = { ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}), ...(deps.counter ? { counter: deps.counter } : {}) };
  const clients = createAwsClients('base', options.homeRegion, await baseCredentials(options.profile), settings);
  try {
    return await reportWith({ ...options, env: await withSecrets(options, clients) }, deps, clients);
  } finally {
    clients.destroy();
  }
}

/**
 * The Jira and Slack clients other steps use to follow up on what reporting made (a comment, a
 * thread reply), when the config and the environment allow; what is missing is a problem, not an error.
 */
export async function followUpClients(options: Pick<ReportStepOptions, 'config' | 'env'>, clients: AwsClients, logger: Logger): Promise<FollowUpClients> {
  const base = { ...options, homeRegion: clients.region, table: '', dryRun: false };
  const out: FollowUpClients = { problems: { jira: [], slack: [] } };
  let env = options.env;
  try {
    env = await withSecrets(base, clients);
  } catch (error) {
    out.problems.jira.push((error as Error).message);
    out.problems.slack.push((error as Error).message);
  }
  try {
    const jira = jiraClient({ ...base, env });
    if (jira) out.jira = jira;
  } catch (error) {
    out.problems.jira.push((error as Error).message.replace(/ \(or pass --only \w+\)/, ''));
  }
  try {
    const slack = slackClient({ ...base, env }, logger);
    if (slack) out.slack = slack;
  } catch (error) {
    out.problems.slack.push((error as Error).message.replace(/ \(or pass --only \w+\)/, ''));
  }
  return out;
}

export interface FollowUpClients {
  jira?: JiraTickets;
  slack?: SlackMessages;
  /** Why a client is missing although the config asks for it. */
  problems: { jira: string[]; slack: string[] };
}

/** The environment with the tokens the config says to read from SSM or Secrets Manager (the environment wins). */
async function withSecrets(options: ReportStepOptions, clients: AwsClients): Promise<NodeJS.ProcessEnv> {
  const sources = options.config.reporting?.secrets;
  const env = { ...options.env };
  try {
    if (sources?.jiraApiToken && !env[JIRA_ENV.token] && options.only !== 'slack') env[JIRA_ENV.token] = await readSecret(sources.jiraApiToken, clients, 'reporting.secrets.jiraApiToken');
    if (sources?.slackToken && !env[SLACK_ENV.token] && options.only !== 'jira') env[SLACK_ENV.token] = await readSecret(sources.slackToken, clients, 'reporting.secrets.slackToken');
  } catch (error) {
    if (error instanceof SecretError) throw new ReportSetupError(error.message, { cause: error });
    throw error;
  }
  return env;
}

async function reportWith(options: ReportStepOptions, deps: { registry: Registry; logger: Logger; now?: () => Date }, clients: AwsClients): Promise<ReportStepResult> {
  const reporting = options.config.reporting ?? {};
  const jira = jiraClient(options);
  const slack = slackClient(options, deps.logger);
  // Both are checked before anything is created: credentials, project, issue type, required fields, channels.
  try {
    if (jira && reporting.jira?.project) await jira.checkSetup({ project: reporting.jira.project, issueType: reporting.jira.issueType ?? DEFAULT_ISSUE_TYPE });
    if (slack) await slack.checkSetup([reporting.slack?.channel, reporting.slack?.summaryChannel].filter((c): c is string => c !== undefined));
  } catch (error) {
    throw new ReportSetupError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const store = new RecordStore(clients.get(DynamoDBClient), options.table);
  await store.ensureTable(false);
  const outcome = await runReport(
    { config: options.config, dryRun: options.dryRun, ...(options.only ? { only: options.only } : {}), ...(options.scanTime ? { scanTime: options.scanTime } : {}) },
    { store, registry: deps.registry, logger: deps.logger, ...(jira ? { jira } : {}), ...(slack ? { slack } : {}), ...(deps.now ? { now: deps.now } : {}) },
  );
  const failed = outcome.lines.filter((l) => l.jira?.action === 'failed' || l.slack?.action === 'failed').length;
  const conditions: ExitCondition[] = [];
  if (failed > 0 || outcome.problems.length > 0) {
    conditions.push({ code: EXIT.NOT_PUBLISHED, message: `${failed} finding(s) could not be reported${outcome.problems.length > 0 ? ` and ${outcome.problems.length} problem(s) occurred` : ''}: recorded as pending, retried by the next report` });
  }
  return { outcome, conditions, exitCode: exitCodeOf(conditions) };
}
