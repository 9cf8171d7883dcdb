/**
 * The create screen of an issue type (what the createmeta endpoints describe) and the
 * validation of `fields` on create and edit, with Jira v3's messages where known.
 */
import { badRequest, isRecord } from './http.js';
import { PRIORITIES, type FakeJiraFieldSpec, type FakeJiraIssueTypeSpec, type FakeJiraProjectSpec } from './model.js';
import type { JiraState } from './state.js';

const ADF_MESSAGE = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

/** Every field on the create screen of a project's issue type, system fields first. */
export function screenFields(_project: FakeJiraProjectSpec, issueType: FakeJiraIssueTypeSpec): FakeJiraFieldSpec[] {
  const requiredSystem = new Set(issueType.requiredSystemFields ?? []);
  const system: FakeJiraFieldSpec[] = [
    { fieldId: 'summary', name: 'Summary', required: true, schema: { type: 'string', system: 'summary' } },
    { fieldId: 'issuetype', name: 'Issue Type', required: true, schema: { type: 'issuetype', system: 'issuetype' } },
    { fieldId: 'project', name: 'Project', required: true, schema: { type: 'project', system: 'project' } },
    { fieldId: 'description', name: 'Description', schema: { type: 'string', system: 'description' } },
    { fieldId: 'reporter', name: 'Reporter', schema: { type: 'user', system: 'reporter' } },
    { fieldId: 'assignee', name: 'Assignee', schema: { type: 'user', system: 'assignee' } },
    { fieldId: 'priority', name: 'Priority', schema: { type: 'priority', system: 'priority' } },
    { fieldId: 'labels', name: 'Labels', schema: { type: 'array', items: 'string', system: 'labels' } },
    { fieldId: 'duedate', name: 'Due date', schema: { type: 'date', system: 'duedate' } },
    { fieldId: 'components', name: 'Components', schema: { type: 'array', items: 'component', system: 'components' } },
    { fieldId: 'parent', name: 'Parent', schema: { type: 'issuelink', system: 'parent' } },
  ];
  for (const field of system) if (requiredSystem.has(field.fieldId)) field.required = true;
  return [...system, ...(issueType.fields ?? [])];
}

export function isAdfDoc(value: unknown): boolean {
  if (!isRecord(value) || value.type !== 'doc' || value.version !== 1 || !Array.isArray(value.content)) return false;
  const nodeOk = (node: unknown, depth: number): boolean => {
    if (depth > 50 || !isRecord(node) || typeof node.type !== 'string') return false;
    if (node.type === 'text' && typeof node.text !== 'string') return false;
    if (node.content !== undefined && (!Array.isArray(node.content) || !node.content.every((c) => nodeOk(c, depth + 1)))) return false;
    return true;
  };
  return value.content.every((c) => nodeOk(c, 1));
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

interface ValidateContext {
  state: JiraState;
  project: FakeJiraProjectSpec;
  issueType: FakeJiraIssueTypeSpec;
  mode: 'create' | 'edit';
  /** The key of the issue edited (a parent may not be the issue itself). */
  selfKey?: string;
}

/**
 * Checks the fields of a create or edit (project and issuetype already resolved) and returns
 * them as stored: summary, description (ADF or null), labels (names), priority (name),
 * assignee/reporter (accountId or null), duedate, components (names), parent (key), custom values.
 * Every problem is collected and thrown at once as a 400.
 */
export function validateFields(fields: Record<string, unknown>, ctx: ValidateContext): Record<string, unknown> {
  const { state, project, issueType, mode } = ctx;
  const screen = new Map(screenFields(project, issueType).map((f) => [f.fieldId, f]));
  const errors: Record<string, string> = {};
  const out: Record<string, unknown> = {};
  for (const [fieldId, value] of Object.entries(fields)) {
    if (fieldId === 'project' || fieldId === 'issuetype') continue;
    const spec = screen.get(fieldId);
    if (!spec) {
      errors[fieldId] = `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    if (value === null && !spec.required) {
      out[fieldId] = fieldId === 'labels' || fieldId === 'components' ? [] : null;
      continue;
    }
    switch (fieldId) {
      case 'summary':
        if (typeof value !== 'string') errors.summary = 'Operation value must be a string';
        else if (value.trim() === '') errors.summary = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors.summary = 'Summary must be less than 255 characters.';
        else if (/[\r\n]/.test(value)) errors.summary = 'Summary must not contain line breaks.';
        else out.summary = value;
        break;
      case 'description':
        if (isAdfDoc(value)) out.description = value;
        else errors.description = ADF_MESSAGE;
        break;
      case 'labels':
        if (!Array.isArray(value) || !value.every((l) => typeof l === 'string')) errors.labels = 'Operation value must be an array of strings';
        else {
          const bad = value.find((l) => l === '' || /\s/.test(l) || l.length > 255);
          if (bad !== undefined) errors.labels = bad === '' ? 'A label cannot be empty.' : /\s/.test(bad) ? `The label '${bad}' contains spaces which is invalid.` : 'A label must be 255 characters or fewer.';
          else out.labels = [...new Set(value)];
        }
        break;
      case 'priority': {
        const wanted = isRecord(value) ? value : undefined;
        const priority = PRIORITIES.find((p) => (typeof wanted?.name === 'string' && p.name.toLowerCase() === wanted.name.toLowerCase()) || (typeof wanted?.id === 'string' && p.id === wanted.id));
        if (!priority) errors.priority = 'Specify a valid priority (id or name).';
        else out.priority = priority.name;
        break;
      }
      case 'assignee':
      case 'reporter': {
        const accountId = isRecord(value) ? value.accountId : undefined;
        const user = typeof accountId === 'string' ? state.userByAccountId(accountId) : undefined;
        if (!user) errors[fieldId] = `Specify a valid accountId for ${fieldId}.`;
        else if (user.active === false) errors[fieldId] = `User '${user.displayName}' is inactive and cannot be set as ${fieldId}.`;
        else out[fieldId] = user.accountId;
        break;
      }
      case 'duedate':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
          errors.duedate = `Error parsing date string: ${String(value)}`;
        } else out.duedate = value;
        break;
      case 'components': {
        if (!Array.isArray(value) || !value.every((c) => isRecord(c) && (typeof c.name === 'string' || typeof c.id === 'string'))) {
          errors.components = 'Operation value must be an array of components ({ name } or { id })';
          break;
        }
        // Components are rendered with ids 10000, 10001, ... in the project's order.
        const known = project.components ?? [];
        const refs = value as Record<string, unknown>[];
        const bad = refs.find((c) => (typeof c.name === 'string' ? !known.includes(c.name) : known[Number(c.id) - 10000] === undefined));
        if (bad) errors.components = typeof bad.name === 'string' ? `Component name '${bad.name}' is not valid` : `Component with id '${String(bad.id)}' does not exist.`;
        else out.components = refs.map((c) => (typeof c.name === 'string' ? c.name : (known[Number(c.id) - 10000] as string)));
        break;
      }
      case 'parent': {
        const ref = isRecord(value) ? (typeof value.key === 'string' ? value.key : typeof value.id === 'string' ? value.id : undefined) : undefined;
        const parent = ref === undefined ? undefined : state.issue(ref);
        if (!parent) errors.parent = 'Could not find issue by id or key.';
        else if (parent.key === ctx.selfKey) errors.parent = 'An issue cannot be its own parent.';
        else out.parent = parent.key;
        break;
      }
      default: {
        const problem = checkCustomValue(spec, value);
        if (problem) errors[fieldId] = problem;
        else out[fieldId] = value;
      }
    }
  }
  for (const spec of screen.values()) {
    if (!spec.required || spec.fieldId === 'project' || spec.fieldId === 'issuetype' || errors[spec.fieldId]) continue;
    const given = Object.prototype.hasOwnProperty.call(fields, spec.fieldId);
    if (mode === 'create' ? isEmpty(fields[spec.fieldId]) : given && isEmpty(fields[spec.fieldId])) {
      errors[spec.fieldId] = spec.fieldId === 'summary' ? 'You must specify a summary of the issue.' : `${spec.name} is required.`;
    }
  }
  if (Object.keys(errors).length > 0) throw badRequest(errors);
  return out;
}

function checkCustomValue(spec: FakeJiraFieldSpec, value: unknown): string | undefined {
  const custom = spec.schema.custom ?? '';
  switch (spec.schema.type) {
    case 'string':
      if (custom.endsWith(':textarea')) return isAdfDoc(value) ? undefined : ADF_MESSAGE;
      return typeof value === 'string' ? undefined : 'Operation value must be a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Operation value must be a number';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : `Error parsing date string: ${String(value)}`;
    case 'option': {
      const ok = isRecord(value) && (spec.allowedValues ?? []).some((a) => a.value === value.value || a.id === value.id);
      return ok ? undefined : `Option value '${isRecord(value) ? String(value.value ?? value.id) : String(value)}' is not valid`;
    }
    case 'array':
      if (!Array.isArray(value)) return 'Operation value must be an array';
      if (spec.schema.items === 'string' && !value.every((v) => typeof v === 'string')) return 'Operation value must be an array of strings';
      if (spec.schema.items === 'option' && !value.every((v) => isRecord(v) && (spec.allowedValues ?? []).some((a) => a.value === v.value || a.id === v.id))) return 'Option value is not valid';
      return undefined;
    default:
      return undefined;
  }
}
