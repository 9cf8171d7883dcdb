/**
 * The fake Jira's configuration and stored state: projects, issue types, users,
 * workflows, issues and comments, with the defaults a test gets when it passes none.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface FakeJiraUser {
  accountId: string;
  emailAddress: string;
  displayName: string;
  active?: boolean;
}

export interface FakeJiraCredentials {
  email: string;
  apiToken: string;
}

export interface FakeJiraStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface FakeJiraTransitionSpec {
  id: string;
  name: string;
  /** Status names the transition starts from; '*' makes it global (from every other status). */
  from: string[] | '*';
  /** The status name it leads to. */
  to: string;
}

export interface FakeJiraWorkflow {
  /** The status name a new issue starts in. */
  initial: string;
  statuses: FakeJiraStatus[];
  transitions: FakeJiraTransitionSpec[];
}

/** A field of the create screen beyond the system fields every issue type has. */
export interface FakeJiraFieldSpec {
  fieldId: string;
  name: string;
  required?: boolean;
  /** Jira's field schema, e.g. { type: 'string', custom: '...:textfield', customId: 10042 }. */
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  /** For option fields: the values accepted ({ id, value }). */
  allowedValues?: { id: string; value: string }[];
}

export interface FakeJiraIssueTypeSpec {
  id: string;
  name: string;
  subtask?: boolean;
  hierarchyLevel?: number;
  /** Extra (usually custom) fields on this issue type's create screen. */
  fields?: FakeJiraFieldSpec[];
  /** System fields (besides project, issuetype, summary) made required, e.g. ['duedate']. */
  requiredSystemFields?: string[];
}

export interface FakeJiraProjectSpec {
  id: string;
  key: string;
  name: string;
  issueTypes: FakeJiraIssueTypeSpec[];
  /** Component names the project has; components outside it are rejected. */
  components?: string[];
  /** This project's workflow; the server's workflow otherwise. */
  workflow?: FakeJiraWorkflow;
}

/** Shorthand for a required field on one project's issue type. */
export interface FakeJiraRequiredField {
  project: string;
  issueType: string;
  fieldId: string;
  name?: string;
  schema?: FakeJiraFieldSpec['schema'];
  allowedValues?: FakeJiraFieldSpec['allowedValues'];
}

export const DEFAULT_CREDENTIALS: FakeJiraCredentials = { email: 'rampart@example.com', apiToken: 'fake-jira-api-token' };

export const DEFAULT_USERS: FakeJiraUser[] = [
  { accountId: '5b10ac8d82e05b22cc7d4ef5', emailAddress: 'rampart@example.com', displayName: 'rampart bot', active: true },
  { accountId: '5b10a2844c20165700ede21g', emailAddress: 'alice@example.com', displayName: 'Alice Admin', active: true },
  { accountId: '5b109f2e9729b51b54dc274d', emailAddress: 'bob@example.com', displayName: 'Bob Builder', active: true },
  { accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', emailAddress: 'former@example.com', displayName: 'Former Employee', active: false },
];

export const DEFAULT_PROJECTS: FakeJiraProjectSpec[] = [
  {
    id: '10000',
    key: 'SEC',
    name: 'Security',
    issueTypes: [
      { id: '10004', name: 'Bug', hierarchyLevel: 0 },
      { id: '10002', name: 'Task', hierarchyLevel: 0 },
    ],
  },
];

/** Open → In Progress ("Start") → Done ("Done"); Done → Open ("Reopen"); no direct Open → Done. */
export const DEFAULT_WORKFLOW: FakeJiraWorkflow = {
  initial: 'Open',
  statuses: [
    { id: '1', name: 'Open', category: 'new' },
    { id: '3', name: 'In Progress', category: 'indeterminate' },
    { id: '10001', name: 'Done', category: 'done' },
  ],
  transitions: [
    { id: '11', name: 'Start', from: ['Open'], to: 'In Progress' },
    { id: '21', name: 'Done', from: ['In Progress'], to: 'Done' },
    { id: '31', name: 'Reopen', from: ['Done'], to: 'Open' },
  ],
};

/** The default workflow without "Reopen": once Done, an issue stays Done. */
export const NO_REOPEN_WORKFLOW: FakeJiraWorkflow = {
  ...DEFAULT_WORKFLOW,
  transitions: DEFAULT_WORKFLOW.transitions.filter((t) => t.name !== 'Reopen'),
};

export const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; key: StatusCategoryKey; colorName: string; name: string }> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export interface FakeJiraComment {
  id: string;
  /** The ADF document as sent. */
  body: unknown;
  authorAccountId: string;
  created: string;
  updated: string;
}

export interface FakeJiraTakenTransition {
  id: string;
  name: string;
  from: string;
  to: string;
  at: string;
}

/** An issue as the fake stores it; `fields` holds what was set (system and custom), by field id. */
export interface FakeJiraIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  fields: Record<string, unknown>;
  status: string;
  reporterAccountId: string;
  comments: FakeJiraComment[];
  transitions: FakeJiraTakenTransition[];
  created: string;
  updated: string;
  resolutiondate: string | null;
}

/** Jira's timestamp format: 2024-05-01T12:34:56.789+0000. */
export function jiraTime(date: Date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}
