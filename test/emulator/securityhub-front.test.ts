/** The Security Hub front before moto, driven with the real SDK clients so the wire shapes are the SDK's. */
import { afterAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  BatchImportFindingsCommand, BatchUpdateFindingsCommand, CreateActionTargetCommand, CreateInsightCommand, DeleteActionTargetCommand,
  DeleteInsightCommand, DescribeActionTargetsCommand, DescribeHubCommand, EnableSecurityHubCommand, GetFindingsCommand, GetInsightResultsCommand,
  GetInsightsCommand, SecurityHubClient, UpdateActionTargetCommand, UpdateInsightCommand,
  type AwsSecurityFinding, type AwsSecurityFindingFilters, type GetFindingsCommandInput,
} from '@aws-sdk/client-securityhub';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { DEFAULT_ACCOUNT, REGION, useEmulator } from '../helpers/emulator.js';

const CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'testing', secretAccessKey: 'testing', sessionToken: 'testing' };
const OTHER_ACCOUNT = '210987654321';
const productArn = (account = DEFAULT_ACCOUNT, region = REGION): string => `arn:aws:securityhub:${region}:${account}:product/${account}/default`;

interface FindingSpec {
  title?: string;
  account?: string;
  generator?: string;
  severity?: string;
  compliance?: string;
  recordState?: string;
  resourceId?: string;
  resourceType?: string;
  updatedAt?: string;
  productFields?: Record<string, string>;
}

type ServiceError = Error & { $metadata?: { httpStatusCode?: number } };

/** The error a call ended with (undefined when it succeeded), so the act step can run it and the assert step look at it. */
async function failure(call: Promise<unknown>): Promise<ServiceError | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return error as ServiceError;
  }
}

const named = (error: ServiceError | undefined): [string | undefined, number | undefined] => [error?.name, error?.$metadata?.httpStatusCode];

function finding(id: string, spec: FindingSpec = {}): AwsSecurityFinding {
  const account = spec.account ?? DEFAULT_ACCOUNT;
  const at = spec.updatedAt ?? '2024-05-01T00:00:00.000Z';
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: productArn(account),
    GeneratorId: spec.generator ?? 'rampart/s3.public-read',
    AwsAccountId: account,
    Region: REGION,
    Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: '2024-05-01T00:00:00.000Z',
    UpdatedAt: at,
    Severity: { Label: spec.severity ?? 'HIGH' },
    Title: spec.title ?? `finding ${id}`,
    Description: 'a test finding',
    Resources: [{ Type: spec.resourceType ?? 'AwsS3Bucket', Id: spec.resourceId ?? `arn:aws:s3:::bucket-${id}`, Region: REGION }],
    Compliance: { Status: spec.compliance ?? 'FAILED' },
    RecordState: spec.recordState ?? 'ACTIVE',
    ProductFields: spec.productFields ?? { 'rampart/check': 's3.public-read' },
  } as AwsSecurityFinding;
}

describe('Security Hub front', () => {
  const emulator = useEmulator();
  const made: Array<{ destroy(): void }> = [];
  afterAll(() => {
    for (const client of made) client.destroy();
  });

  function hub(options: { region?: string; credentials?: AwsCredentialIdentity; maxAttempts?: number } = {}): SecurityHubClient {
    const client = new SecurityHubClient({ endpoint: emulator.endpoint, region: options.region ?? REGION, credentials: options.credentials ?? CREDENTIALS, maxAttempts: options.maxAttempts ?? 3 });
    made.push(client);
    return client;
  }

  async function importFindings(findings: AwsSecurityFinding[], client = hub()): Promise<void> {
    for (let i = 0; i < findings.length; i += 100) {
      const answer = await client.send(new BatchImportFindingsCommand({ Findings: findings.slice(i, i + 100) }));
      assert.equal(answer.FailedCount, 0);
    }
  }

  async function allFindings(input: GetFindingsCommandInput = {}, client = hub()): Promise<AwsSecurityFinding[]> {
    const found: AwsSecurityFinding[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new GetFindingsCommand({ ...input, NextToken: token }));
      found.push(...(page.Findings ?? []));
      token = page.NextToken;
    } while (token);
    return found;
  }

  async function idsMatching(Filters: AwsSecurityFindingFilters): Promise<string[]> {
    return (await allFindings({ Filters })).map((f) => f.Id as string).sort();
  }

  async function assumeOtherAccount(): Promise<AwsCredentialIdentity> {
    const sts = new STSClient({ endpoint: emulator.endpoint, region: REGION, credentials: CREDENTIALS });
    made.push(sts);
    const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/auditor`, RoleSessionName: 'front-test' }));
    return { accessKeyId: Credentials?.AccessKeyId as string, secretAccessKey: Credentials?.SecretAccessKey as string, sessionToken: Credentials?.SessionToken as string };
  }

  describe('BatchUpdateFindings and GetFindings', () => {
    it('shows the Workflow and Note set by BatchUpdateFindings, NEW for the others, and keeps them through a re-import', async () => {
      await importFindings([finding('f-1'), finding('f-2')]);

      const update = await hub().send(new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: 'f-1', ProductArn: productArn() }],
        Workflow: { Status: 'RESOLVED' },
        Note: { Text: 'fixed by rampart', UpdatedBy: 'rampart' },
        UserDefinedFields: { ticket: 'SEC-1' },
      }));
      const before = await allFindings();
      await importFindings([finding('f-1', { title: 'renamed' }), finding('f-2')]);
      const afterImport = await allFindings();

      assert.deepEqual(update.ProcessedFindings, [{ Id: 'f-1', ProductArn: productArn() }]);
      assert.deepEqual(update.UnprocessedFindings, []);
      for (const seen of [before, afterImport]) {
        const [one, two] = [seen.find((f) => f.Id === 'f-1'), seen.find((f) => f.Id === 'f-2')];
        assert.deepEqual(one?.Workflow, { Status: 'RESOLVED' });
        assert.equal(one?.WorkflowState, 'RESOLVED');
        assert.equal(one?.Note?.Text, 'fixed by rampart');
        assert.equal(one?.Note?.UpdatedBy, 'rampart');
        assert.ok(!Number.isNaN(Date.parse(one?.Note?.UpdatedAt ?? '')));
        assert.deepEqual(one?.UserDefinedFields, { ticket: 'SEC-1' });
        assert.equal(one?.UpdatedAt, '2024-05-01T00:00:00.000Z');
        assert.deepEqual(two?.Workflow, { Status: 'NEW' });
        assert.equal(two?.Note, undefined);
      }
      assert.equal(afterImport.find((f) => f.Id === 'f-1')?.Title, 'renamed');
    });

    it('reopens a RESOLVED finding when an import turns it from PASSED to FAILED, but not a SUPPRESSED one', async () => {
      await importFindings([finding('f-1', { compliance: 'PASSED' }), finding('f-2', { compliance: 'PASSED' })]);
      await hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'f-1', ProductArn: productArn() }], Workflow: { Status: 'RESOLVED' } }));
      await hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'f-2', ProductArn: productArn() }], Workflow: { Status: 'SUPPRESSED' } }));

      await importFindings([finding('f-1', { compliance: 'PASSED' })]);
      const stillPassed = await allFindings();
      await importFindings([finding('f-1', { compliance: 'FAILED' }), finding('f-2', { compliance: 'FAILED' })]);
      const failedAgain = await allFindings();

      assert.equal(stillPassed.find((f) => f.Id === 'f-1')?.Workflow?.Status, 'RESOLVED');
      assert.equal(failedAgain.find((f) => f.Id === 'f-1')?.Workflow?.Status, 'NEW');
      assert.equal(failedAgain.find((f) => f.Id === 'f-2')?.Workflow?.Status, 'SUPPRESSED');
    });

    it('answers a finding moto does not hold, or one named twice, as UnprocessedFindings', async () => {
      await importFindings([finding('f-1'), finding('f-2')]);

      const answer = await hub().send(new BatchUpdateFindingsCommand({
        FindingIdentifiers: [
          { Id: 'f-1', ProductArn: productArn() },
          { Id: 'missing', ProductArn: productArn() },
          { Id: 'f-2', ProductArn: productArn(OTHER_ACCOUNT) },
          { Id: 'f-2', ProductArn: productArn() },
          { Id: 'f-2', ProductArn: productArn() },
        ],
        Workflow: { Status: 'NOTIFIED' },
      }));
      const shown = await allFindings();

      assert.deepEqual(answer.ProcessedFindings, [{ Id: 'f-1', ProductArn: productArn() }]);
      assert.deepEqual(answer.UnprocessedFindings?.map((u) => [u.FindingIdentifier?.Id, u.ErrorCode, u.ErrorMessage]), [
        ['missing', 'FindingNotFound', 'Finding Not Found'],
        ['f-2', 'FindingNotFound', 'Finding Not Found'],
        ['f-2', 'DuplicatedFindingIdentifier', 'Finding Identifier is duplicated'],
        ['f-2', 'DuplicatedFindingIdentifier', 'Finding Identifier is duplicated'],
      ]);
      assert.equal(shown.find((f) => f.Id === 'f-2')?.Workflow?.Status, 'NEW');
    });

    it('rejects more than 100 identifiers, a Note without UpdatedBy and an unknown workflow status with InvalidInputException', async () => {
      await importFindings([finding('f-1')]);
      const identifiers = Array.from({ length: 101 }, (_, i) => ({ Id: `f-${i}`, ProductArn: productArn() }));
      const one = [{ Id: 'f-1', ProductArn: productArn() }];

      const tooMany = await failure(hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: identifiers, Workflow: { Status: 'RESOLVED' } })));
      const noAuthor = await failure(hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: one, Note: { Text: 'x', UpdatedBy: '' } })));
      const badStatus = await failure(hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: one, Workflow: { Status: 'CLOSED' as 'NEW' } })));

      for (const error of [tooMany, noAuthor, badStatus]) assert.deepEqual(named(error), ['InvalidInputException', 400]);
      assert.equal((await allFindings())[0]?.Workflow?.Status, 'NEW');
    });

    it('applies Severity, VerificationState, Confidence, Criticality, Types and RelatedFindings', async () => {
      await importFindings([finding('f-1', { severity: 'LOW' }), finding('f-2')]);

      await hub().send(new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: 'f-1', ProductArn: productArn() }],
        Severity: { Label: 'CRITICAL' },
        VerificationState: 'TRUE_POSITIVE',
        Confidence: 80,
        Criticality: 90,
        Types: ['Effects/Data Exposure'],
        RelatedFindings: [{ Id: 'f-2', ProductArn: productArn() }],
      }));
      const shown = (await allFindings()).find((f) => f.Id === 'f-1');

      assert.deepEqual(shown?.Severity, { Label: 'CRITICAL', Normalized: 90 });
      assert.equal(shown?.VerificationState, 'TRUE_POSITIVE');
      assert.equal(shown?.Confidence, 80);
      assert.equal(shown?.Criticality, 90);
      assert.deepEqual(shown?.Types, ['Effects/Data Exposure']);
      assert.deepEqual(shown?.RelatedFindings, [{ Id: 'f-2', ProductArn: productArn() }]);
    });
  });

  describe('GetFindings filters, sorting and pages', () => {
    async function seed(): Promise<void> {
      await importFindings([
        finding('a-1', { generator: 'rampart/s3.public-read', severity: 'HIGH', resourceId: 'arn:aws:s3:::logs', updatedAt: '2024-05-01T00:00:00.000Z' }),
        finding('a-2', { generator: 'rampart/s3.no-encryption', severity: 'MEDIUM', compliance: 'PASSED', updatedAt: '2024-05-03T00:00:00.000Z' }),
        finding('b-1', { generator: 'rampart/ec2.open-ssh', severity: 'CRITICAL', resourceType: 'AwsEc2SecurityGroup', resourceId: 'sg-1', productFields: { 'rampart/check': 'ec2.open-ssh' }, updatedAt: '2024-05-05T00:00:00.000Z' }),
        finding('b-2', { generator: 'rampart/ec2.open-rdp', severity: 'LOW', resourceType: 'AwsEc2SecurityGroup', resourceId: 'sg-2', recordState: 'ARCHIVED', productFields: { 'rampart/check': 'ec2.open-rdp' }, updatedAt: '2024-05-07T00:00:00.000Z' }),
      ]);
      await hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'b-1', ProductArn: productArn() }], Workflow: { Status: 'SUPPRESSED' } }));
    }

    it('ORs positive comparisons of a field, ANDs negative ones, and ANDs fields', async () => {
      await seed();

      const equals = await idsMatching({ Id: [{ Value: 'a-1', Comparison: 'EQUALS' }, { Value: 'b-2', Comparison: 'EQUALS' }] });
      const prefix = await idsMatching({ GeneratorId: [{ Value: 'rampart/s3.', Comparison: 'PREFIX' }, { Value: 'rampart/ec2.open-r', Comparison: 'PREFIX' }] });
      const notEquals = await idsMatching({ Id: [{ Value: 'a-1', Comparison: 'NOT_EQUALS' }, { Value: 'b-2', Comparison: 'NOT_EQUALS' }] });
      const prefixNot = await idsMatching({ GeneratorId: [{ Value: 'rampart/s3.', Comparison: 'PREFIX_NOT_EQUALS' }] });
      const prefixThenNot = await idsMatching({ GeneratorId: [{ Value: 'rampart/', Comparison: 'PREFIX' }, { Value: 'rampart/s3.public-read', Comparison: 'NOT_EQUALS' }] });
      const fields = await idsMatching({ ResourceType: [{ Value: 'AwsEc2SecurityGroup', Comparison: 'EQUALS' }], RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] });

      assert.deepEqual(equals, ['a-1', 'b-2']);
      assert.deepEqual(prefix, ['a-1', 'a-2', 'b-2']);
      assert.deepEqual(notEquals, ['a-2', 'b-1']);
      assert.deepEqual(prefixNot, ['b-1', 'b-2']);
      assert.deepEqual(prefixThenNot, ['a-2', 'b-1', 'b-2']);
      assert.deepEqual(fields, ['b-1']);
    });

    it('filters on workflow, compliance, severity, resource id, product fields, account, region and dates', async () => {
      await seed();

      const suppressed = await idsMatching({ WorkflowStatus: [{ Value: 'SUPPRESSED', Comparison: 'EQUALS' }] });
      const notNew = await idsMatching({ WorkflowStatus: [{ Value: 'NEW', Comparison: 'NOT_EQUALS' }] });
      const passed = await idsMatching({ ComplianceStatus: [{ Value: 'PASSED', Comparison: 'EQUALS' }] });
      const severe = await idsMatching({ SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }, { Value: 'HIGH', Comparison: 'EQUALS' }] });
      const resource = await idsMatching({ ResourceId: [{ Value: 'sg-', Comparison: 'PREFIX' }] });
      const field = await idsMatching({ ProductFields: [{ Key: 'rampart/check', Value: 'ec2.open-ssh', Comparison: 'EQUALS' }] });
      const notField = await idsMatching({ ProductFields: [{ Key: 'rampart/check', Value: 'ec2.', Comparison: 'NOT_CONTAINS' }] });
      const account = await idsMatching({ AwsAccountId: [{ Value: DEFAULT_ACCOUNT, Comparison: 'EQUALS' }], Region: [{ Value: 'eu-west-1', Comparison: 'EQUALS' }] });
      const title = await idsMatching({ Title: [{ Value: 'finding a-', Comparison: 'PREFIX' }] });
      const dated = await idsMatching({ UpdatedAt: [{ Start: '2024-05-02T00:00:00Z', End: '2024-05-06T00:00:00Z' }] });
      const recent = await idsMatching({ CreatedAt: [{ DateRange: { Value: 7, Unit: 'DAYS' } }] });

      assert.deepEqual(suppressed, ['b-1']);
      assert.deepEqual(notNew, ['b-1']);
      assert.deepEqual(passed, ['a-2']);
      assert.deepEqual(severe, ['a-1', 'b-1']);
      assert.deepEqual(resource, ['b-1', 'b-2']);
      assert.deepEqual(field, ['b-1']);
      assert.deepEqual(notField, ['a-1', 'a-2']);
      assert.deepEqual(account, []);
      assert.deepEqual(title, ['a-1', 'a-2']);
      assert.deepEqual(dated, ['a-2', 'b-1']);
      assert.deepEqual(recent, []);
    });

    it('rejects EQUALS with NOT_EQUALS on one field, and a filter the front does not implement', async () => {
      await seed();

      const mixed = await failure(hub().send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'a-1', Comparison: 'EQUALS' }, { Value: 'a-2', Comparison: 'NOT_EQUALS' }] } })));
      const unsupported = await failure(hub().send(new GetFindingsCommand({ Filters: { NetworkSourceIpV4: [{ Cidr: '10.0.0.0/8' }] } })));

      assert.deepEqual(named(mixed), ['InvalidInputException', 400]);
      assert.deepEqual(named(unsupported), ['InvalidInputException', 400]);
      assert.match(unsupported?.message ?? '', /local Security Hub front/);
    });

    it('sorts by SortCriteria and pages by MaxResults and NextToken', async () => {
      await seed();

      const first = await hub().send(new GetFindingsCommand({ SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'desc' }], MaxResults: 3 }));
      const second = await hub().send(new GetFindingsCommand({ SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'desc' }], MaxResults: 3, NextToken: first.NextToken }));
      const badToken = await failure(hub().send(new GetFindingsCommand({ NextToken: 'not-a-token' })));
      const badMax = await failure(hub().send(new GetFindingsCommand({ MaxResults: 101 })));

      assert.deepEqual(first.Findings?.map((f) => f.Id), ['b-2', 'b-1', 'a-2']);
      assert.ok(first.NextToken);
      assert.deepEqual(second.Findings?.map((f) => f.Id), ['a-1']);
      assert.equal(second.NextToken, undefined);
      assert.equal(badToken?.name, 'InvalidInputException');
      assert.equal(badMax?.name, 'InvalidInputException');
    });

    it('reads past moto\'s own pages of 100', async () => {
      await importFindings(Array.from({ length: 130 }, (_, i) => finding(`bulk-${String(i).padStart(3, '0')}`, { severity: i % 2 === 0 ? 'HIGH' : 'LOW' })));

      const firstPage = await hub().send(new GetFindingsCommand({}));
      const all = await allFindings();
      const high = await allFindings({ Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] }, MaxResults: 40 });

      assert.equal(firstPage.Findings?.length, 100);
      assert.ok(firstPage.NextToken);
      assert.equal(all.length, 130);
      assert.equal(new Set(all.map((f) => f.Id)).size, 130);
      assert.equal(high.length, 65);
    });
  });

  describe('action targets', () => {
    it('creates, describes, updates and deletes custom actions', async () => {
      const client = hub();

      const created = await client.send(new CreateActionTargetCommand({ Name: 'Remediate', Description: 'Run the rampart fix', Id: 'rampartFix' }));
      await client.send(new CreateActionTargetCommand({ Name: 'Ticket', Description: 'Open a ticket', Id: 'ticket' }));
      await client.send(new UpdateActionTargetCommand({ ActionTargetArn: created.ActionTargetArn, Name: 'Remediate now' }));
      const all = await client.send(new DescribeActionTargetsCommand({}));
      const one = await client.send(new DescribeActionTargetsCommand({ ActionTargetArns: [created.ActionTargetArn as string] }));
      const firstPage = await client.send(new DescribeActionTargetsCommand({ MaxResults: 1 }));
      const secondPage = await client.send(new DescribeActionTargetsCommand({ MaxResults: 1, NextToken: firstPage.NextToken }));
      const deleted = await client.send(new DeleteActionTargetCommand({ ActionTargetArn: created.ActionTargetArn }));
      const left = await client.send(new DescribeActionTargetsCommand({}));

      assert.equal(created.ActionTargetArn, `arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:action/custom/rampartFix`);
      assert.deepEqual(all.ActionTargets?.map((t) => t.Name), ['Remediate now', 'Ticket']);
      assert.deepEqual(one.ActionTargets, [{ ActionTargetArn: created.ActionTargetArn, Name: 'Remediate now', Description: 'Run the rampart fix' }]);
      assert.deepEqual([firstPage.ActionTargets?.length, secondPage.ActionTargets?.length, secondPage.NextToken], [1, 1, undefined]);
      assert.equal(deleted.ActionTargetArn, created.ActionTargetArn);
      assert.deepEqual(left.ActionTargets?.map((t) => t.Name), ['Ticket']);
    });

    it('answers a duplicate Id with ResourceConflictException, an absent target with ResourceNotFoundException, a bad Id or name with InvalidInputException', async () => {
      const client = hub();
      const { ActionTargetArn } = await client.send(new CreateActionTargetCommand({ Name: 'Remediate', Description: 'Fix it', Id: 'fix' }));
      await client.send(new DeleteActionTargetCommand({ ActionTargetArn }));
      await client.send(new CreateActionTargetCommand({ Name: 'Remediate', Description: 'Fix it', Id: 'fix' }));

      const duplicate = await failure(client.send(new CreateActionTargetCommand({ Name: 'Again', Description: 'Fix it', Id: 'fix' })));
      const absent = `arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:action/custom/nope`;
      const deleteAbsent = await failure(client.send(new DeleteActionTargetCommand({ ActionTargetArn: absent })));
      const updateAbsent = await failure(client.send(new UpdateActionTargetCommand({ ActionTargetArn: absent, Name: 'x' })));
      const describeAbsent = await failure(client.send(new DescribeActionTargetsCommand({ ActionTargetArns: [absent] })));
      const badId = await failure(client.send(new CreateActionTargetCommand({ Name: 'Bad', Description: 'x', Id: 'has-dash' })));
      const longName = await failure(client.send(new CreateActionTargetCommand({ Name: 'a name over twenty chars', Description: 'x', Id: 'long' })));

      assert.deepEqual(named(duplicate), ['ResourceConflictException', 409]);
      for (const error of [deleteAbsent, updateAbsent, describeAbsent]) assert.deepEqual(named(error), ['ResourceNotFoundException', 404]);
      for (const error of [badId, longName]) assert.deepEqual(named(error), ['InvalidInputException', 400]);
    });
  });

  describe('insights', () => {
    it('creates, gets, updates and deletes custom insights, and groups the filtered findings', async () => {
      await importFindings([
        finding('i-1', { severity: 'HIGH', resourceType: 'AwsS3Bucket' }),
        finding('i-2', { severity: 'HIGH', resourceType: 'AwsEc2SecurityGroup', resourceId: 'sg-1' }),
        finding('i-3', { severity: 'LOW', resourceType: 'AwsEc2SecurityGroup', resourceId: 'sg-2' }),
        finding('i-4', { severity: 'HIGH', resourceType: 'AwsEc2SecurityGroup', resourceId: 'sg-3', recordState: 'ARCHIVED' }),
      ]);
      const client = hub();

      const { InsightArn } = await client.send(new CreateInsightCommand({ Name: 'Active by type', Filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] }, GroupByAttribute: 'ResourceType' }));
      const byType = await client.send(new GetInsightResultsCommand({ InsightArn }));
      await client.send(new UpdateInsightCommand({ InsightArn, Name: 'Active by severity', GroupByAttribute: 'SeverityLabel' }));
      const bySeverity = await client.send(new GetInsightResultsCommand({ InsightArn }));
      const got = await client.send(new GetInsightsCommand({ InsightArns: [InsightArn as string] }));
      const listed = await client.send(new GetInsightsCommand({}));
      const deleted = await client.send(new DeleteInsightCommand({ InsightArn }));
      const left = await client.send(new GetInsightsCommand({}));
      const resultsOfDeleted = await failure(client.send(new GetInsightResultsCommand({ InsightArn })));
      const deletedAgain = await failure(client.send(new DeleteInsightCommand({ InsightArn })));
      const updateDeleted = await failure(client.send(new UpdateInsightCommand({ InsightArn, Name: 'gone' })));

      assert.match(InsightArn ?? '', new RegExp(`^arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:insight/${DEFAULT_ACCOUNT}/custom/[0-9a-f-]{36}$`));
      assert.deepEqual(byType.InsightResults?.ResultValues, [{ GroupByAttributeValue: 'AwsEc2SecurityGroup', Count: 2 }, { GroupByAttributeValue: 'AwsS3Bucket', Count: 1 }]);
      assert.equal(bySeverity.InsightResults?.GroupByAttribute, 'SeverityLabel');
      assert.deepEqual(bySeverity.InsightResults?.ResultValues, [{ GroupByAttributeValue: 'HIGH', Count: 2 }, { GroupByAttributeValue: 'LOW', Count: 1 }]);
      assert.deepEqual(got.Insights, [{ InsightArn, Name: 'Active by severity', Filters: { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }] }, GroupByAttribute: 'SeverityLabel' }]);
      assert.equal(listed.Insights?.length, 1);
      assert.equal(deleted.InsightArn, InsightArn);
      assert.deepEqual(left.Insights, []);
      for (const error of [resultsOfDeleted, deletedAgain, updateDeleted]) assert.deepEqual(named(error), ['ResourceNotFoundException', 404]);
    });

    it('counts a finding in each group of a workflow status that BatchUpdateFindings set', async () => {
      await importFindings([finding('w-1'), finding('w-2'), finding('w-3')]);
      await hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'w-1', ProductArn: productArn() }, { Id: 'w-2', ProductArn: productArn() }], Workflow: { Status: 'NOTIFIED' } }));
      const { InsightArn } = await hub().send(new CreateInsightCommand({ Name: 'By workflow', Filters: {}, GroupByAttribute: 'WorkflowStatus' }));

      const results = await hub().send(new GetInsightResultsCommand({ InsightArn }));

      assert.deepEqual(results.InsightResults?.ResultValues, [{ GroupByAttributeValue: 'NOTIFIED', Count: 2 }, { GroupByAttributeValue: 'NEW', Count: 1 }]);
    });

    it('allows 100 custom insights per account and region, then answers LimitExceededException', async () => {
      const client = hub({ maxAttempts: 1 });
      for (let i = 0; i < 100; i += 1) {
        await client.send(new CreateInsightCommand({ Name: `insight ${i}`, Filters: {}, GroupByAttribute: 'ResourceId' }));
      }

      const overLimit = await failure(client.send(new CreateInsightCommand({ Name: 'one too many', Filters: {}, GroupByAttribute: 'ResourceId' })));
      const elsewhere = await hub({ region: 'eu-west-1' }).send(new CreateInsightCommand({ Name: 'other region', Filters: {}, GroupByAttribute: 'ResourceId' }));
      const page = await client.send(new GetInsightsCommand({ MaxResults: 100 }));

      assert.deepEqual(named(overLimit), ['LimitExceededException', 429]);
      assert.ok(elsewhere.InsightArn?.startsWith(`arn:aws:securityhub:eu-west-1:${DEFAULT_ACCOUNT}:insight/`));
      assert.equal(page.Insights?.length, 100);
      assert.equal(page.NextToken, undefined);
    });

    it('rejects a GroupByAttribute the front cannot group by', async () => {
      const error = await failure(hub().send(new CreateInsightCommand({ Name: 'bad', Filters: {}, GroupByAttribute: 'Nope' })));

      assert.deepEqual(named(error), ['InvalidInputException', 400]);
    });
  });

  describe('accounts, regions and reset', () => {
    it('keeps separate state per account (an assumed role) and per region', async () => {
      const other = await assumeOtherAccount();
      const otherHub = hub({ credentials: other });
      await importFindings([finding('shared-id')]);
      await importFindings([finding('shared-id', { account: OTHER_ACCOUNT })], otherHub);

      const mine = await hub().send(new CreateActionTargetCommand({ Name: 'Fix', Description: 'Fix it', Id: 'fix' }));
      const theirs = await otherHub.send(new CreateActionTargetCommand({ Name: 'Fix', Description: 'Fix it', Id: 'fix' }));
      const european = await hub({ region: 'eu-west-1' }).send(new CreateActionTargetCommand({ Name: 'Fix', Description: 'Fix it', Id: 'fix' }));
      const crossAccount = await otherHub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'shared-id', ProductArn: productArn() }], Workflow: { Status: 'RESOLVED' } }));
      await otherHub.send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'shared-id', ProductArn: productArn(OTHER_ACCOUNT) }], Workflow: { Status: 'RESOLVED' } }));
      const myTargets = await hub().send(new DescribeActionTargetsCommand({}));
      const myFindings = await allFindings();
      const theirFindings = await allFindings({}, otherHub);

      assert.equal(mine.ActionTargetArn, `arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:action/custom/fix`);
      assert.equal(theirs.ActionTargetArn, `arn:aws:securityhub:${REGION}:${OTHER_ACCOUNT}:action/custom/fix`);
      assert.equal(european.ActionTargetArn, `arn:aws:securityhub:eu-west-1:${DEFAULT_ACCOUNT}:action/custom/fix`);
      assert.deepEqual(myTargets.ActionTargets?.map((t) => t.ActionTargetArn), [mine.ActionTargetArn]);
      assert.equal(crossAccount.UnprocessedFindings?.[0]?.ErrorCode, 'FindingNotFound');
      assert.deepEqual(myFindings.map((f) => [f.AwsAccountId, f.Workflow?.Status]), [[DEFAULT_ACCOUNT, 'NEW']]);
      assert.deepEqual(theirFindings.map((f) => [f.AwsAccountId, f.Workflow?.Status]), [[OTHER_ACCOUNT, 'RESOLVED']]);
    });

    it('forgets overlays, action targets and insights on POST /moto-api/reset', async () => {
      await importFindings([finding('f-1')]);
      await hub().send(new BatchUpdateFindingsCommand({ FindingIdentifiers: [{ Id: 'f-1', ProductArn: productArn() }], Workflow: { Status: 'RESOLVED' } }));
      await hub().send(new CreateActionTargetCommand({ Name: 'Fix', Description: 'Fix it', Id: 'fix' }));
      await hub().send(new CreateInsightCommand({ Name: 'All', Filters: {}, GroupByAttribute: 'ResourceId' }));

      const reset = await fetch(`${emulator.endpoint}/moto-api/reset`, { method: 'POST' });
      await importFindings([finding('f-1')]);
      const findings = await allFindings();
      const targets = await hub().send(new DescribeActionTargetsCommand({}));
      const insights = await hub().send(new GetInsightsCommand({}));

      assert.equal(reset.status, 200);
      assert.deepEqual(findings.map((f) => f.Workflow?.Status), ['NEW']);
      assert.deepEqual(targets.ActionTargets, []);
      assert.deepEqual(insights.Insights, []);
    });
  });

  describe('pass-through', () => {
    it('passes other services and the Security Hub operations moto serves through to moto', async () => {
      const s3 = new S3Client({ endpoint: emulator.endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true });
      const sts = new STSClient({ endpoint: emulator.endpoint, region: REGION, credentials: CREDENTIALS });
      made.push(s3, sts);
      const body = Buffer.alloc(2 * 1024 * 1024, 'rampart');

      await s3.send(new CreateBucketCommand({ Bucket: 'front-bucket' }));
      await s3.send(new PutObjectCommand({ Bucket: 'front-bucket', Key: 'big', Body: body }));
      const object = await s3.send(new GetObjectCommand({ Bucket: 'front-bucket', Key: 'big' }));
      const read = Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
      const buckets = await s3.send(new ListBucketsCommand({}));
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      await hub().send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
      const described = await hub().send(new DescribeHubCommand({}));

      assert.deepEqual(buckets.Buckets?.map((b) => b.Name), ['front-bucket']);
      assert.ok(read.equals(body));
      assert.equal(identity.Account, DEFAULT_ACCOUNT);
      assert.equal(described.HubArn, `arn:aws:securityhub:${REGION}:${DEFAULT_ACCOUNT}:hub/default`);
    });
  });
});
