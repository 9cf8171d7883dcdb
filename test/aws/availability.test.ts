/** A service not offered in a region is an empty inventory; a denied call is still an error. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { notOfferedInRegion, unlessNotOffered } from '../../src/aws/availability.js';

const awsError = (name: string, status: number) => Object.assign(new Error(`${name} (injected)`), { name, $metadata: { httpStatusCode: status } });

describe('service availability', () => {
  it('an endpoint that does not resolve and an opt-in region not enabled mean "not offered here"', () => {
    // act and assert
    assert.equal(notOfferedInRegion(Object.assign(new Error('getaddrinfo ENOTFOUND kafka.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND' })), true);
    assert.equal(notOfferedInRegion(awsError('OptInRequired', 401)), true);
  });

  it('denied, throttled and other failures are not', () => {
    // act and assert
    assert.equal(notOfferedInRegion(awsError('AccessDeniedException', 403)), false);
    assert.equal(notOfferedInRegion(awsError('ThrottlingException', 400)), false);
    assert.equal(notOfferedInRegion(awsError('InternalFailure', 500)), false);
  });

  it('unlessNotOffered gives the empty inventory only for "not offered"', async () => {
    // prepare
    const skipped: string[] = [];
    // act
    const empty = await unlessNotOffered(() => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })), () => [] as string[], (why) => skipped.push(why));
    // assert
    assert.deepEqual(empty, []);
    assert.equal(skipped.length, 1);
    await assert.rejects(unlessNotOffered(() => Promise.reject(awsError('AccessDeniedException', 403)), () => []), /AccessDenied/);
  });
});
