/** Runs the rampart CLI in-process against the emulator and reads back what it published. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { main } from '../../src/cli/main.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { collectPages } from '../../src/aws/paginate.js';
import { RequestCounter } from '../../src/aws/request-counter.js';
import { MARKER_SK, scopePk, type FindingRecord, type ScopeMarker } from '../../src/state/record.js';
import { decodeRecord } from '../../src/state/store.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  counter: RequestCounter;
}

export function tempDir(prefix = 'rampart-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const counter = new RequestCounter();
  const code = await main(args, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTty: false,
    counter,
  });
  return { code, stdout, stderr, counter };
}

/** The standard flags of a scan against the emulator. */
export function scanArgs(endpoint: string, outDir: string, ...extra: string[]): string[] {
  return ['scan', '--endpoint-url', endpoint, '--regions', 'us-east-1', '--create-table', '--output', 'json', '--out-dir', outDir, '--no-progress', ...extra];
}

export async function hubFindings(clients: AwsClients): Promise<AwsSecurityFinding[]> {
  return collectPages(
    (NextToken) => clients.get(SecurityHubClient).send(new GetFindingsCommand({ NextToken, MaxResults: 100 })),
    (page) => page.NextToken,
    (page) => page.Findings,
  );
}

export async function tableRecords(clients: AwsClients, table = 'rampart-findings'): Promise<FindingRecord[]> {
  const doc = DynamoDBDocumentClient.from(clients.get(DynamoDBClient));
  const items = await collectPages(
    (token) => doc.send(new ScanCommand({ TableName: table, ...(token ? { ExclusiveStartKey: JSON.parse(token) as Record<string, unknown> } : {}) })),
    (page) => (page.LastEvaluatedKey ? JSON.stringify(page.LastEvaluatedKey) : undefined),
    (page) => page.Items ?? [],
  );
  return items.filter((item) => item.sk === 'FINDING').map((item) => decodeRecord(item as FindingRecord));
}

/** The marker a scan leaves for an account and region. */
export async function scopeMarker(clients: AwsClients, accountId: string, region: string, table = 'rampart-findings'): Promise<ScopeMarker | undefined> {
  const doc = DynamoDBDocumentClient.from(clients.get(DynamoDBClient));
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { pk: scopePk(accountId, region), sk: MARKER_SK } }));
  return Item as ScopeMarker | undefined;
}

export function byGenerator(findings: readonly AwsSecurityFinding[], checkId: string, resourceFragment: string): AwsSecurityFinding | undefined {
  return findings.find((f) => f.GeneratorId === checkId && (f.Resources?.[0]?.Id ?? '').includes(resourceFragment));
}
