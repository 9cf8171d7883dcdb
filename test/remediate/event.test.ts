/** The custom-action event: parsed without trust, refused as a whole only for what concerns the whole. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { actionTargetArn, buildCustomActionEvent, eventFindings, eventRefusal, EventError, parseCustomActionEvent, requesterOf } from '../../src/remediate/event.js';

const finding = (id: string) => ({ Id: id, ProductArn: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default', GeneratorId: 'ec2-security-group-no-public-restricted-ports', AwsAccountId: '123456789012', Region: 'us-east-1', Title: 't' });

describe('custom-action event', () => {
  it('parses an event as EventBridge sends it, from an object or JSON text', () => {
    // prepare
    const event = buildCustomActionEvent([finding('a')], { account: '123456789012', region: 'us-east-1', id: 'e-1' });
    // act
    const parsed = parseCustomActionEvent(JSON.stringify(event));
    // assert
    assert.equal(parsed.id, 'e-1');
    assert.deepEqual(parsed.resources, ['arn:aws:securityhub:us-east-1:123456789012:action/custom/RampartRemediate']);
    assert.equal(eventRefusal(parsed, 'aws'), undefined);
    assert.equal(eventFindings(parsed)[0]?.ok, true);
  });

  it('names the field of a malformed event', () => {
    // act and assert
    assert.throws(() => parseCustomActionEvent('not json'), EventError);
    assert.throws(() => parseCustomActionEvent({ id: 'x', source: 'aws.securityhub', 'detail-type': 'x', account: '1', region: 'us-east-1', resources: [], detail: { findings: [] } }), /event\.account: must be the 12-digit account id/);
    assert.throws(() => parseCustomActionEvent({ id: 'x', source: 'aws.securityhub', 'detail-type': 'x', account: '123456789012', region: 'us-east-1', resources: [], detail: {} }), /event\.detail\.findings/);
  });

  it('refuses an event of another source, type or action target, or with more than 100 findings', () => {
    // prepare
    const base = buildCustomActionEvent([finding('a')], { account: '123456789012', region: 'us-east-1' });
    // act and assert
    assert.match(eventRefusal({ ...base, source: 'custom.attacker' }, 'aws') ?? '', /source is custom.attacker/);
    assert.match(eventRefusal({ ...base, 'detail-type': 'Security Hub Findings - Imported' }, 'aws') ?? '', /detail-type/);
    assert.match(eventRefusal({ ...base, resources: [actionTargetArn('aws', 'us-east-1', '123456789012', 'Other')] }, 'aws') ?? '', /does not name rampart's action target/);
    assert.match(eventRefusal({ ...base, resources: [actionTargetArn('aws', 'us-east-1', '999999999999')] }, 'aws') ?? '', /does not name/, 'another account\'s action target');
    const many = buildCustomActionEvent(Array.from({ length: 101 }, (_, i) => finding(`f${i}`)), { account: '123456789012', region: 'us-east-1' });
    assert.match(eventRefusal(many, 'aws') ?? '', /101 findings/);
  });

  it('reads each finding on its own: a malformed one is refused alone', () => {
    // prepare
    const event = buildCustomActionEvent([finding('good'), { Id: 'bad' }, 42 as unknown as Record<string, unknown>], { account: '123456789012', region: 'us-east-1' });
    // act
    const findings = eventFindings(event);
    // assert
    assert.deepEqual(findings.map((f) => f.ok), [true, false, false]);
    assert.equal(findings[1]?.ok === false ? findings[1].id : '', 'bad');
    assert.match(findings[2]?.ok === false ? findings[2].reason : '', /detail\.findings\[2\] is malformed/);
  });

  it('names the requester by the action and the event, as the event carries no user identity', () => {
    // prepare
    const event = parseCustomActionEvent(buildCustomActionEvent([], { account: '123456789012', region: 'eu-west-1', id: 'e-9' }));
    // act and assert
    assert.match(requesterOf(event), /custom action .* in 123456789012\/eu-west-1 \(event e-9\)/);
  });
});
