/**
 * The demo's last act: an operator selects one open security group finding in
 * the (emulated) Security Hub console and picks rampart's custom action. The
 * event is built from the real finding; rampart re-checks, backs up, fixes
 * precisely, writes back, and then rolls the fix back: the group is printed
 * before, after and restored.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../aws/clients.js';
import { collectPages } from '../aws/paginate.js';
import type { JsonValue } from '../core/check.js';
import type { RampartConfig } from '../config/schema.js';
import { Registry } from '../core/registry.js';
import { openRemediation } from '../pipeline/remediate.js';
import { syncActionTarget } from '../remediate/action-targets.js';
import { buildCustomActionEvent } from '../remediate/event.js';
import { createLogger } from '../util/logger.js';
import { AUDITORS } from '../../auditors/index.js';
import type { FakeJira } from '../emulator/fake-jira.js';
import type { FakeSlack } from '../emulator/fake-slack.js';

export const DEMO_BACKUP_BUCKET = 'rampart-backups-123456789012';
const CHECK = 'ec2-security-group-no-public-restricted-ports';
/** The seeded group with a world-open SSH range beside ranges that must stay. */
const DEMO_GROUP = 'demo-ssh-world';

type Permission = { IpProtocol?: string; FromPort?: number; ToPort?: number; IpRanges?: Array<{ CidrIp?: string; Description?: string }>; Ipv6Ranges?: Array<{ CidrIpv6?: string; Description?: string }> };

/** "tcp/22 from 0.0.0.0/0 (anyone), 10.0.0.0/8" per rule. */
function rules(snapshot: JsonValue | undefined): string[] {
  const permissions = ((snapshot as { IpPermissions?: Permission[] } | undefined)?.IpPermissions ?? []);
  if (permissions.length === 0) return ['(no ingress rules)'];
  return permissions.map((p) => {
    const ports = p.FromPort === undefined || p.FromPort === p.ToPort ? `${p.FromPort ?? 'all'}` : `${p.FromPort}-${p.ToPort}`;
    const ranges = [...(p.IpRanges ?? []).map((r) => `${r.CidrIp}${r.Description ? ` (${r.Description})` : ''}`), ...(p.Ipv6Ranges ?? []).map((r) => `${r.CidrIpv6}${r.Description ? ` (${r.Description})` : ''}`)];
    return `${p.IpProtocol === '-1' ? 'all' : p.IpProtocol}/${ports} from ${ranges.join(', ') || '(groups or prefix lists)'}`;
  });
}

/** The bucket the demo's fixes back up to. Made before the scan, so that a later scan (the --keep hint) sees the account the demo scanned. */
export async function createBackupBucket(clients: AwsClients): Promise<void> {
  await clients.get(S3Client).send(new CreateBucketCommand({ Bucket: DEMO_BACKUP_BUCKET }));
}

export async function demoRemediation(config: RampartConfig, endpoint: string, clients: AwsClients, env: NodeJS.ProcessEnv, out: (text: string) => void, standIns: { jira: FakeJira; slack: FakeSlack }): Promise<boolean> {
  out('\nremediation: an operator selects a finding in Security Hub and picks "Remediate (rampart)"\n');
  const target = await syncActionTarget(clients);
  out(`  rampart actions sync: custom action ${target.change}: ${target.arn}\n`);
  const findings = await collectPages(
    (NextToken) => clients.get(SecurityHubClient).send(new GetFindingsCommand({ NextToken, MaxResults: 100 })),
    (page) => page.NextToken,
    (page) => page.Findings,
  );
  const open = findings.filter((f: AwsSecurityFinding) => f.GeneratorId === CHECK && f.Compliance?.Status === 'FAILED' && f.RecordState === 'ACTIVE');
  const finding = open.find((f) => f.Resources?.[0]?.Details?.AwsEc2SecurityGroup?.GroupName === DEMO_GROUP) ?? open[0];
  if (!finding) {
    out(`  no open ${CHECK} finding to fix\n`);
    return false;
  }
  const event = buildCustomActionEvent([finding as unknown as Record<string, unknown>], { account: '123456789012', region: 'us-east-1' });
  const logger = createLogger({ format: 'text', level: 'warn', write: (line: string) => out(`  ${line}\n`) });
  const session = await openRemediation({ config, homeRegion: 'us-east-1', table: config.table ?? 'rampart-findings', endpointUrl: endpoint, env }, { registry: new Registry(AUDITORS), logger });
  try {
    const [report] = await session.handleEvent(event);
    if (!report) return false;
    out(`  ${report.outcome}: ${report.resource ?? finding.Resources?.[0]?.Id}\n    ${report.reason}\n`);
    out(`  before:   ${rules(report.before).join('\n            ')}\n`);
    out(`  after:    ${rules(report.after).join('\n            ')}\n`);
    if (report.outcome !== 'REMEDIATED') return false;
    out(`  backup:   s3://${DEMO_BACKUP_BUCKET}/${report.backupKey ?? ''}\n`);
    const fixed = (await clients.get(SecurityHubClient).send(new GetFindingsCommand({ Filters: { Id: [{ Value: finding.Id, Comparison: 'EQUALS' }] } }))).Findings?.find((f) => f.Id === finding.Id);
    const commented = [...standIns.jira.issues.values()].filter((issue) => JSON.stringify(issue.comments).includes(report.remediationId));
    const replies = Object.values(standIns.slack.messages).flat().filter((m) => JSON.stringify(m.replies ?? []).includes(report.remediationId));
    out(`  told:     ${commented.map((i) => `Jira ${i.key} (comment)`).concat(replies.map(() => 'Slack thread (reply)')).join(', ') || 'no ticket or message was made for it'}\n`);
    out(`  Security Hub: Compliance ${fixed?.Compliance?.Status ?? '?'}, Workflow ${fixed?.Workflow?.Status ?? '?'}${fixed?.Note?.Text ? `, note "${fixed.Note.Text.slice(0, 80)}…"` : ''}\n`);
    const rolled = await session.rollback(report.remediationId, 'the demo (rampart rollback)');
    out(`  rampart rollback ${report.remediationId}: ${rolled.outcome}\n`);
    out(`  restored: ${rules(rolled.after).join('\n            ')}\n`);
    return rolled.outcome === 'ROLLED_BACK';
  } finally {
    session.close();
  }
}
