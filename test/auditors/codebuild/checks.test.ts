import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import type { Check, Verdict } from '../../../src/core/check.js';
import type { CodeBuildInventory, CodeBuildProjectItem } from '../../../auditors/codebuild/collect.js';
import { plaintextSecret } from '../../../auditors/codebuild/secrets.js';
import artifactsEncrypted from '../../../auditors/codebuild/checks/codebuild-project-artifacts-encrypted.js';
import cloudWatchLogging from '../../../auditors/codebuild/checks/codebuild-project-cloudwatch-logging-enabled.js';
import noPlaintextSecrets from '../../../auditors/codebuild/checks/codebuild-project-no-plaintext-secrets.js';
import s3LogsEncrypted from '../../../auditors/codebuild/checks/codebuild-project-s3-logs-encrypted.js';
import sourceSslVerified from '../../../auditors/codebuild/checks/codebuild-project-source-ssl-verified.js';
import { assertNoSecrets, FAKE_KEY_ID, FAKE_SECRET } from '../../helpers/secrets.js';
import { inventory, plaintext, project } from './fixtures.js';

function evaluate<Params>(check: Check<CodeBuildInventory, CodeBuildProjectItem, Params>, item: CodeBuildProjectItem, params: Record<string, unknown> = {}): Verdict {
  const parsed = check.parameters ? check.parameters.parse(params) : ({} as Params);
  return check.evaluate(item, parsed, inventory(item));
}

describe('codebuild-project-no-plaintext-secrets', () => {
  it('fails AWS keys in plaintext at full severity, naming the variables and showing no secret', () => {
    // prepare
    const item = project('p', { environmentVariables: [plaintext('AWS_ACCESS_KEY_ID', FAKE_KEY_ID), plaintext('AWS_SECRET_ACCESS_KEY', FAKE_SECRET), plaintext('STAGE', 'prod')] });

    // act
    const verdict = evaluate(noPlaintextSecrets, item);

    // assert
    assert.equal(verdict.status, 'FAILED');
    assert.equal(verdict.status === 'FAILED' && verdict.levelsBelow, undefined);
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence.variables, [
      { name: 'AWS_ACCESS_KEY_ID', type: 'PLAINTEXT', reason: 'the value has the shape of an AWS access key id', value: 'ASIA[REDACTED]7KEY' },
      { name: 'AWS_SECRET_ACCESS_KEY', type: 'PLAINTEXT', reason: 'the value has the shape of an AWS secret access key', value: '[REDACTED]' },
    ]);
    assertNoSecrets(JSON.stringify(verdict), 'the verdict');
  });

  it('fails a secret-looking name one level lower, and never shows its value', () => {
    const verdict = evaluate(noPlaintextSecrets, project('p', { environmentVariables: [plaintext('DB_PASSWORD', 'Summer2026!')] }));
    assert.equal(verdict.status === 'FAILED' && verdict.levelsBelow, 1);
    assert.ok(!JSON.stringify(verdict).includes('Summer2026'));
  });

  it('passes references, harmless values and names that only point at a secret (decoys)', () => {
    const verdict = evaluate(noPlaintextSecrets, project('p', {
      environmentVariables: [
        { name: 'DB_PASSWORD', type: 'SECRETS_MANAGER', value: 'prod/db:password' },
        { name: 'API_TOKEN', type: 'PARAMETER_STORE', value: '/ci/api-token' },
        plaintext('DB_PASSWORD_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf'),
        plaintext('TOKEN_TTL', '3600'),
        plaintext('SKIP_SECRET_SCAN', 'false'),
        plaintext('PWD', '/codebuild/output/src'),
        plaintext('REPOSITORY_URL', 'https://github.com/acme/api.git'),
      ],
    }));
    assert.deepEqual(verdict, { status: 'PASSED', summary: 'none of 7 environment variable(s) holds a plaintext credential', evidence: { variables: 7 } });
  });

  it('recognises credentials by their shape whatever the name (edge)', () => {
    const cases: Array<[string, string]> = [
      ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', 'a private key'],
      [`ghp_${'a1B2c3D4e5'.repeat(4)}`, 'a GitHub token'],
      ['https://deploy:hunter22@git.example.com/acme/api.git', 'a URL with a password'],
      [`xoxb-1234567890-${'AbCdEf1234'.repeat(2)}`, 'a Slack token'],
    ];
    for (const [value, what] of cases) {
      assert.equal(plaintextSecret(plaintext('CONFIG', value))?.reason, `the value has the shape of ${what}`, what);
    }
    assert.equal(plaintextSecret(plaintext('COMMIT', 'f'.repeat(40))), undefined, 'a git commit id is no secret key');
  });
});

describe('codebuild-project-source-ssl-verified', () => {
  it('fails a secondary source that ignores TLS errors', () => {
    const verdict = evaluate(sourceSslVerified, project('p', { sources: [{ id: 'primary', type: 'GITHUB', insecureSsl: false }, { id: 'tools', type: 'GITHUB_ENTERPRISE', insecureSsl: true }] }));
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { sources: ['primary', 'tools'], insecureSsl: ['tools'] });
  });

  it('passes verified sources', () => {
    assert.equal(evaluate(sourceSslVerified, project('p')).status, 'PASSED');
  });

  it('a project with no source (NO_SOURCE, buildspec inline) passes (edge)', () => {
    assert.equal(evaluate(sourceSslVerified, project('p', { sources: [{ id: 'primary', type: 'NO_SOURCE', insecureSsl: false }] })).status, 'PASSED');
  });
});

describe('codebuild-project-artifacts-encrypted', () => {
  it('fails an unencrypted secondary S3 artifact', () => {
    const verdict = evaluate(artifactsEncrypted, project('p', { artifacts: [{ id: 'primary', type: 'S3', encryptionDisabled: false }, { id: 'reports', type: 'S3', encryptionDisabled: true }] }));
    assert.deepEqual(verdict.status === 'FAILED' && verdict.evidence, { s3Artifacts: ['primary', 'reports'], encryptionDisabled: ['reports'] });
  });

  it('passes encrypted S3 artifacts', () => {
    assert.equal(evaluate(artifactsEncrypted, project('p')).status, 'PASSED');
  });

  it('a project without S3 artifacts is not applicable, even with the flag set on a CodePipeline artifact (edge)', () => {
    assert.equal(evaluate(artifactsEncrypted, project('p', { artifacts: [{ id: 'primary', type: 'NO_ARTIFACTS', encryptionDisabled: false }] })).status, 'NOT_APPLICABLE');
    assert.equal(evaluate(artifactsEncrypted, project('p', { artifacts: [{ id: 'primary', type: 'CODEPIPELINE', encryptionDisabled: true }] })).status, 'NOT_APPLICABLE');
  });
});

describe('codebuild-project-s3-logs-encrypted', () => {
  it('fails S3 logs with encryption disabled, naming the location', () => {
    const verdict = evaluate(s3LogsEncrypted, project('p', { logs: { cloudWatch: { status: 'ENABLED' }, s3: { status: 'ENABLED', location: 'logs-bucket/p', encryptionDisabled: true } } }));
    assert.match(verdict.status === 'FAILED' ? verdict.summary : '', /\(logs-bucket\/p\) unencrypted/);
  });

  it('passes encrypted S3 logs', () => {
    assert.equal(evaluate(s3LogsEncrypted, project('p', { logs: { s3: { status: 'ENABLED', encryptionDisabled: false } } })).status, 'PASSED');
  });

  it('no S3 logging is not applicable; an unreported logsConfig is an error (edge)', () => {
    assert.equal(evaluate(s3LogsEncrypted, project('p')).status, 'NOT_APPLICABLE');
    assert.throws(() => evaluate(s3LogsEncrypted, project('p', { logs: undefined })), /logsConfig/);
  });
});

describe('codebuild-project-cloudwatch-logging-enabled', () => {
  it('fails a project logging only to S3, saying so', () => {
    const verdict = evaluate(cloudWatchLogging, project('p', { logs: { cloudWatch: { status: 'DISABLED' }, s3: { status: 'ENABLED', encryptionDisabled: false } } }));
    assert.equal(verdict.status === 'FAILED' && verdict.summary, 'project p sends no build logs to CloudWatch Logs (only to S3)');
  });

  it('passes CloudWatch logging, and S3 logging under acceptS3Logs (FSBP CodeBuild.4)', () => {
    assert.equal(evaluate(cloudWatchLogging, project('p')).status, 'PASSED');
    const s3Only = project('p', { logs: { cloudWatch: { status: 'DISABLED' }, s3: { status: 'ENABLED', encryptionDisabled: false } } });
    assert.equal(evaluate(cloudWatchLogging, s3Only, { acceptS3Logs: true }).status, 'PASSED');
  });

  it('no logging at all fails even under acceptS3Logs; an unreported status is an error (edge)', () => {
    const none = project('p', { logs: { cloudWatch: { status: 'DISABLED' } } });
    assert.equal(evaluate(cloudWatchLogging, none, { acceptS3Logs: true }).status, 'FAILED');
    assert.throws(() => evaluate(cloudWatchLogging, project('p', { logs: { s3: { status: 'ENABLED', encryptionDisabled: false } } })), /cloudWatchLogs\.status/);
  });
});
