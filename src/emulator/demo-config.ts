/**
 * The config the demo scans with: it shows per-check parameters at work, and
 * leaves out the checks the local emulator cannot serve, so the demo's report
 * shows what rampart finds rather than what the emulator lacks. A real scan
 * runs them all (and reports such gaps as ERROR).
 */
import { AUDITORS } from '../../auditors/index.js';

/** Checks the demo leaves out: a whole auditor (service) or one check, and why (README: "The emulator's gaps"). */
export type DemoLeftOut = { service: string; reason: string } | { check: string; reason: string };

export const DEMO_LEFT_OUT: readonly DemoLeftOut[] = [
  { check: 'shield-cloudfront-distribution-protected', reason: 'moto leaves Enabled out of its CloudFront distribution summaries' },
  { check: 'iam-root-not-used-recently', reason: 'moto\'s credential report has no <root_account> row' },
  { check: 'rds-instance-performance-insights-enabled', reason: 'moto never reports PerformanceInsightsEnabled' },
  { check: 'opensearch-domain-software-up-to-date', reason: 'moto never reports ServiceSoftwareOptions' },
  { check: 'cloudformation-stack-drift-checked-in-sync', reason: 'moto never reports DriftInformation and has no DetectStackDrift' },
];

/** The name a left-out entry goes by: its service or its check id. */
export function leftOutName(entry: DemoLeftOut): string {
  return 'service' in entry ? entry.service : entry.check;
}

/** The check ids an entry leaves out. */
export function leftOutChecks(entry: DemoLeftOut): string[] {
  if ('check' in entry) return [entry.check];
  return AUDITORS.filter((a) => a.service === entry.service).flatMap((a) => a.checks.map((c) => c.meta.id));
}

function leftOutYaml(): string {
  return DEMO_LEFT_OUT.map((entry) => [`  # left out of the demo: ${entry.reason}`, ...leftOutChecks(entry).map((id) => `  ${id}: { enabled: false }`)].join('\n')).join('\n');
}

export const DEMO_CONFIG_YAML = `# rampart demo config (written by \`rampart demo\`)
regions: [us-east-1]
homeRegion: us-east-1
checks:
  # The emulator stamps access keys with the current time and cannot back-date them:
  # a zero-day limit shows the key findings on the demo's active key.
  iam-access-key-rotated:
    parameters:
      maxAgeDays: 0
  iam-access-key-used-recently:
    parameters:
      maxUnusedDays: 0
  s3-bucket-default-encryption-kms:
    parameters:
      requireKms: true        # SSE-S3 is not enough for this account
  ec2-security-group-no-public-restricted-ports:
    parameters:
      restrictedPorts: [21, 22, 23, 3389, 1433, 1521, 3306, 5432, 27017, 6379, 9200]
${leftOutYaml()}
# Fixes: allowed in the demo account, each backed up first (the demo creates the bucket).
remediation:
  backupBucket: rampart-backups-123456789012
  accounts: ["123456789012"]
# Tickets and messages go to the local Jira and Slack stand-ins the demo starts.
reporting:
  minSeverity: HIGH
  jira: { project: SEC, issueType: Bug, priorities: { CRITICAL: Highest, HIGH: High }, dueDays: { CRITICAL: 7, HIGH: 30 } }
  slack: { channel: "#security", summaryChannel: "#general", pacingMs: 0 }   # the local stand-in needs no pacing
`;
