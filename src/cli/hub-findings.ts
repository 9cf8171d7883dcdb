/** What the (emulated) Security Hub holds: counts by status and severity, and the worst FAILED findings, as the scan prints them. */
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { SEVERITIES, type Severity } from '../core/check.js';
import { TOOL_NAME } from '../findings/build.js';
import { compareFailing, type FailingEntry } from '../pipeline/top-failing.js';
import { PLAIN, type Style } from './style.js';
import { table } from './summary.js';
import { renderTopFindings } from './top-findings.js';

const STATUSES = ['FAILED', 'PASSED', 'NOT_AVAILABLE'] as const;

/** The check's severity, as the scan counts it (a PASSED finding's label is INFORMATIONAL). */
function severityOf(finding: AwsSecurityFinding): Severity {
  const label = finding.ProductFields?.['rampart/checkSeverity'] ?? finding.Severity?.Label ?? '';
  return (SEVERITIES as readonly string[]).includes(label) ? (label as Severity) : 'INFORMATIONAL';
}

/** A hub finding as the terminal lists it (its Description starts with the result's summary). */
function failingEntry(finding: AwsSecurityFinding): FailingEntry {
  const resourceArn = finding.Resources?.[0]?.Id ?? '';
  return {
    severity: severityOf(finding),
    checkId: finding.GeneratorId ?? '',
    accountId: finding.AwsAccountId ?? '',
    region: finding.Region ?? '',
    resourceId: resourceArn,
    resourceArn,
    summary: ((finding.Description ?? '').split(' | ')[0] ?? '').replace(/^(Failed|Passed): /, ''),
  };
}

export function renderHubFindings(findings: readonly AwsSecurityFinding[], options: { width: number; top: number; style?: Style; moreIn?: string }): string {
  const style = options.style ?? PLAIN;
  // Other products' findings (the demo seeds some for the Security Hub check) are not rampart's to count.
  const active = findings.filter((f) => f.RecordState === 'ACTIVE' && f.ProductName === TOOL_NAME);
  const severities = [...SEVERITIES].reverse();
  const rows: string[][] = [['status', ...severities.map((s) => style.severity(s)), 'total']];
  for (const status of STATUSES) {
    const ofStatus = active.filter((f) => f.Compliance?.Status === status);
    rows.push([style.status(status), ...severities.map((s) => String(ofStatus.filter((f) => severityOf(f) === s).length)), String(ofStatus.length)]);
  }
  const failing = active.filter((f) => f.Compliance?.Status === 'FAILED' && f.Workflow?.Status !== 'SUPPRESSED').map(failingEntry).sort(compareFailing);
  const top = renderTopFindings({ top: failing.slice(0, options.top), total: failing.length }, { width: options.width, style, heading: 'worst in Security Hub', ...(options.moreIn ? { moreIn: options.moreIn } : {}) });
  return `${active.length} active rampart findings by status and check severity:\n${table(rows, '  ')}\n${top}`;
}
