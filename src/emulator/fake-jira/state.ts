/** What the fake Jira knows: its configuration (projects, users, workflows) and the issues it holds. */
import {
  DEFAULT_CREDENTIALS,
  DEFAULT_PROJECTS,
  DEFAULT_USERS,
  DEFAULT_WORKFLOW,
  type FakeJiraCredentials,
  type FakeJiraIssue,
  type FakeJiraIssueTypeSpec,
  type FakeJiraProjectSpec,
  type FakeJiraRequiredField,
  type FakeJiraStatus,
  type FakeJiraUser,
  type FakeJiraWorkflow,
} from './model.js';

export interface JiraConfig {
  credentials: FakeJiraCredentials[];
  users: FakeJiraUser[];
  projects: FakeJiraProjectSpec[];
  workflow: FakeJiraWorkflow;
}

export interface ConfigInput {
  credentials?: FakeJiraCredentials | FakeJiraCredentials[];
  users?: FakeJiraUser[];
  projects?: FakeJiraProjectSpec[];
  workflow?: FakeJiraWorkflow;
  requiredFields?: FakeJiraRequiredField[];
}

function checkWorkflow(workflow: FakeJiraWorkflow, where: string): void {
  const names = new Set(workflow.statuses.map((s) => s.name));
  if (!names.has(workflow.initial)) throw new Error(`fake Jira: ${where} workflow's initial status ${workflow.initial} is not one of its statuses`);
  for (const t of workflow.transitions) {
    if (!names.has(t.to)) throw new Error(`fake Jira: ${where} transition ${t.name} leads to unknown status ${t.to}`);
    if (t.from !== '*') for (const f of t.from) if (!names.has(f)) throw new Error(`fake Jira: ${where} transition ${t.name} starts from unknown status ${f}`);
    if (!/^\d+$/.test(t.id)) throw new Error(`fake Jira: ${where} transition ids are integers as strings, not ${t.id}`);
  }
}

/** Copies and completes the options: defaults, required-field shorthands merged into the issue types. */
export function buildConfig(input: ConfigInput): JiraConfig {
  const credentials = input.credentials === undefined ? [DEFAULT_CREDENTIALS] : Array.isArray(input.credentials) ? input.credentials : [input.credentials];
  const projects = structuredClone(input.projects ?? DEFAULT_PROJECTS);
  const workflow = structuredClone(input.workflow ?? DEFAULT_WORKFLOW);
  checkWorkflow(workflow, 'the server');
  for (const project of projects) if (project.workflow) checkWorkflow(project.workflow, `project ${project.key}`);
  for (const required of input.requiredFields ?? []) {
    const project = projects.find((p) => p.key === required.project || p.id === required.project);
    const issueType = project?.issueTypes.find((t) => t.name === required.issueType || t.id === required.issueType);
    if (!issueType) throw new Error(`fake Jira: required field ${required.fieldId} names an unknown project/issue type ${required.project}/${required.issueType}`);
    const customId = /^customfield_(\d+)$/.exec(required.fieldId)?.[1];
    issueType.fields = [
      ...(issueType.fields ?? []).filter((f) => f.fieldId !== required.fieldId),
      {
        fieldId: required.fieldId,
        name: required.name ?? required.fieldId,
        required: true,
        schema: required.schema ?? (customId ? { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: Number(customId) } : { type: 'string' }),
        ...(required.allowedValues ? { allowedValues: required.allowedValues } : {}),
      },
    ];
  }
  const users = structuredClone(input.users ?? DEFAULT_USERS);
  for (const c of credentials) {
    if (!users.some((u) => u.emailAddress.toLowerCase() === c.email.toLowerCase())) {
      users.push({ accountId: `fake-${Buffer.from(c.email).toString('hex').slice(0, 24)}`, emailAddress: c.email, displayName: c.email, active: true });
    }
  }
  return { credentials, users, projects, workflow };
}

export class JiraState {
  readonly issues = new Map<string, FakeJiraIssue>();
  private nextIssueId = 10000;
  private nextCommentId = 10000;
  private readonly keyCounters = new Map<string, number>();

  constructor(readonly config: JiraConfig) {}

  clear(): void {
    this.issues.clear();
    this.keyCounters.clear();
    this.nextIssueId = 10000;
    this.nextCommentId = 10000;
  }

  newIssueId(): string {
    return String(this.nextIssueId++);
  }

  newCommentId(): string {
    return String(this.nextCommentId++);
  }

  newKey(projectKey: string): string {
    const n = (this.keyCounters.get(projectKey) ?? 0) + 1;
    this.keyCounters.set(projectKey, n);
    return `${projectKey}-${n}`;
  }

  project(idOrKey: string): FakeJiraProjectSpec | undefined {
    return this.config.projects.find((p) => p.key === idOrKey || p.id === idOrKey || p.key === idOrKey.toUpperCase());
  }

  issueType(project: FakeJiraProjectSpec, idOrName: string): FakeJiraIssueTypeSpec | undefined {
    return project.issueTypes.find((t) => t.id === idOrName || t.name.toLowerCase() === idOrName.toLowerCase());
  }

  workflowOf(projectKey: string): FakeJiraWorkflow {
    return this.project(projectKey)?.workflow ?? this.config.workflow;
  }

  status(projectKey: string, name: string): FakeJiraStatus {
    const status = this.workflowOf(projectKey).statuses.find((s) => s.name === name);
    if (!status) throw new Error(`fake Jira: status ${name} is not in project ${projectKey}'s workflow`);
    return status;
  }

  /** Every status of every workflow in use, by name (for JQL). */
  allStatuses(): FakeJiraStatus[] {
    return [this.config.workflow, ...this.config.projects.flatMap((p) => (p.workflow ? [p.workflow] : []))].flatMap((w) => w.statuses);
  }

  issue(idOrKey: string): FakeJiraIssue | undefined {
    const byKey = this.issues.get(idOrKey.toUpperCase());
    if (byKey) return byKey;
    for (const issue of this.issues.values()) if (issue.id === idOrKey) return issue;
    return undefined;
  }

  userByAccountId(accountId: string): FakeJiraUser | undefined {
    return this.config.users.find((u) => u.accountId === accountId);
  }

  userByEmail(email: string): FakeJiraUser | undefined {
    return this.config.users.find((u) => u.emailAddress.toLowerCase() === email.toLowerCase());
  }
}
