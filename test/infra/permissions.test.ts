/**
 * The roles the stacks create are the documents `rampart permissions` prints for the same
 * inputs (generated from what the code declares, never hand-written), and the audit role
 * can read but not change anything.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { permissionsFlags, type RampartRole } from '../../infra/policies.js';
import { actionsOf, parsePolicy, synthesize, type PolicyStatement, type Synthesized } from './synthesize.js';

let example: Synthesized;
beforeAll(() => {
  example = synthesize();
});
afterAll(() => example.cleanup());

function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['dist/src/cli/bin.js', 'permissions', ...args], { encoding: 'utf8' });
}

function embedded(stack: string, policyName: string): unknown {
  const found = example.resources(stack, 'aws_iam_role_policy').find((p) => p.name === policyName);
  assert.ok(found, `${stack} has the inline policy ${policyName}`);
  return parsePolicy(found.policy);
}

/** Read actions by their verb; anything else changes something. */
const READ_VERB = /^[a-z0-9-]+:(Get|List|Describe|BatchGet|Search|Lookup|Query|Scan|View)[A-Za-z0-9]*$/;
/** Read actions whose names do not say so: IAM lists GenerateCredentialReport as a Read action (it builds the report GetCredentialReport reads). */
const READ_ACTIONS = new Set(['iam:GenerateCredentialReport']);
/** The audit role imports its own findings into Security Hub: its only writes, and the whole publishing statement. */
const PUBLISHING = new Set(['securityhub:BatchImportFindings', 'securityhub:BatchUpdateFindings']);

function forbiddenAuditActions(statements: readonly PolicyStatement[]): string[] {
  return statements.flatMap((statement) => actionsOf(statement).filter((action) => action.includes('*') || (!READ_VERB.test(action) && !READ_ACTIONS.has(action) && !(statement.Sid === 'RampartPublishFindings' && PUBLISHING.has(action)))));
}

describe('generated roles', () => {
  const cases: Array<[RampartRole, string, string]> = [
    ['audit', 'member-222222222222', 'rampart-audit'],
    ['remediation', 'member-222222222222', 'rampart-remediation'],
    ['runner', 'home', 'rampart-runner'],
  ];
  for (const [role, stack, policyName] of cases) {
    it(`the ${role} role's policy is what rampart permissions ${role === 'runner' ? '--role runner (with the stack\'s ARNs)' : `--role ${role}`} prints`, () => {
      // prepare
      const flags = permissionsFlags(role, example.built.deployment);

      // act
      const printed = cli(flags);

      // assert
      assert.equal(printed.status, 0, printed.stderr);
      assert.deepEqual(embedded(stack, policyName), JSON.parse(printed.stdout));
    });
  }

  it('the runner policy is scoped to the stack\'s table, queue, bucket, secrets and member roles', () => {
    // prepare
    const runner = embedded('home', 'rampart-runner') as { Statement: PolicyStatement[] };
    const resources = Object.fromEntries(runner.Statement.map((s) => [s.Sid, s.Resource]));

    // assert
    assert.deepEqual(resources.RampartRecordTable, ['arn:aws:dynamodb:us-east-1:111111111111:table/rampart-findings', 'arn:aws:dynamodb:us-east-1:111111111111:table/rampart-findings/index/*']);
    assert.deepEqual(resources.RampartRemediationQueue, ['arn:aws:sqs:us-east-1:111111111111:rampart-remediation']);
    assert.deepEqual(resources.RampartBackups, ['arn:aws:s3:::rampart-backups-111111111111-us-east-1/*']);
    assert.deepEqual(resources.RampartReportingSecrets, ['arn:aws:secretsmanager:us-east-1:111111111111:secret:rampart/jira-api-token-??????', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:rampart/slack-token-??????']);
    assert.deepEqual(resources.RampartAssumeAuditRoles, ['arn:aws:iam::222222222222:role/RampartAudit']);
    assert.deepEqual(resources.RampartAssumeRemediationRoles, ['arn:aws:iam::222222222222:role/RampartRemediation']);
  });

  it('the audit role has no write action and no wildcard action', () => {
    // prepare
    const audit = embedded('member-222222222222', 'rampart-audit') as { Statement: PolicyStatement[] };

    // act
    const forbidden = forbiddenAuditActions(audit.Statement);

    // assert
    assert.deepEqual(forbidden, []);
    assert.ok(actionsOf(audit.Statement[0] as PolicyStatement).length > 20, 'the collect statement lists the collectors\' actions');
  });

  it('the audit check itself catches a write or a wildcard action', () => {
    // prepare
    const tampered: PolicyStatement[] = [
      { Sid: 'RampartCollect', Effect: 'Allow', Action: ['ec2:DescribeVpcs', 'ec2:RevokeSecurityGroupIngress', 's3:Get*'], Resource: '*' },
      { Sid: 'RampartPublishFindings', Effect: 'Allow', Action: ['securityhub:BatchImportFindings', 'securityhub:*'], Resource: '*' },
    ];

    // act and assert
    assert.deepEqual(forbiddenAuditActions(tampered), ['ec2:RevokeSecurityGroupIngress', 's3:Get*', 'securityhub:*']);
  });

  it('rampart permissions accepts --format json and refuses any other format', () => {
    // act
    const json = cli(['--role', 'audit', '--format', 'json']);
    const text = cli(['--role', 'audit', '--format', 'text']);

    // assert
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), embedded('member-222222222222', 'rampart-audit'));
    assert.equal(text.status, 2);
    assert.match(text.stderr, /--format text: expected one of json/);
  });
});
