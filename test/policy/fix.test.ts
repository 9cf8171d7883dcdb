import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { analysePublicAccess, editPolicyStatements, fixPublicStatements, planPublicStatementsFix, PolicyParseError, statementNames } from '../../src/policy/index.js';

const ACCOUNT = '111122223333';

/** A hand-written policy: indented, one statement per block, keys in an unusual order. */
const PRIVATE_A = `{
      "Sid": "OwnerRead",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::${ACCOUNT}:root"},
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::bucket/*"
    }`;
const PUBLIC_B = `{ "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*" }`;
const DENY_C = `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`;
const PUBLIC_D = `{"Sid":"Everyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket"}`;

const listed = (...statements: string[]): string => `{\n  "Version": "2012-10-17",\n  "Id": "kept as written",\n  "Statement": [\n    ${statements.join(',\n    ')}\n  ]\n}`;

const remove = { mode: 'remove' } as const;
const restrict = { mode: 'restrict', accountId: ACCOUNT } as const;

describe('editPolicyStatements: remove', () => {
  it('removes only the listed statements; every other statement and the text around the list stay byte for byte', () => {
    // prepare
    const policy = listed(PRIVATE_A, PUBLIC_B, DENY_C, PUBLIC_D);

    // act
    const edit = editPolicyStatements(policy, [1, 3], remove);

    // assert
    assert.equal(edit.policy, listed(PRIVATE_A, DENY_C));
    assert.deepEqual(edit.changes, [
      { index: 1, sid: 'PublicRead', change: 'removed' },
      { index: 3, sid: 'Everyone', change: 'removed' },
    ]);
  });

  it('removing the first statement keeps the layout of the rest', () => {
    // prepare
    const policy = listed(PUBLIC_B, PRIVATE_A, DENY_C);

    // act
    const edit = editPolicyStatements(policy, [0], remove);

    // assert
    assert.equal(edit.policy, listed(PRIVATE_A, DENY_C));
  });

  it('a single statement object (not a list) that is public leaves nothing: the policy is to be deleted', () => {
    // prepare
    const policy = `{"Version":"2012-10-17","Statement":${PUBLIC_B}}`;

    // act
    const edit = editPolicyStatements(policy, [0], remove);

    // assert
    assert.deepEqual(edit, { policy: null, changes: [{ index: 0, sid: 'PublicRead', change: 'removed' }] });
  });

  it('a list whose every statement is public leaves nothing', () => {
    assert.equal(editPolicyStatements(listed(PUBLIC_B, PUBLIC_D), [0, 1], remove).policy, null);
  });

  it('a statement that also names other principals loses only its "*" entries', () => {
    // prepare
    const mixed = `{"Sid":"Mixed","Effect":"Allow","Principal":{"AWS":["*","arn:aws:iam::444455556666:root"],"Service":"logging.s3.amazonaws.com","CanonicalUser":"*"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket/*"}`;
    const policy = listed(PRIVATE_A, mixed);

    // act
    const edit = editPolicyStatements(policy, [1], remove);

    // assert
    const narrowed = { Sid: 'Mixed', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root'], Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/*' };
    assert.equal(edit.policy, listed(PRIVATE_A, JSON.stringify(narrowed)));
    assert.equal(edit.changes[0]?.change, 'narrowed');
    assert.equal(analysePublicAccess(edit.policy ?? '').public, false);
  });

  it('an Allow with NotPrincipal is removed whole', () => {
    // prepare
    const notPrincipal = `{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"s3:GetObject","Resource":"*"}`;

    // act
    const edit = editPolicyStatements(listed(PRIVATE_A, notPrincipal), [1], remove);

    // assert
    assert.equal(edit.policy, listed(PRIVATE_A));
    assert.deepEqual(edit.changes, [{ index: 1, sid: null, change: 'removed' }]);
  });

  it('finds the Statement list even when a string elsewhere looks like one', () => {
    // prepare
    const policy = `{"Id":"\\"Statement\\": [ {\\"Sid\\": \\"decoy\\"} ]","Statement":[${PRIVATE_A},${PUBLIC_B}],"Version":"2012-10-17"}`;

    // act
    const edit = editPolicyStatements(policy, [1], remove);

    // assert
    assert.equal(edit.policy, `{"Id":"\\"Statement\\": [ {\\"Sid\\": \\"decoy\\"} ]","Statement":[${PRIVATE_A}],"Version":"2012-10-17"}`);
  });

  it('edits the last of duplicate Statement keys, the one JSON.parse (and so the analyser) reads', () => {
    // prepare
    const policy = `{"Statement":[${PUBLIC_D}],"Statement":[${PRIVATE_A},${PUBLIC_B}]}`;

    // act
    const edit = editPolicyStatements(policy, [1], remove);

    // assert
    assert.equal(edit.policy, `{"Statement":[${PUBLIC_D}],"Statement":[${PRIVATE_A}]}`);
  });

  it('changes nothing when no statement is listed', () => {
    const policy = listed(PRIVATE_A, PUBLIC_B);
    assert.deepEqual(editPolicyStatements(policy, [], remove), { policy, changes: [] });
  });

  it('throws PolicyParseError on a malformed policy', () => {
    assert.throws(() => editPolicyStatements('{"Statement": [', [0], remove), PolicyParseError);
  });
});

describe('editPolicyStatements: restrict', () => {
  it('adds StringEquals aws:PrincipalAccount to a statement without conditions; the others stay byte for byte', () => {
    // prepare
    const policy = listed(PRIVATE_A, PUBLIC_B, DENY_C);

    // act
    const edit = editPolicyStatements(policy, [1], restrict);

    // assert
    const expected = { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } };
    assert.equal(edit.policy, listed(PRIVATE_A, JSON.stringify(expected), DENY_C));
    assert.deepEqual(edit.changes, [{ index: 1, sid: 'PublicRead', change: 'restricted' }]);
  });

  it('keeps a single statement object a single object', () => {
    // prepare
    const policy = `{"Version":"2012-10-17","Statement":${PUBLIC_B}}`;

    // act
    const edit = editPolicyStatements(policy, [0], restrict);

    // assert
    const parsed = JSON.parse(edit.policy ?? '') as { Statement: { Condition: unknown } };
    assert.deepEqual(parsed.Statement.Condition, { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } });
  });

  it('adds the key to an existing StringEquals, and keeps the conditions already there', () => {
    // prepare
    const statement = `{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-*"},"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}`;

    // act
    const edit = editPolicyStatements(listed(statement), [0], restrict);

    // assert
    const parsed = JSON.parse(edit.policy ?? '') as { Statement: { Condition: unknown }[] };
    assert.deepEqual(parsed.Statement[0]?.Condition, { StringEquals: { 'aws:SourceVpc': 'vpc-*', 'aws:PrincipalAccount': ACCOUNT }, IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } });
  });

  it('uses the next operator when StringEquals already holds aws:PrincipalAccount (a key appears once per operator)', () => {
    // prepare
    const statement = `{"Effect":"Allow","Principal":"*","Action":"es:*","Resource":"*","Condition":{"stringequals":{"AWS:PrincipalAccount":"*"}}}`;

    // act
    const edit = editPolicyStatements(listed(statement), [0], restrict);

    // assert
    const parsed = JSON.parse(edit.policy ?? '') as { Statement: { Condition: unknown }[] };
    assert.deepEqual(parsed.Statement[0]?.Condition, { stringequals: { 'AWS:PrincipalAccount': '*' }, StringEqualsIgnoreCase: { 'aws:PrincipalAccount': ACCOUNT } });
    assert.equal(analysePublicAccess(edit.policy ?? '').public, false);
  });

  it('keeps a statement whose three operators already hold the key, and says why', () => {
    // prepare
    const taken = { 'aws:PrincipalAccount': '*' };
    const statement = JSON.stringify({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: taken, StringEqualsIgnoreCase: taken, StringLike: taken } });
    const policy = listed(statement);

    // act
    const edit = editPolicyStatements(policy, [0], restrict);

    // assert
    assert.equal(edit.policy, policy);
    assert.equal(edit.changes[0]?.change, 'kept');
    assert.match(edit.changes[0]?.why ?? '', /already hold aws:PrincipalAccount/);
  });
});

describe('fixPublicStatements', () => {
  it('edits exactly the statements the analyser flags, and the result is no longer public', () => {
    // prepare
    const policy = listed(PRIVATE_A, PUBLIC_B, DENY_C, PUBLIC_D);

    // act
    const removed = fixPublicStatements(policy, { edit: remove });
    const restricted = fixPublicStatements(policy, { edit: restrict });

    // assert
    assert.deepEqual(removed?.statements.map((s) => s.index), [1, 3]);
    assert.equal(removed?.policy, listed(PRIVATE_A, DENY_C));
    assert.equal(analysePublicAccess(restricted?.policy ?? '').public, false);
    assert.equal(statementNames(restricted?.changes ?? []), 'PublicRead, Everyone');
  });

  it('follows the check\'s sourceIp reading: a public /24 restricts for "aws", not for "private-only"', () => {
    // prepare
    const office = `{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"8.8.8.0/24"}}}`;
    const policy = listed(PRIVATE_A, office);

    // act
    const aws = fixPublicStatements(policy, { sourceIp: 'aws', edit: remove });
    const privateOnly = fixPublicStatements(policy, { sourceIp: 'private-only', edit: remove });
    const restrictedPrivateOnly = fixPublicStatements(policy, { sourceIp: 'private-only', edit: restrict });

    // assert
    assert.equal(aws, undefined);
    assert.equal(privateOnly?.policy, listed(PRIVATE_A));
    assert.equal(analysePublicAccess(restrictedPrivateOnly?.policy ?? '', { sourceIp: 'private-only' }).public, false);
  });

  it('is undefined for a policy with nothing public, Deny "*" included', () => {
    assert.equal(fixPublicStatements(listed(PRIVATE_A, DENY_C), { edit: remove }), undefined);
  });
});

describe('planPublicStatementsFix', () => {
  const where = 'queue q';

  it('puts the edited text, with the statements named in the summary', () => {
    // prepare
    const mixed = `{"Sid":"Mixed","Effect":"Allow","Principal":{"AWS":["*","arn:aws:iam::444455556666:root"]},"Action":"s3:GetObject","Resource":"*"}`;
    const policy = listed(PRIVATE_A, PUBLIC_B, mixed);

    // act
    const removed = planPublicStatementsFix(policy, { mode: 'remove', where });
    const restricted = planPublicStatementsFix(policy, { mode: 'restrict', accountId: ACCOUNT, where });

    // assert
    assert.equal(removed.kind, 'put');
    assert.equal(removed.kind === 'put' ? removed.summary : '', 'remove the public statement(s) PublicRead, drop the "*" principal from statement(s) Mixed in the policy of queue q');
    assert.equal(restricted.kind === 'put' ? restricted.summary : '', `restrict statement(s) PublicRead, Mixed to account ${ACCOUNT} (aws:PrincipalAccount) in the policy of queue q`);
  });

  it('deletes a policy left with no statement', () => {
    assert.deepEqual(planPublicStatementsFix(listed(PUBLIC_B, PUBLIC_D), { mode: 'remove', where }), { kind: 'delete', summary: 'delete the policy of queue q: every statement (PublicRead, Everyone) grants access to everyone', left: [] });
  });

  it('plans nothing for no policy, an empty one, or one with nothing public', () => {
    for (const policy of [undefined, '', listed(PRIVATE_A, DENY_C)]) assert.deepEqual(planPublicStatementsFix(policy, { mode: 'remove', where }), { kind: 'none', left: [] });
  });

  it('names what stays public: a statement it could not restrict, or an owner account it does not know', () => {
    // prepare
    const taken = { 'aws:PrincipalAccount': '*' };
    const policy = listed(JSON.stringify({ Sid: 'Taken', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: taken, StringEqualsIgnoreCase: taken, StringLike: taken } }));

    // act
    const kept = planPublicStatementsFix(policy, { mode: 'restrict', accountId: ACCOUNT, where });
    const unknown = planPublicStatementsFix(listed(PUBLIC_B), { mode: 'restrict', where });

    // assert
    assert.equal(kept.kind, 'none');
    assert.match(kept.left[0] ?? '', /^statement Taken of the policy of queue q is still public: .*already hold aws:PrincipalAccount/);
    assert.deepEqual(unknown, { kind: 'none', left: ['the owner account of queue q is unknown, so its public statements cannot be restricted to it'] });
  });
});
