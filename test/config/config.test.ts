import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { parseConfigText, ConfigError } from '../../src/config/load.js';
import { exemptionMatches, findExemption } from '../../src/config/exemptions.js';
import { result } from '../helpers/fixtures.js';

describe('config parsing', () => {
  it('reads YAML and JSON with the same schema', () => {
    const yaml = parseConfigText('regions: all\nhomeRegion: eu-west-1\naccounts: ["111111111111"]\nroleName: Audit\nrefreshDays: 3\n', 'c.yaml');
    const json = parseConfigText('{"regions":["us-east-1"],"checks":{"x":{"enabled":false}}}', 'c.json');
    assert.equal(yaml.regions, 'all');
    assert.equal(yaml.refreshDays, 3);
    assert.deepEqual(json.checks, { x: { enabled: false } });
  });

  it('an empty file is an empty config', () => {
    assert.deepEqual(parseConfigText('', 'c.yaml'), {});
  });

  it('names the field of every problem', () => {
    assert.throws(() => parseConfigText('accounts: [12345]\nroleArn: nope\nsecurityHub: { enabled: maybe }\n', 'c.yaml'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /accounts\.0: /);
      assert.match(error.message, /roleArn: must be an IAM role ARN/);
      assert.match(error.message, /securityHub\.enabled: /);
      return true;
    });
  });

  it('a field of the wrong type says what is expected, in the words of the file', () => {
    // act
    const problems = (text: string): string[] => {
      try {
        parseConfigText(text, 'c.yaml');
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.message.split('\n').slice(1).map((line) => line.trim());
      }
      return assert.fail('the config was accepted');
    };
    // assert
    assert.deepEqual(problems('regions: us-east-1\n'), ['regions: expected a list such as [us-east-1] or "all"']);
    assert.deepEqual(problems('regions: 3\n'), ['regions: expected a list such as [us-east-1] or "all"']);
    assert.deepEqual(problems('accounts: [012345678901, "111111111111"]\n'), ['accounts.0: quote the account id ("012345678901") — unquoted, YAML reads it as a number']);
    assert.deepEqual(problems('exemptions:\n  - account: 123456789012\n    reason: a test account\n'), ['exemptions.0.account: quote the account id ("123456789012") — unquoted, YAML reads it as a number']);
    assert.deepEqual(problems('refreshDays: "7"\nsecurityHub: { enabled: "yes" }\nservices: s3\n').sort(), [
      'refreshDays: expected a number, not the text "7"',
      'securityHub.enabled: expected true or false, not the text "yes"',
      'services: expected a list, not the text "s3"',
    ]);
    assert.deepEqual(problems('reporting: jira\n'), ['reporting: expected a mapping of fields (name: value), not the text "jira"']);
  });

  it('reports malformed YAML and JSON with the file name', () => {
    assert.throws(() => parseConfigText('regions: [us-east-1', 'broken.yaml'), /config broken.yaml is not valid YAML/);
    assert.throws(() => parseConfigText('{"regions": }', 'broken.json'), /config broken.json is not valid JSON/);
  });

  it('reads the reporting section and the per-check switch, naming the field of every problem', () => {
    const config = parseConfigText([
      'reporting:',
      '  minSeverity: LOW',
      '  jira: { project: SEC, issueType: Bug, doneTransition: Done, reopenTransition: Reopen, priorities: { CRITICAL: Highest }, dueDays: { CRITICAL: 7 } }',
      '  slack: { channel: "#security", summaryChannel: "#security-summary" }',
      '  owners:',
      '    tagKey: owner',
      '    accounts:',
      '      "123456789012": { jira: { project: OPS }, slack: { channel: "#ops" } }',
      '    tags:',
      '      - { tag: { key: team, value: payments }, jira: { project: PAY }, slack: { channel: "#payments" } }',
      'checks:',
      '  s3-bucket-lifecycle-configured: { reporting: false }',
    ].join('\n'), 'c.yaml');
    assert.equal(config.reporting?.jira?.project, 'SEC');
    assert.equal(config.reporting?.owners?.tags?.[0]?.jira?.project, 'PAY');
    assert.equal(config.checks?.['s3-bucket-lifecycle-configured']?.reporting, false);
    assert.throws(() => parseConfigText('reporting:\n  jira: { project: sec-1, dueDays: { CRITICAL: -1 } }\n  slack: { channel: security }\n', 'c.yaml'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /reporting\.jira\.project: must be a Jira project key such as SEC/);
      assert.match(error.message, /reporting\.jira\.dueDays\.CRITICAL: /);
      assert.match(error.message, /reporting\.slack\.channel: must be a channel name such as "#security"/);
      return true;
    });
  });

  it('rejects an exemption without a reason or without any matcher', () => {
    assert.throws(() => parseConfigText('exemptions:\n  - check: x\n', 'c.yaml'), /exemptions\.0\.reason/);
    assert.throws(() => parseConfigText('exemptions:\n  - reason: everything is fine\n', 'c.yaml'), /must name at least one of/);
    assert.throws(() => parseConfigText('exemptions:\n  - check: x\n    reason: ok ok\n    expires: 2027-02-30\n', 'c.yaml'), /expires/);
  });
});

describe('exemptions', () => {
  const sg = result({ id: 'sg-0bastion1' });
  sg.resource.tags = { environment: 'sandbox', owner: 'alice' };
  const now = new Date('2026-06-15T12:00:00Z');

  it('match by account, region, check, resource id or ARN pattern, and tag', () => {
    assert.ok(exemptionMatches({ account: '123456789012', reason: 'r' }, sg));
    assert.ok(!exemptionMatches({ account: '111111111111', reason: 'r' }, sg));
    assert.ok(exemptionMatches({ region: 'us-east-1', reason: 'r' }, sg));
    assert.ok(exemptionMatches({ check: 'ec2-*', reason: 'r' }, sg));
    assert.ok(!exemptionMatches({ check: 's3-*', reason: 'r' }, sg));
    assert.ok(exemptionMatches({ resource: 'sg-0bastion*', reason: 'r' }, sg));
    assert.ok(exemptionMatches({ resource: 'arn:aws:ec2:*:123456789012:security-group/sg-0bastion1', reason: 'r' }, sg));
    assert.ok(!exemptionMatches({ resource: 'sg-0bastion', reason: 'r' }, sg), 'no implicit prefix match');
    assert.ok(exemptionMatches({ tag: { key: 'environment', value: 'sandbox' }, reason: 'r' }, sg));
    assert.ok(exemptionMatches({ tag: { key: 'owner' }, reason: 'r' }, sg));
    assert.ok(!exemptionMatches({ tag: { key: 'environment', value: 'prod' }, reason: 'r' }, sg));
  });

  it('all named fields must match', () => {
    assert.ok(!exemptionMatches({ account: '123456789012', check: 's3-*', reason: 'r' }, sg));
  });

  it('an expiry date lasts to the end of that day', () => {
    assert.ok(findExemption([{ check: 'ec2-*', reason: 'r', expires: '2026-06-15' }], sg, now));
    assert.equal(findExemption([{ check: 'ec2-*', reason: 'r', expires: '2026-06-14' }], sg, now), undefined);
  });

  it('special characters in patterns are literal', () => {
    const bucket = result({ id: 'logs.example.com' });
    assert.ok(exemptionMatches({ resource: 'logs.example.com', reason: 'r' }, bucket));
    assert.ok(!exemptionMatches({ resource: 'logs.example.co?', reason: 'r' }, bucket));
  });
});
