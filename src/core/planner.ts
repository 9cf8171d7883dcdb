/**
 * The planner: which checks run, with which parameters and severity, in which
 * accounts and regions. Bad selections fail here, before anything is called.
 */
import type { AnyCheck, Severity } from './check.js';
import type { AnyCollector } from './collector.js';
import type { Registry } from './registry.js';
import { parameterKeys } from './remediation.js';
import type { CheckSettings } from '../config/schema.js';
import { formatZodIssues } from '../config/schema.js';

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export interface PlannedCheck {
  check: AnyCheck;
  params: unknown;
  severity: Severity;
}

export interface PlanTask {
  accountId: string;
  region: string;
  collector: AnyCollector;
  checks: PlannedCheck[];
  /** A global collector's task: the regions of the scan (see CollectContext.scanRegions). */
  scanRegions?: readonly string[];
}

export interface Selection {
  services?: readonly string[];
  checks?: readonly string[];
  excludeChecks?: readonly string[];
  settings?: Readonly<Record<string, CheckSettings>>;
}

function unknownIds(ids: readonly string[], known: ReadonlySet<string>): string[] {
  return ids.filter((id) => !known.has(id));
}

function suggest(id: string, known: Iterable<string>): string {
  const close = [...known].filter((k) => k.includes(id) || id.includes(k.split('-').slice(0, 2).join('-'))).slice(0, 3);
  return close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : '';
}

/** A check's own parameters: the config's checks.<id>.parameters without those of its fix. */
export function checkParameters(registry: Registry, checkId: string, parameters: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const fixKeys = new Set(parameterKeys(registry.remediationOf(checkId)?.parameters));
  return Object.fromEntries(Object.entries(parameters ?? {}).filter(([key]) => !fixKeys.has(key)));
}

/** The fix's parameters: the config's checks.<id>.parameters it names. */
export function fixParameters(registry: Registry, checkId: string, parameters: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const fixKeys = new Set(parameterKeys(registry.remediationOf(checkId)?.parameters));
  return Object.fromEntries(Object.entries(parameters ?? {}).filter(([key]) => fixKeys.has(key)));
}

/** Every check named in the config exists, and its parameters and its fix's parameters are valid. */
export function validateCheckSettings(registry: Registry, settings: Readonly<Record<string, CheckSettings>> | undefined): void {
  const checkIds = new Set(registry.checks.map((c) => c.meta.id));
  const bad = unknownIds(Object.keys(settings ?? {}), checkIds);
  if (bad.length > 0) throw new PlanError(`config checks: unknown check id ${bad.join(', ')}${suggest(bad[0] as string, checkIds)}; \`rampart checks\` lists them`);
  for (const [id, entry] of Object.entries(settings ?? {})) {
    const check = registry.check(id);
    const own = checkParameters(registry, id, entry.parameters);
    if (check?.parameters) {
      const parsed = check.parameters.safeParse(own);
      if (!parsed.success) throw new PlanError(`config is invalid:\n  ${formatZodIssues(parsed.error, `checks.${id}.parameters`).join('\n  ')}`);
    } else if (Object.keys(own).length > 0) {
      throw new PlanError(`config checks.${id}.parameters: ${registry.remediationOf(id) ? `${Object.keys(own).join(', ')} is not a parameter of this check or its fix` : 'this check takes no parameters'}; remove the field`);
    }
    const fix = registry.remediationOf(id);
    if (fix?.parameters) {
      const parsed = fix.parameters.safeParse(fixParameters(registry, id, entry.parameters));
      if (!parsed.success) throw new PlanError(`config is invalid:\n  ${formatZodIssues(parsed.error, `checks.${id}.parameters`).join('\n  ')}`);
    }
    if (entry.autoRemediate?.enabled && !fix) throw new PlanError(`config checks.${id}.autoRemediate: ${id} has no fix (\`rampart checks --format json\` names the checks that have one)`);
  }
}

/** Resolves the selection to the checks that will run, validating every id and parameter. */
export function selectChecks(registry: Registry, selection: Selection): PlannedCheck[] {
  const checkIds = new Set(registry.checks.map((c) => c.meta.id));
  const services = new Set(registry.services);
  for (const [flag, ids] of [['--checks', selection.checks], ['--exclude-checks', selection.excludeChecks]] as const) {
    const bad = unknownIds(ids ?? [], checkIds);
    if (bad.length > 0) throw new PlanError(`${flag}: unknown check id ${bad.join(', ')}${suggest(bad[0] as string, checkIds)}; \`rampart checks\` lists them`);
  }
  const badServices = unknownIds(selection.services ?? [], services);
  if (badServices.length > 0) throw new PlanError(`--services: unknown service ${badServices.join(', ')}; known services: ${[...services].join(', ')}`);
  validateCheckSettings(registry, selection.settings);

  const planned: PlannedCheck[] = [];
  for (const check of registry.checks) {
    const id = check.meta.id;
    const settings = selection.settings?.[id];
    const explicitlyChosen = selection.checks?.includes(id) ?? false;
    if (selection.checks && selection.checks.length > 0 && !explicitlyChosen) continue;
    if (selection.services && selection.services.length > 0 && !selection.services.includes(check.meta.service)) continue;
    if (selection.excludeChecks?.includes(id)) continue;
    if (settings?.enabled === false && !explicitlyChosen) continue;
    let params: unknown = {};
    const own = checkParameters(registry, id, settings?.parameters);
    if (check.parameters) {
      const parsed = check.parameters.safeParse(own);
      if (!parsed.success) throw new PlanError(`config is invalid:\n  ${formatZodIssues(parsed.error, `checks.${id}.parameters`).join('\n  ')}`);
      params = parsed.data;
    } else if (Object.keys(own).length > 0) {
      throw new PlanError(`config checks.${id}.parameters: this check takes no parameters; remove the field`);
    }
    planned.push({ check, params, severity: settings?.severity ?? check.meta.severity });
  }
  if (planned.length === 0) throw new PlanError('no check is selected: loosen --services / --checks / --exclude-checks or the config\'s enabled flags');
  return planned;
}

/** accounts × regions × collectors; global collectors once per account, in the home region. */
export function planTasks(checks: readonly PlannedCheck[], accountIds: readonly string[], regions: readonly string[], homeRegion: string): PlanTask[] {
  const byCollector = new Map<AnyCollector, PlannedCheck[]>();
  for (const planned of checks) {
    const list = byCollector.get(planned.check.collector) ?? [];
    list.push(planned);
    byCollector.set(planned.check.collector, list);
  }
  const tasks: PlanTask[] = [];
  for (const accountId of accountIds) {
    for (const [collector, planned] of byCollector) {
      if (collector.global) tasks.push({ accountId, region: homeRegion, collector, checks: planned, scanRegions: regions });
      else for (const region of regions) tasks.push({ accountId, region, collector, checks: planned });
    }
  }
  return tasks;
}
