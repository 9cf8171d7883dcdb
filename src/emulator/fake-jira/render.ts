/** The JSON the fake Jira answers with: issues, users, statuses, projects, comments, transitions. */
import { PRIORITIES, STATUS_CATEGORIES, type FakeJiraComment, type FakeJiraIssue, type FakeJiraIssueTypeSpec, type FakeJiraProjectSpec, type FakeJiraStatus, type FakeJiraTransitionSpec, type FakeJiraUser } from './model.js';
import type { JiraState } from './state.js';

export class Renderer {
  constructor(
    private readonly state: JiraState,
    private readonly base: () => string,
  ) {}

  private api(path: string): string {
    return `${this.base()}/rest/api/3/${path}`;
  }

  user(user: FakeJiraUser): Record<string, unknown> {
    return {
      self: this.api(`user?accountId=${encodeURIComponent(user.accountId)}`),
      accountId: user.accountId,
      accountType: 'atlassian',
      emailAddress: user.emailAddress,
      avatarUrls: {},
      displayName: user.displayName,
      active: user.active !== false,
      timeZone: 'Etc/UTC',
      locale: 'en_US',
    };
  }

  userById(accountId: unknown): Record<string, unknown> | null {
    const user = typeof accountId === 'string' ? this.state.userByAccountId(accountId) : undefined;
    return user ? this.user(user) : null;
  }

  statusCategory(status: FakeJiraStatus): Record<string, unknown> {
    const category = STATUS_CATEGORIES[status.category];
    return { self: this.api(`statuscategory/${category.id}`), ...category };
  }

  status(status: FakeJiraStatus): Record<string, unknown> {
    return { self: this.api(`status/${status.id}`), description: '', iconUrl: `${this.base()}/images/icons/statuses/generic.png`, name: status.name, id: status.id, statusCategory: this.statusCategory(status) };
  }

  project(project: FakeJiraProjectSpec, full = false): Record<string, unknown> {
    const brief = { self: this.api(`project/${project.id}`), id: project.id, key: project.key, name: project.name, projectTypeKey: 'software', simplified: false, avatarUrls: {} };
    if (!full) return brief;
    return {
      ...brief,
      style: 'classic',
      isPrivate: false,
      description: '',
      issueTypes: project.issueTypes.map((t) => this.issueType(t)),
      components: (project.components ?? []).map((name, i) => this.component(project, name, i)),
    };
  }

  component(project: FakeJiraProjectSpec, name: string, index = (project.components ?? []).indexOf(name)): Record<string, unknown> {
    const id = String(10000 + index);
    return { self: this.api(`component/${id}`), id, name };
  }

  issueType(type: FakeJiraIssueTypeSpec): Record<string, unknown> {
    return { self: this.api(`issuetype/${type.id}`), id: type.id, description: '', iconUrl: '', name: type.name, untranslatedName: type.name, subtask: type.subtask === true, hierarchyLevel: type.hierarchyLevel ?? (type.subtask ? -1 : 0) };
  }

  comment(issue: FakeJiraIssue, comment: FakeJiraComment): Record<string, unknown> {
    const author = this.userById(comment.authorAccountId);
    return { self: this.api(`issue/${issue.id}/comment/${comment.id}`), id: comment.id, author, body: comment.body, updateAuthor: author, created: comment.created, updated: comment.updated, jsdPublic: true };
  }

  transition(projectKey: string, transition: FakeJiraTransitionSpec): Record<string, unknown> {
    return {
      id: transition.id,
      name: transition.name,
      to: this.status(this.state.status(projectKey, transition.to)),
      hasScreen: false,
      isGlobal: transition.from === '*',
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    };
  }

  /** All of an issue's fields as GET /issue returns them (comment included). */
  allFields(issue: FakeJiraIssue): Record<string, unknown> {
    const project = this.state.project(issue.projectKey) as FakeJiraProjectSpec;
    const issueType = this.state.issueType(project, issue.issueTypeId) as FakeJiraIssueTypeSpec;
    const status = this.state.status(issue.projectKey, issue.status);
    const f = issue.fields;
    const priority = PRIORITIES.find((p) => p.name === f.priority);
    const parent = typeof f.parent === 'string' ? this.state.issue(f.parent) : undefined;
    const custom = Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('customfield_')));
    for (const spec of issueType.fields ?? []) if (!(spec.fieldId in custom)) custom[spec.fieldId] = null;
    return {
      summary: f.summary ?? '',
      description: f.description ?? null,
      labels: f.labels ?? [],
      priority: priority ? { self: this.api(`priority/${priority.id}`), iconUrl: '', name: priority.name, id: priority.id } : null,
      assignee: this.userById(f.assignee),
      reporter: this.userById(issue.reporterAccountId),
      creator: this.userById(issue.reporterAccountId),
      duedate: f.duedate ?? null,
      components: ((f.components as string[] | undefined) ?? []).map((name) => this.component(project, name)),
      ...(parent ? { parent: { id: parent.id, key: parent.key, self: this.api(`issue/${parent.id}`), fields: { summary: parent.fields.summary, status: this.status(this.state.status(parent.projectKey, parent.status)) } } } : {}),
      status: this.status(status),
      statusCategory: this.statusCategory(status),
      resolution: status.category === 'done' ? { self: this.api('resolution/10000'), id: '10000', name: 'Done', description: 'Work has been completed on this issue.' } : null,
      resolutiondate: issue.resolutiondate,
      project: this.project(project),
      issuetype: this.issueType(issueType),
      created: issue.created,
      updated: issue.updated,
      comment: { comments: issue.comments.map((c) => this.comment(issue, c)), self: this.api(`issue/${issue.id}/comment`), maxResults: issue.comments.length, total: issue.comments.length, startAt: 0 },
      ...custom,
    };
  }

  /**
   * The fields a caller asked for: `*all`, `*navigable` (all but comment), names, `-name` to drop.
   * No list means all (GET /issue); search passes its own default.
   */
  pickFields(issue: FakeJiraIssue, requested: string[] | undefined): Record<string, unknown> {
    const all = this.allFields(issue);
    const wanted = requested && requested.length > 0 ? requested : ['*all'];
    const picked: Record<string, unknown> = {};
    for (const name of wanted) {
      if (name === '*all') Object.assign(picked, all);
      else if (name === '*navigable') Object.assign(picked, Object.fromEntries(Object.entries(all).filter(([k]) => k !== 'comment')));
      else if (!name.startsWith('-') && name in all) picked[name] = all[name];
    }
    for (const name of wanted) if (name.startsWith('-')) delete picked[name.slice(1)];
    return picked;
  }

  issue(issue: FakeJiraIssue, fields?: string[]): Record<string, unknown> {
    return { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, self: this.api(`issue/${issue.id}`), key: issue.key, fields: this.pickFields(issue, fields) };
  }
}
