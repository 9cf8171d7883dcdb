import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { analysePublicAccess, assessClause, PolicyParseError, type SourceIpReading } from '../../src/policy/index.js';

type Statement = Record<string, unknown>;

function policyOf(...statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function allow(extra: Statement = {}): Statement {
  return { Sid: 'Grant', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...extra };
}

function withCondition(condition: Record<string, Record<string, unknown>>): string {
  return policyOf(allow({ Condition: condition }));
}

describe('analysePublicAccess: principals', () => {
  it('Principal "*" without a condition is public, with the statement as evidence', () => {
    // prepare
    const policy = policyOf(allow());

    // act
    const answer = analysePublicAccess(policy);

    // assert
    assert.equal(answer.public, true);
    assert.deepEqual(answer.statements, [
      { index: 0, sid: 'Grant', effect: 'Allow', principal: '*', actions: ['s3:GetObject'], reason: 'the principal is everyone ("*") and there is no condition' },
    ]);
  });

  it('{"AWS": "*"} and a list holding "*" are public', () => {
    assert.equal(analysePublicAccess(policyOf(allow({ Principal: { AWS: '*' } }))).public, true);
    assert.equal(analysePublicAccess(policyOf(allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }))).public, true);
  });

  it('{"CanonicalUser": "*"} is treated as everyone', () => {
    assert.equal(analysePublicAccess(policyOf(allow({ Principal: { CanonicalUser: '*' } }))).public, true);
  });

  it('a named account is not public', () => {
    const answer = analysePublicAccess(policyOf(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })));
    assert.deepEqual(answer, { public: false, statements: [] });
  });

  it('a service principal is not public (decoy)', () => {
    const answer = analysePublicAccess(policyOf(allow({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject' })));
    assert.equal(answer.public, false);
  });

  it('a Deny for everyone is not public (decoy)', () => {
    assert.equal(analysePublicAccess(policyOf(allow({ Effect: 'Deny' }))).public, false);
  });

  it('NotPrincipal in an Allow grants everyone else and is public', () => {
    // prepare
    const policy = policyOf({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' });

    // act
    const answer = analysePublicAccess(policy);

    // assert
    assert.equal(answer.public, true);
    assert.deepEqual(answer.statements[0]?.principal, { NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } });
    assert.equal(answer.statements[0]?.sid, null);
    assert.match(answer.statements[0]?.reason ?? '', /NotPrincipal/);
  });

  it('NotAction is reported as such in the evidence', () => {
    const answer = analysePublicAccess(policyOf({ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteObject', Resource: '*' }));
    assert.deepEqual(answer.statements[0]?.actions, ['NotAction s3:DeleteObject']);
  });

  it('lists only the public statements among several', () => {
    // prepare
    const policy = policyOf(
      allow({ Sid: 'Private', Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      allow({ Sid: 'Public' }),
      allow({ Sid: 'Vpce', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } } }),
    );

    // act
    const answer = analysePublicAccess(policy);

    // assert
    assert.deepEqual(answer.statements.map((s) => [s.index, s.sid]), [[1, 'Public']]);
  });
});

describe('analysePublicAccess: conditions', () => {
  const cases: Array<[string, Record<string, Record<string, unknown>>, boolean]> = [
    ['aws:SourceIp 10.0.0.0/8 restricts', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, false],
    ['aws:SourceIp private IPv4 and IPv6 ranges restrict', { IpAddress: { 'aws:SourceIp': ['192.168.1.0/24', 'fc00::/7'] } }, false],
    ['aws:SourceIp 0.0.0.0/0 does not restrict', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, true],
    ['aws:SourceIp 10.0.0.0/7 holds public addresses and is wider than /8', { IpAddress: { 'aws:SourceIp': '10.0.0.0/7' } }, true],
    ['aws:SourceIp with one too-wide public range among private ones', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '52.0.0.0/6'] } }, true],
    ['NotIpAddress does not restrict', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, true],
    ['IpAddressIfExists does not restrict', { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, true],
    ['aws:SourceVpce with a fixed endpoint restricts', { StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } }, false],
    ['aws:SourceVpc with a fixed VPC restricts', { StringEquals: { 'aws:SourceVpc': 'vpc-0123' } }, false],
    ['aws:SourceVpce "*" does not restrict', { StringEquals: { 'aws:SourceVpce': '*' } }, true],
    ['StringLike aws:SourceVpce "vpce-*" does not restrict', { StringLike: { 'aws:SourceVpce': 'vpce-*' } }, true],
    ['StringEqualsIfExists does not restrict', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } }, true],
    ['aws:PrincipalOrgID restricts', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, false],
    ['aws:SourceAccount restricts', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, false],
    ['aws:SourceOwner restricts', { StringEquals: { 'aws:SourceOwner': '111122223333' } }, false],
    ['aws:PrincipalAccount restricts', { StringEquals: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } }, false],
    ['StringLike aws:PrincipalAccount "1111*" does not restrict', { StringLike: { 'aws:PrincipalAccount': '1111*' } }, true],
    ['one open value among fixed ones does not restrict', { StringEquals: { 'aws:SourceAccount': ['111122223333', '*'] } }, true],
    ['ArnLike aws:PrincipalArn in a fixed account restricts', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } }, false],
    ['ArnLike aws:PrincipalArn in any account does not restrict', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } }, true],
    ['ArnEquals aws:SourceArn of a named bucket restricts', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::logs-bucket' } }, false],
    ['ArnLike aws:SourceArn of any bucket does not restrict', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, true],
    ['aws:userid with a fixed unique id restricts', { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }, false],
    ['aws:userid "*:*" does not restrict', { StringLike: { 'aws:userid': '*:*' } }, true],
    ['ForAnyValue:StringLike aws:PrincipalOrgPaths in one organization restricts', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/*' } }, false],
    ['ForAllValues holds when the key is absent', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-abc123/r-1/' } }, true],
    ['StringNotEquals does not restrict', { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123' } }, true],
    ['Null aws:PrincipalOrgID false only requires some organization', { Null: { 'aws:PrincipalOrgID': 'false' } }, true],
    ['aws:SecureTransport does not restrict who', { Bool: { 'aws:SecureTransport': 'true' } }, true],
    ['s3:x-amz-server-side-encryption does not restrict who', { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }, true],
    ['aws:username does not restrict (names repeat across accounts)', { StringEquals: { 'aws:username': 'alice' } }, true],
    ['condition keys are case-insensitive', { StringEquals: { 'AWS:SOURCEVPCE': 'vpce-0123' } }, false],
    ['one restricting clause is enough', { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceVpce': 'vpce-0123' } }, false],
    ['s3:DataAccessPointAccount delegates to one account', { StringEquals: { 's3:DataAccessPointAccount': '111122223333' } }, false],
  ];
  for (const [name, condition, expected] of cases) {
    it(name, () => {
      // act
      const answer = analysePublicAccess(withCondition(condition));

      // assert
      assert.equal(answer.public, expected);
      if (expected) assert.match(answer.statements[0]?.reason ?? '', /no condition restricts the caller/);
    });
  }

  it('explains which condition failed to restrict', () => {
    const answer = analysePublicAccess(withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/0'] } }));
    assert.match(answer.statements[0]?.reason ?? '', /0\.0\.0\.0\/0 \(\/0\) is wider than \/8/);
  });
});

describe('analysePublicAccess: only fixed values restrict (no wildcard, no policy variable)', () => {
  const cases: Array<[string, Record<string, Record<string, unknown>>, boolean]> = [
    ['a policy variable in aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }, true],
    ['a policy variable in aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': '${aws:PrincipalOrgID}' } }, true],
    ['a policy variable in the account field of aws:SourceArn', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:${aws:PrincipalAccount}:orders' } }, true],
    ['a policy variable in an account-less aws:SourceArn', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::${aws:PrincipalTag/bucket}' } }, true],
    ['a policy variable with a default value in aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': "${aws:PrincipalTag/vpce, 'vpce-0123'}" } }, true],
    ['a policy variable as the organization of aws:PrincipalOrgPaths', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '${aws:PrincipalOrgID}/*' } }, true],
    ['one variable among fixed values', { StringEquals: { 'aws:SourceAccount': ['111122223333', '${aws:PrincipalAccount}'] } }, true],
    ['aws:SourceArn of a fixed account with a variable after it restricts', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:${aws:username}' } }, false],
    ['${*} is a literal asterisk, not a wildcard', { StringLike: { 'aws:SourceVpce': 'vpce-0123${*}' } }, false],
    ['${?} and ${$} are literal characters', { StringEquals: { 'aws:SourceAccount': '1111${?}2222${$}3333' } }, false],
    ['a fixed KMS key id for s3:x-amz-server-side-encryption-aws-kms-key-id restricts', { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' } }, false],
    ['any KMS key of any account does not restrict', { StringLike: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:*:*:key/*' } }, true],
  ];
  for (const [name, condition, expected] of cases) {
    it(name, () => {
      // act
      const answer = analysePublicAccess(withCondition(condition));

      // assert
      assert.equal(answer.public, expected);
    });
  }

  it('names the variable and the rule in the reason', () => {
    // act
    const answer = analysePublicAccess(withCondition({ StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }));

    // assert
    assert.match(
      answer.statements[0]?.reason ?? '',
      /StringEquals aws:SourceAccount "\$\{aws:PrincipalAccount\}": "\$\{aws:PrincipalAccount\}" holds the policy variable \$\{aws:PrincipalAccount\}, so it is not a fixed value/,
    );
  });

  it('names the ARN field that is open', () => {
    const answer = analysePublicAccess(withCondition({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:${aws:PrincipalAccount}:orders' } }));
    assert.match(answer.statements[0]?.reason ?? '', /its account field \("\$\{aws:PrincipalAccount\}"\) holds the policy variable/);
  });

  it('without Version (2008-10-17) "${…}" is literal text, so it is fixed', () => {
    // prepare
    const policy = { Statement: [allow({ Condition: { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } } })] };

    // act
    const answer = analysePublicAccess(policy);

    // assert
    assert.equal(answer.public, false);
  });

  it('in a 2008-10-17 policy "${*}" holds a real wildcard', () => {
    const policy = { Version: '2008-10-17', Statement: [allow({ Condition: { StringLike: { 'aws:SourceVpce': 'vpce-0123${*}' } } })] };
    assert.match(analysePublicAccess(policy).statements[0]?.reason ?? '', /holds the wildcard "\*"/);
  });
});

describe('analysePublicAccess: aws:userid (fixed, or the "AROLEID:*" pattern)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['every session of one role ("AROLEID:*") restricts', 'AROAEXAMPLEROLEID:*', false],
    ['one IAM user id restricts', 'AIDAEXAMPLEUSERID', false],
    ['a variable as the whole value does not restrict', '${aws:userid}', true],
    ['a variable as the role id does not restrict', '${aws:PrincipalTag/role-id}:*', true],
    ['a wildcard role id does not restrict', 'AROA*:*', true],
    ['"*:*" does not restrict', '*:*', true],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => {
      // act
      const answer = analysePublicAccess(withCondition({ StringLike: { 'aws:userid': value } }));

      // assert
      assert.equal(answer.public, expected);
    });
  }

  it('names the open part before the colon', () => {
    const answer = analysePublicAccess(withCondition({ StringLike: { 'aws:userid': 'AROA*:*' } }));
    assert.match(answer.statements[0]?.reason ?? '', /its part before ":" \("AROA\*"\) holds the wildcard "\*"/);
  });
});

describe('analysePublicAccess: aws:SourceIp under the "aws" and "private-only" readings', () => {
  // [ranges, public under "aws", public under "private-only"]
  const cases: Array<[string | string[], boolean, boolean]> = [
    ['8.8.8.8/32', false, true],
    ['8.8.8.8', false, true],
    ['8.8.8.0/24', false, true],
    ['52.94.76.0/22', false, true],
    ['52.0.0.0/8', false, true],
    ['52.0.0.0/7', true, true],
    ['0.0.0.0/7', true, true],
    ['0.0.0.0/1', true, true],
    ['0.0.0.0/0', true, true],
    ['2600:1f18::/32', false, true],
    ['2600:1f18:4000::/36', false, true],
    ['2600::/16', true, true],
    ['::/0', true, true],
    ['10.0.0.0/8', false, false],
    ['fc00::/7', false, false],
    [['10.0.0.0/8', '192.168.1.0/24', 'fd00:ec2::/32'], false, false],
    [['8.8.8.0/24', '2600:1f18::/32'], false, true],
    [['52.94.76.0/22', '0.0.0.0/1'], true, true],
    [['2600:1f18::/32', '2600::/16'], true, true],
    ['not-an-address', true, true],
  ];
  const readings: SourceIpReading[] = ['aws', 'private-only'];
  for (const [ranges, publicUnderAws, publicUnderPrivateOnly] of cases) {
    for (const [reading, expected] of [[readings[0], publicUnderAws], [readings[1], publicUnderPrivateOnly]] as const) {
      it(`${JSON.stringify(ranges)} is ${expected ? 'public' : 'not public'} under "${reading}"`, () => {
        // act
        const answer = analysePublicAccess(withCondition({ IpAddress: { 'aws:SourceIp': ranges } }), { sourceIp: reading });

        // assert
        assert.equal(answer.public, expected);
      });
    }
  }

  it('"aws" is the default reading', () => {
    assert.equal(analysePublicAccess(withCondition({ IpAddress: { 'aws:SourceIp': '8.8.8.8/32' } })).public, false);
  });

  it('NotIpAddress does not restrict under either reading', () => {
    for (const sourceIp of readings) {
      const answer = analysePublicAccess(withCondition({ NotIpAddress: { 'aws:SourceIp': '8.8.8.8/32' } }), { sourceIp });
      assert.match(answer.statements[0]?.reason ?? '', /only IpAddress limits the source/);
    }
  });

  it('"aws" names the range that is too wide and the reading', () => {
    // act
    const answer = analysePublicAccess(withCondition({ IpAddress: { 'aws:SourceIp': ['52.94.76.0/22', '0.0.0.0/1'] } }), { sourceIp: 'aws' });

    // assert
    assert.match(answer.statements[0]?.reason ?? '', /IpAddress aws:SourceIp \["52\.94\.76\.0\/22","0\.0\.0\.0\/1"\]: 0\.0\.0\.0\/1 \(\/1\) is wider than \/8 \(sourceIp reading "aws"/);
  });

  it('"private-only" names the public range and the reading', () => {
    const answer = analysePublicAccess(withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '8.8.8.8/32'] } }), { sourceIp: 'private-only' });
    assert.match(answer.statements[0]?.reason ?? '', /8\.8\.8\.8\/32 is a public range \(sourceIp reading "private-only"/);
  });

  it('says why a restricting list restricts', () => {
    // act
    const assessment = assessClause({ operator: 'IpAddress', key: 'aws:SourceIp', values: ['8.8.8.0/24', '2600:1f18::/32'] }, { sourceIp: 'aws' });

    // assert
    assert.deepEqual(assessment, {
      restricts: true,
      why: 'IpAddress aws:SourceIp ["8.8.8.0/24","2600:1f18::/32"]: every range restricts (sourceIp reading "aws": a range restricts when it is /8 (IPv4) or /32 (IPv6) or narrower, or holds no public address)',
    });
  });
});

describe('analysePublicAccess: documents', () => {
  it('accepts a parsed object and a single Statement object', () => {
    const answer = analysePublicAccess({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' } });
    assert.equal(answer.public, true);
    assert.deepEqual(answer.statements[0]?.actions, ['sqs:SendMessage']);
  });

  it('a policy without statements is not public', () => {
    assert.deepEqual(analysePublicAccess('{"Version":"2012-10-17"}'), { public: false, statements: [] });
  });

  it('rejects text that is not JSON', () => {
    assert.throws(() => analysePublicAccess('{"Statement": ['), PolicyParseError);
  });

  it('rejects a statement that is not an object', () => {
    assert.throws(() => analysePublicAccess({ Statement: ['Allow'] }), /Statement\[0\] must be an object/);
  });

  it('rejects a malformed condition block', () => {
    assert.throws(() => analysePublicAccess(withCondition({ StringEquals: 'vpce-1' as unknown as Record<string, unknown> })), PolicyParseError);
  });
});
