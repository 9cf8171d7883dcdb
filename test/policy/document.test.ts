import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { matchesWildcard, parsePolicy } from '../../src/policy/index.js';

describe('matchesWildcard', () => {
  it('* matches any run of characters, ? exactly one', () => {
    assert.equal(matchesWildcard('s3:Get*', 's3:GetObject'), true);
    assert.equal(matchesWildcard('s3:GetObjec?', 's3:GetObject'), true);
    assert.equal(matchesWildcard('s3:Get?', 's3:GetObject'), false);
    assert.equal(matchesWildcard('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c'), true);
  });

  it('treats regular expression characters literally', () => {
    assert.equal(matchesWildcard('arn:aws:s3:::a.b', 'arn:aws:s3:::aXb'), false);
    assert.equal(matchesWildcard('arn:aws:s3:::a+(b)', 'arn:aws:s3:::a+(b)'), true);
  });

  it('ignores case only when asked', () => {
    assert.equal(matchesWildcard('S3:getobject', 's3:GetObject'), false);
    assert.equal(matchesWildcard('S3:getobject', 's3:GetObject', { ignoreCase: true }), true);
  });
});

describe('parsePolicy', () => {
  it('normalises single values to lists and flattens conditions', () => {
    // prepare
    const text = JSON.stringify({
      Statement: {
        Sid: 'One',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: 'arn:aws:s3:::b',
        Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:TlsVersion': [1.2] } },
      },
    });

    // act
    const [statement] = parsePolicy(text).statements;

    // assert
    assert.equal(statement?.sid, 'One');
    assert.deepEqual(statement?.principal, { kind: 'typed', byType: { AWS: ['*'] } });
    assert.deepEqual(statement?.action, ['s3:*']);
    assert.deepEqual(statement?.resource, ['arn:aws:s3:::b']);
    assert.deepEqual(statement?.conditions, [
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
      { operator: 'NumericLessThan', key: 's3:TlsVersion', values: ['1.2'] },
    ]);
  });

  it('records the policy language Version, which decides whether ${…} is a policy variable', () => {
    assert.equal(parsePolicy({ Version: '2012-10-17', Statement: [] }).version, '2012-10-17');
    assert.equal(parsePolicy({ Statement: [] }).version, undefined);
  });

  it('rejects a principal that is neither "*" nor an object', () => {
    assert.throws(() => parsePolicy({ Statement: [{ Effect: 'Allow', Principal: 'arn:aws:iam::1:root' }] }), /Principal must be/);
  });

  it('rejects a document that is not an object', () => {
    assert.throws(() => parsePolicy('[]'), /must be a JSON object/);
  });
});
