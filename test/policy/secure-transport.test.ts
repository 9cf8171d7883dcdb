import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { analyseSecureTransport, type RequiredAccess } from '../../src/policy/index.js';

const BUCKET = 'arn:aws:s3:::bucket';
const REQUIRED: RequiredAccess[] = [
  { action: 's3:GetObject', resource: `${BUCKET}/*` },
  { action: 's3:PutObject', resource: `${BUCKET}/*` },
  { action: 's3:ListBucket', resource: BUCKET },
];

type Statement = Record<string, unknown>;
const policyOf = (...statements: Statement[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function denyHttp(extra: Statement = {}): Statement {
  return {
    Sid: 'DenyHttp',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [BUCKET, `${BUCKET}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...extra,
  };
}

describe('analyseSecureTransport', () => {
  it('the documented Deny s3:* on the bucket and its objects refuses plain HTTP', () => {
    // act
    const answer = analyseSecureTransport(policyOf(denyHttp()), REQUIRED);

    // assert
    assert.equal(answer.deniesInsecureTransport, true);
    assert.deepEqual(answer.statements, [{ index: 0, sid: 'DenyHttp', actions: ['s3:*'], resources: [BUCKET, `${BUCKET}/*`] }]);
    assert.deepEqual(answer.uncovered, []);
    assert.equal(answer.minimumTlsVersion, null);
  });

  it('Action "*" on Resource "*", {"AWS": "*"} and a boolean false also count', () => {
    const statement = denyHttp({ Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } });
    assert.equal(analyseSecureTransport(policyOf(statement), REQUIRED).deniesInsecureTransport, true);
  });

  it('two statements may share the work', () => {
    // prepare
    const policy = policyOf(
      denyHttp({ Sid: 'Objects', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` }),
      denyHttp({ Sid: 'Bucket', Action: 's3:ListBucket', Resource: BUCKET }),
    );

    // act
    const answer = analyseSecureTransport(policy, REQUIRED);

    // assert
    assert.equal(answer.deniesInsecureTransport, true);
    assert.deepEqual(answer.statements.map((s) => s.sid), ['Objects', 'Bucket']);
  });

  it('a Deny on the objects only leaves the bucket listing uncovered', () => {
    const answer = analyseSecureTransport(policyOf(denyHttp({ Resource: `${BUCKET}/*` })), REQUIRED);
    assert.equal(answer.deniesInsecureTransport, false);
    assert.deepEqual(answer.uncovered, [{ action: 's3:ListBucket', resource: BUCKET }]);
  });

  it('a Deny of s3:GetObject only leaves writes and listing uncovered', () => {
    const answer = analyseSecureTransport(policyOf(denyHttp({ Action: 's3:GetObject' })), REQUIRED);
    assert.deepEqual(answer.uncovered.map((a) => a.action), ['s3:PutObject', 's3:ListBucket']);
  });

  it('NotAction in a Deny covers every action it does not list', () => {
    const statement = denyHttp({ Action: undefined, NotAction: 's3:GetBucketLocation' });
    assert.equal(analyseSecureTransport(policyOf(statement), REQUIRED).deniesInsecureTransport, true);
  });

  it('a Deny for one principal only does not count (decoy)', () => {
    // act
    const answer = analyseSecureTransport(policyOf(denyHttp({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), REQUIRED);

    // assert
    assert.equal(answer.deniesInsecureTransport, false);
    assert.deepEqual(answer.ignored, [{ index: 0, sid: 'DenyHttp', reason: 'the Deny does not apply to every principal ("*")' }]);
  });

  it('a further condition narrows the Deny and does not count', () => {
    const condition = { Bool: { 'aws:SecureTransport': 'false' }, IpAddress: { 'aws:SourceIp': '52.94.76.0/22' } };
    const answer = analyseSecureTransport(policyOf(denyHttp({ Condition: condition })), REQUIRED);
    assert.equal(answer.deniesInsecureTransport, false);
    assert.match(answer.ignored[0]?.reason ?? '', /further conditions narrow the Deny: IpAddress aws:SourceIp/);
  });

  it('an Allow conditioned on TLS does not refuse anything (decoy)', () => {
    const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*`, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    const answer = analyseSecureTransport(policyOf(statement), REQUIRED);
    assert.equal(answer.deniesInsecureTransport, false);
    assert.match(answer.ignored[0]?.reason ?? '', /only a Deny refuses requests/);
  });

  it('a Deny when SecureTransport is "true" is the wrong way round', () => {
    const answer = analyseSecureTransport(policyOf(denyHttp({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), REQUIRED);
    assert.equal(answer.deniesInsecureTransport, false);
    assert.match(answer.ignored[0]?.reason ?? '', /not Bool aws:SecureTransport "false"/);
  });

  it('reports the TLS floor of a NumericLessThan s3:TlsVersion Deny, which alone does not refuse plain HTTP', () => {
    // prepare
    const tlsOnly = denyHttp({ Sid: 'Tls', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } });

    // act
    const alone = analyseSecureTransport(policyOf(tlsOnly), REQUIRED);
    const both = analyseSecureTransport(policyOf(denyHttp(), tlsOnly), REQUIRED);

    // assert
    assert.equal(alone.deniesInsecureTransport, false);
    assert.equal(alone.minimumTlsVersion, 1.2);
    assert.equal(both.deniesInsecureTransport, true);
    assert.equal(both.minimumTlsVersion, 1.2);
  });

  it('a TLS floor that covers only the objects is not a floor for the bucket', () => {
    const tls = denyHttp({ Resource: `${BUCKET}/*`, Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } });
    assert.equal(analyseSecureTransport(policyOf(tls), REQUIRED).minimumTlsVersion, null);
  });

  it('a policy without statements refuses nothing', () => {
    const answer = analyseSecureTransport('{}', REQUIRED);
    assert.equal(answer.deniesInsecureTransport, false);
    assert.equal(answer.uncovered.length, 3);
  });
});
