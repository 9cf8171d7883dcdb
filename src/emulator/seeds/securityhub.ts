/**
 * Demo seed for the Security Hub check: findings another tool imported into
 * the demo account's Security Hub, an unresolved HIGH one from 60 days ago
 * (stale), a CRITICAL one from yesterday and a LOW one from 90 days ago (not
 * judged). The check is account-level (one finding per region), so the demo
 * region has no compliant decoy beside it.
 */
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding, type SeverityLabel } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

const DAY_MS = 86_400_000;

function finding(clients: AwsClients, id: string, label: SeverityLabel, daysAgo: number, title: string): AwsSecurityFinding {
  const { accountId, region } = clients;
  const created = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: `demo-scanner/${id}`,
    ProductArn: `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`,
    ProductName: 'demo-scanner',
    CompanyName: 'Demo',
    GeneratorId: `demo-scanner-${id}`,
    AwsAccountId: accountId,
    Region: region,
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    CreatedAt: created,
    UpdatedAt: created,
    Severity: { Label: label },
    Title: title,
    Description: `${title} (seeded by the rampart demo as another tool's finding)`,
    ProductFields: { 'demo-scanner/source': 'image scan' },
    Resources: [{ Type: 'Other', Id: `arn:aws:ecr:${region}:${accountId}:repository/demo-app`, Partition: 'aws', Region: region }],
    RecordState: 'ACTIVE',
  };
}

export async function seedSecurityHub(clients: AwsClients): Promise<SeedResult> {
  const findings = [
    finding(clients, 'stale-high', 'HIGH', 60, 'demo-app image has a remotely exploitable CVE'),
    finding(clients, 'fresh-critical', 'CRITICAL', 1, 'demo-app image has a critical CVE found yesterday'),
    finding(clients, 'stale-low', 'LOW', 90, 'demo-app image has a low-severity CVE'),
  ];
  const result = await clients.get(SecurityHubClient).send(new BatchImportFindingsCommand({ Findings: findings }));
  if ((result.FailedCount ?? 0) > 0) throw new Error(`the emulator refused the demo Security Hub findings: ${JSON.stringify(result.FailedFindings)}`);
  return { insecure: [findings[0]?.Id as string], compliant: [] };
}
