import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { REDACTED, redact, redactJson, redactReplacer, registerSecret, registerSecretsFromEnv } from '../../src/util/redact.js';
import { createLogger } from '../../src/util/logger.js';

// Fakes in the real formats (none of them is a live credential).
const KEY_ID = 'AKIAQX4ZTESTFAKE7KEY';
const TEMP_KEY_ID = 'ASIAQX4ZTESTFAKE7TMP';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'x7Yq'.repeat(40)}`;
const OLD_SESSION_TOKEN = `FwoGZXIvYXdzEJr//////////wEaDHB${'Qm9z'.repeat(30)}`;

function assertGone(output: string, ...secrets: string[]): void {
  for (const secret of secrets) assert.ok(!output.includes(secret), `${secret} is still in: ${output}`);
  assert.ok(output.includes(REDACTED), `no marker in: ${output}`);
}

describe('redact: secrets', () => {
  it('keeps only the type and the last four characters of an access key id', () => {
    // act
    const out = redact(`AccessDenied: the key ${KEY_ID} (temporary ${TEMP_KEY_ID}) may not call ec2:DescribeSecurityGroups`);
    // assert
    assertGone(out, KEY_ID, TEMP_KEY_ID);
    assert.match(out, /the key AKIA\[REDACTED\]7KEY \(temporary ASIA\[REDACTED\]7TMP\) may not call ec2:DescribeSecurityGroups/);
  });

  it('removes a secret access key next to its key id, or labelled', () => {
    assertGone(redact(`credentials ${KEY_ID} ${SECRET_KEY} were rejected`), KEY_ID, SECRET_KEY);
    assertGone(redact(`aws_secret_access_key = ${SECRET_KEY}`), SECRET_KEY);
    assertGone(redact(`{"SecretAccessKey":"${SECRET_KEY}"}`), SECRET_KEY);
    assertGone(redact(`AWS_SECRET_ACCESS_KEY=${SECRET_KEY}`), SECRET_KEY);
  });

  it('removes session tokens by their shape and by their label', () => {
    assertGone(redact(`the token ${SESSION_TOKEN} has expired`), SESSION_TOKEN);
    assertGone(redact(`old style ${OLD_SESSION_TOKEN}`), OLD_SESSION_TOKEN);
    assertGone(redact('x-amz-security-token: opaque-value-42'), 'opaque-value-42');
    assertGone(redact('SessionToken=abc123'), 'abc123');
    const unknownShape = `${'Zm9vYmFy'.repeat(10)}Q2x1c3Rlcg9${'AbCd'.repeat(10)}`;
    assertGone(redact(`blob ${unknownShape} end`), unknownShape);
  });

  it('removes presigned URL credentials, signatures and Authorization headers', () => {
    // prepare
    const url = `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${KEY_ID}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}&X-Amz-Signature=deadbeef&X-Amz-Date=20240101T000000Z`;
    const sigv4 = `Authorization: AWS4-HMAC-SHA256 Credential=${KEY_ID}/20240101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024`;
    // act
    const outUrl = redact(url);
    const outSig = redact(sigv4);
    // assert
    assertGone(outUrl, KEY_ID, 'deadbeef', SESSION_TOKEN.slice(0, 40), encodeURIComponent(SESSION_TOKEN).slice(0, 40));
    assert.match(outUrl, /X-Amz-Algorithm=AWS4-HMAC-SHA256&.*X-Amz-Date=20240101T000000Z$/);
    assertGone(outSig, KEY_ID, 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024');
    assertGone(redact('Signature=fe5f80f77d5f'), 'fe5f80f77d5f');
    assert.equal(redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig then more'), `Authorization: Bearer ${REDACTED} then more`);
    assert.equal(redact('authorization: Basic dXNlcjpwYXNzd29yZA=='), `authorization: Basic ${REDACTED}`);
    assertGone(redact('proxy-authorization=opaque'), 'opaque');
    assertGone(redact('sent with Bearer abc.def.ghi123'), 'abc.def.ghi123');
  });

  it('removes Jira and Slack tokens and Slack webhook URLs', () => {
    // prepare
    const jira = `ATATT3xFfGF0${'T3stOnlyFake'.repeat(14)}=A1B2C3D4`;
    const slack = ['xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxp-123-456-789-abcdef0123', 'xapp-1-A0123BCD-4567-abcdef', 'xoxa-2-123-abc', 'xoxs-123-456-789', 'xoxe.xoxp-1-Mi0yLTEyMw'];
    const hook = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
    // act
    const out = redact(`jira ${jira}; slack ${slack.join(' ')}; hook ${hook}`);
    // assert
    assertGone(out, jira, ...slack, 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX');
    assert.match(out, /hook https:\/\/hooks\.slack\.com\/services\/\[REDACTED\]$/);
    assertGone(redact('RAMPART_JIRA_API_TOKEN=plain4value'), 'plain4value');
  });

  it('removes the literal values of the secret environment variables, also URL-encoded', () => {
    // prepare: values no pattern would recognise
    registerSecretsFromEnv({ RAMPART_JIRA_API_TOKEN: 'justlettersnotashape', RAMPART_SLACK_TOKEN: 'slack token/with+symbols', AWS_SESSION_TOKEN: 'short' });
    // act
    const out = redact('a justlettersnotashape b slack%20token%2Fwith%2Bsymbols c slack token/with+symbols d short');
    // assert
    assertGone(out, 'justlettersnotashape', 'slack%20token%2Fwith%2Bsymbols', 'slack token/with+symbols');
    assert.match(out, / d short$/, 'a value too short to be a secret is left alone');
  });

  it('changes nothing more when redacting twice', () => {
    // prepare
    const texts = [
      `key ${KEY_ID} ${SECRET_KEY}`, 'SessionToken=abc123 and more', '"x-amz-security-token": "opaque"', 'Authorization: Bearer abc.def1 tail',
      'Authorization: AWS4-HMAC-SHA256 Credential=x, Signature=y', `token ${SESSION_TOKEN}`, 'password: hunter2 ok',
    ];
    for (const text of texts) {
      // act
      const once = redact(text);
      // assert
      assert.equal(redact(once), once);
    }
  });

  it('registers values handed to it at runtime', () => {
    registerSecret('runtime-secret-from-secrets-manager');
    assertGone(redact('got runtime-secret-from-secrets-manager back'), 'runtime-secret-from-secrets-manager');
  });
});

describe('redact: identifiers survive', () => {
  const survivors = [
    'arn:aws:iam::123456789012:role/service-role/RampartAuditRole',
    'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0',
    'arn:aws:s3:::my-bucket-with-a-long-name-2024',
    'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:42',
    'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
    'rampart/123456789012/us-east-1/ec2-security-group-no-public-restricted-ports/arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0',
    `rampart/123456789012/us-east-1/s3-bucket-policy-not-public/sha256:${'0123456789abcdef'.repeat(4)}`,
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709',
    'account 123456789012, sg-0123456789abcdef0, vol-0abcdef1234567890, snap-0123456789abcdef0, ami-0123456789abcdef0, i-0123456789abcdef0, vpc-0a1b2c3d',
    'role AROAQX4ZTESTFAKEROLE1 user AIDAQX4ZTESTFAKEUSER1 group AGPAQX4ZTESTFAKEGRP01',
    'ExpiredToken: The security token included in the request is expired',
    'InvalidClientTokenId: The security token included in the request is invalid.',
    'IncompleteSignature: The request signature does not conform to AWS standards.',
    'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    'AuthorizationHeaderMalformed: The authorization header is malformed',
    'UnauthorizedOperation: You are not authorized to perform this operation.',
    'MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24',
    'Basic authentication is disabled; Bearer tokens are required',
    'allows 0.0.0.0/0 and ::/0 on tcp 22 (SSH)',
    '{"aws:SourceVpce":"vpce-1a2b3c4d","aws:PrincipalOrgID":"o-a1b2c3d4e5"}',
  ];
  for (const text of survivors) {
    it(text.slice(0, 70), () => {
      assert.equal(redact(text), text);
    });
  }

  it('does not treat a 40-character token as a secret key when no access key id is near', () => {
    const text = 'role/ThisIsAVeryLongRoleNameWith40CharsXYZ in arn:aws:iam::123456789012:role/ThisIsAVeryLongRoleNameWith40CharsXYZ';
    assert.equal(redact(text), text);
  });

  it('stays fast on long hostile input', () => {
    // prepare
    const inputs = ['a-'.repeat(50_000), 'token='.repeat(20_000), 'Authorization: '.repeat(10_000), 'Aa1/'.repeat(50_000), `${KEY_ID} `.repeat(5_000)];
    // act
    const started = Date.now();
    for (const input of inputs) redact(input);
    // assert
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  });
});

describe('redactJson and the JSON replacer', () => {
  it('redacts nested strings and the values of keys named like secrets, and keeps the rest', () => {
    // prepare
    const evidence = { error: `denied for ${KEY_ID}`, rules: [{ cidr: '0.0.0.0/0', port: 22 }], nested: { password: 'plain', sessionToken: 'zz', accessKeyId: 'not-a-key' }, MinimumPasswordLength: 14 };
    // act
    const out = redactJson(evidence);
    // assert
    assert.deepEqual(out, {
      error: `denied for AKIA${REDACTED}7KEY`,
      rules: [{ cidr: '0.0.0.0/0', port: 22 }],
      nested: { password: REDACTED, sessionToken: REDACTED, accessKeyId: 'not-a-key' },
      MinimumPasswordLength: 14,
    });
    assert.equal(out.rules, evidence.rules, 'an unchanged branch is not copied');
  });

  it('returns the same object when there is nothing to redact', () => {
    const evidence = { rules: [{ cidr: '0.0.0.0/0' }], group: 'sg-0123456789abcdef0' };
    assert.equal(redactJson(evidence), evidence);
  });

  it('keeps JSON log lines valid while redacting strings inside them', () => {
    // prepare
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', level: 'info', write: (line) => lines.push(line) });
    // act
    logger.warn(`call failed: "quoted" \\ ${KEY_ID} ${SECRET_KEY}`, { detail: { token: 'abc', text: `Authorization: Bearer ${SESSION_TOKEN}` }, when: new Date(0) });
    // assert
    const parsed = JSON.parse(lines[0] ?? '') as { message: string; detail: { token: string; text: string }; when: string };
    assertGone(lines[0] ?? '', KEY_ID, SECRET_KEY, SESSION_TOKEN);
    assert.match(parsed.message, /^call failed: "quoted" \\ AKIA\[REDACTED\]7KEY \[REDACTED\]$/);
    assert.deepEqual(parsed.detail, { token: REDACTED, text: `Authorization: Bearer ${REDACTED}` });
    assert.equal(parsed.when, '1970-01-01T00:00:00.000Z');
    assert.equal(JSON.stringify({ password: 'x', n: 1 }, redactReplacer), `{"password":"${REDACTED}","n":1}`);
  });
});
