/** Bad input ends with one clear line naming the input and the fix, and a non-zero exit. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { useEmulator } from '../helpers/emulator.js';
import { runCli, tempDir } from '../helpers/cli.js';

const oneLine = (text: string): boolean => text.trim().split('\n').length === 1;

describe('scan input errors', () => {
  const aws = useEmulator();
  const base = (): string[] => ['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--no-progress', '--create-table', '--no-output'];

  it('a missing config file', async () => {
    const run = await runCli([...base(), '--config', '/nonexistent/rampart.yaml']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--config \/nonexistent\/rampart.yaml does not exist/);
    assert.ok(oneLine(run.stderr));
  });

  it('an unreadable config file', async () => {
    // root reads any file whatever its mode, so a directory stands in for it there.
    const asRoot = process.getuid?.() === 0;
    const path = asRoot ? tempDir() : join(tempDir(), 'secret.yaml');
    if (!asRoot) {
      writeFileSync(path, 'regions: [us-east-1]\n');
      chmodSync(path, 0o000);
    }
    const run = await runCli([...base(), '--config', path]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, asRoot ? /is a directory, not a file/ : /not readable/);
    assert.ok(oneLine(run.stderr));
  });

  it('an invalid config names each bad field', async () => {
    const path = join(tempDir(), 'rampart.yaml');
    writeFileSync(path, ['regions: [us-east-1, mars-1]', 'refreshDays: 120', 'exemptions:', '  - check: x', 'colour: blue'].join('\n'));
    const run = await runCli([...base(), '--config', path]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /regions\.1: must be an AWS region name/);
    assert.match(run.stderr, /refreshDays: must be at most 80/);
    assert.match(run.stderr, /exemptions\.0\.reason/);
    assert.match(run.stderr, /unknown field\(s\) "colour"/);
  });

  it('a bad parameter of a check names the field path', async () => {
    const path = join(tempDir(), 'rampart.json');
    writeFileSync(path, JSON.stringify({ checks: { 'ec2-security-group-no-public-restricted-ports': { parameters: { restrictedPorts: ['ssh'] } } } }));
    const run = await runCli([...base(), '--config', path]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /checks\.ec2-security-group-no-public-restricted-ports\.parameters\.restrictedPorts\.0/);
  });

  it('an unknown check id', async () => {
    const run = await runCli([...base(), '--checks', 'ec2-security-group-no-public-restricted-portz']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--checks: unknown check id ec2-security-group-no-public-restricted-portz.*rampart checks/);
    assert.ok(oneLine(run.stderr));
  });

  it('a malformed and an unknown region', async () => {
    const malformed = await runCli([...base().slice(0, 3), '--regions', 'moon', '--no-progress']);
    const unknown = await runCli([...base().slice(0, 3), '--regions', 'us-east-9', '--no-progress']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--regions moon is not a region name/);
    assert.equal(unknown.code, 2);
    // With an endpoint override a well-formed name is the endpoint's to judge: it lists its regions.
    assert.match(unknown.stderr, /--regions us-east-9 is not a region of this partition/);
  });

  it('an invalid role ARN', async () => {
    const run = await runCli([...base(), '--role-arn', 'arn:aws:iam::12345:user/bob']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--role-arn arn:aws:iam::12345:user\/bob is not an IAM role ARN/);
  });

  it('--accounts without --role-name', async () => {
    const run = await runCli([...base(), '--accounts', '111111111111']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--accounts needs --role-name/);
  });

  it('a record table that does not exist, without --create-table', async () => {
    await aws.clients().get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const run = await runCli(['scan', '--endpoint-url', aws.endpoint, '--regions', 'us-east-1', '--no-progress', '--no-output', '--table', 'missing-table']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /the record table missing-table does not exist: .*--create-table/);
    assert.ok(oneLine(run.stderr));
  });

  it('unknown flags and bad flag values', async () => {
    const flag = await runCli(['scan', '--regoins', 'us-east-1']);
    const failOn = await runCli(['scan', '--fail-on', 'severe']);
    const output = await runCli(['scan', '--output', 'pdf']);
    const command = await runCli(['scna']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--regoins/);
    assert.match(failOn.stderr, /--fail-on severe: expected one of LOW, MEDIUM, HIGH, CRITICAL/);
    assert.match(output.stderr, /--output pdf/);
    assert.match(command.stderr, /unknown command "scna"/);
  });

  it('credentials never reach the output, even with --verbose and JSON logs', async () => {
    await aws.clients().get(SecurityHubClient).send(new EnableSecurityHubCommand({}));
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
    const token = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENVALUE1234567890';
    const env = { ...process.env, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token };
    const saved = { secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
    Object.assign(process.env, { AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token });
    try {
      const run = await runCli([...base(), '--verbose', '--log-format', 'json', '--role-arn', 'arn:aws:iam::111111111111:role/Audit', '--no-securityhub'], env);
      assert.equal(run.code, 0, run.stderr);
      for (const text of [run.stdout, run.stderr]) {
        assert.ok(!text.includes(secret));
        assert.ok(!text.includes(token));
      }
      assert.ok(run.stderr.split('\n').filter(Boolean).every((line) => JSON.parse(line) !== undefined), 'JSON log lines');
    } finally {
      Object.assign(process.env, { AWS_SECRET_ACCESS_KEY: saved.secret, AWS_SESSION_TOKEN: saved.token });
    }
  });
});

describe('rampart checks', () => {
  it('lists the catalogue as a table and as JSON with metadata', async () => {
    const table = await runCli(['checks']);
    const json = await runCli(['checks', '--format', 'json']);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /ec2-security-group-no-public-restricted-ports\s+ec2\s+HIGH/);
    const parsed = JSON.parse(json.stdout) as Array<{ id: string; severity: string; compliance: object; remediation: { url: string }; permissions: string[] }>;
    const check = parsed.find((c) => c.id === 'ec2-default-security-group-restricts-all-traffic');
    assert.equal(check?.severity, 'HIGH');
    assert.ok(check?.permissions.includes('ec2:DescribeSecurityGroups'));
    assert.match(check?.remediation.url ?? '', /^https:\/\//);
  });
});
