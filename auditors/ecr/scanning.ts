/**
 * Which setting decides whether ECR scans a repository's images, and how often.
 *
 * The registry scanning configuration (GetRegistryScanningConfiguration) is
 * AWS's current way to configure scanning; the repository's own
 * imageScanningConfiguration.scanOnPush is deprecated in its favour:
 * - ENHANCED (Amazon Inspector): the rules decide. A repository no rule's
 *   filter matches is not scanned; where a continuous-scan rule and a
 *   scan-on-push rule both match, continuous scanning applies.
 * - BASIC with rules: a repository a scan-on-push rule matches is scanned on
 *   push, every other one is set to manual scanning.
 * - BASIC without rules (a registry never configured): the repository's own
 *   scanOnPush still applies.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-filters.html
 */

export interface RegistryScanningRule {
  /** SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL. */
  scanFrequency: string;
  filters: Array<{ filter: string; filterType: string }>;
}

export interface RegistryScanning {
  /** BASIC or ENHANCED. */
  scanType: string;
  rules: RegistryScanningRule[];
}

export type ScanFrequency = 'CONTINUOUS_SCAN' | 'SCAN_ON_PUSH' | 'MANUAL';

export interface EffectiveScanning {
  frequency: ScanFrequency;
  /** What decided it: a registry rule, the absence of a matching rule, or the repository's own setting. */
  decidedBy: 'registry-rule' | 'no-matching-registry-rule' | 'repository-setting';
  /** The registry filter that matched, when a rule decided. */
  filter?: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * ECR's WILDCARD filter: without a `*` it matches every name that contains it;
 * with one, `*` stands for zero or more characters and the whole name must match.
 */
export function matchesScanFilter(filter: string, repositoryName: string): boolean {
  if (!filter.includes('*')) return repositoryName.includes(filter);
  return new RegExp(`^${filter.split('*').map(escapeRegExp).join('.*')}$`).test(repositoryName);
}

function matchingFilter(rule: RegistryScanningRule, repositoryName: string): string | undefined {
  for (const { filter, filterType } of rule.filters) {
    if (filterType !== 'WILDCARD') throw new Error(`the registry scanning filter "${filter}" has the filter type ${filterType}, which rampart cannot match`);
    if (matchesScanFilter(filter, repositoryName)) return filter;
  }
  return undefined;
}

const RANK: Record<ScanFrequency, number> = { CONTINUOUS_SCAN: 2, SCAN_ON_PUSH: 1, MANUAL: 0 };

const asFrequency = (value: string): ScanFrequency => (value === 'CONTINUOUS_SCAN' || value === 'SCAN_ON_PUSH' ? value : 'MANUAL');

/**
 * How the repository's images are scanned. `repositoryScanOnPush` is read only
 * when the registry has no rules; undefined there means the repository did not
 * report it, and the answer is unknown (thrown).
 */
export function effectiveScanning(registry: RegistryScanning, repositoryName: string, repositoryScanOnPush: boolean | undefined): EffectiveScanning {
  if (registry.scanType === 'BASIC' && registry.rules.length === 0) {
    if (repositoryScanOnPush === undefined) throw new Error(`repository ${repositoryName} did not report imageScanningConfiguration.scanOnPush`);
    return { frequency: repositoryScanOnPush ? 'SCAN_ON_PUSH' : 'MANUAL', decidedBy: 'repository-setting' };
  }
  if (registry.scanType !== 'BASIC' && registry.scanType !== 'ENHANCED') throw new Error(`the registry scanning type ${registry.scanType} is not one rampart knows`);
  let best: EffectiveScanning | undefined;
  for (const rule of registry.rules) {
    const filter = matchingFilter(rule, repositoryName);
    if (filter === undefined) continue;
    const frequency = asFrequency(rule.scanFrequency);
    if (!best || RANK[frequency] > RANK[best.frequency]) best = { frequency, decidedBy: 'registry-rule', filter };
  }
  return best ?? { frequency: 'MANUAL', decidedBy: 'no-matching-registry-rule' };
}
