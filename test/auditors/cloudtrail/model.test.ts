import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { managementEventsOf, parseTrailArn, toTrailStatus } from '../../../auditors/cloudtrail/model.js';

const S3_DATA = { Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] };

describe('managementEventsOf', () => {
  it('reads basic selectors: defaults, exclusions and read/write halves', () => {
    assert.equal(managementEventsOf({ EventSelectors: [{}] }, true), 'All');
    assert.equal(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }, true), 'All');
    assert.equal(managementEventsOf({ EventSelectors: [{ IncludeManagementEvents: false, DataResources: [S3_DATA] }] }, true), 'None');
    assert.equal(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }] }, true), 'ReadOnly');
    assert.equal(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }, true), 'WriteOnly');
    assert.equal(managementEventsOf({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'WriteOnly' }] }, true), 'All');
  });

  it('reads advanced selectors: the Management category, with or without readOnly', () => {
    const management = { Field: 'eventCategory', Equals: ['Management'] };
    assert.equal(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management] }] }, true), 'All');
    assert.equal(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management, { Field: 'readOnly', Equals: ['false'] }] }] }, true), 'WriteOnly');
    assert.equal(managementEventsOf({ AdvancedEventSelectors: [{ FieldSelectors: [management, { Field: 'readOnly', Equals: ['true'] }] }] }, true), 'ReadOnly');
    const data = { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] };
    assert.equal(managementEventsOf({ AdvancedEventSelectors: [data] }, true), 'None');
  });

  it('no selectors at all is the default (every management event) unless the trail says it has custom selectors', () => {
    assert.equal(managementEventsOf({ EventSelectors: [], AdvancedEventSelectors: [] }, false), 'All');
    assert.equal(managementEventsOf({}, undefined), 'All');
    assert.equal(managementEventsOf({ EventSelectors: [], AdvancedEventSelectors: [] }, true), 'None');
  });
});

describe('toTrailStatus', () => {
  it('drops the empty strings the emulator sends and keeps dates as ISO strings', () => {
    const status = toTrailStatus({
      $metadata: {},
      IsLogging: true,
      LatestDeliveryError: '',
      LatestDeliveryAttemptTime: '2025-06-30T10:00:00Z',
      LatestDeliveryTime: new Date('2025-06-30T10:00:00Z'),
      LatestNotificationError: 'SNS topic gone',
    });
    assert.deepEqual(status, {
      isLogging: true,
      latestDeliveryAttemptTime: '2025-06-30T10:00:00Z',
      latestDeliveryTime: '2025-06-30T10:00:00.000Z',
      latestNotificationError: 'SNS topic gone',
    });
  });
});

describe('parseTrailArn', () => {
  it('takes the region and account of a trail ARN', () => {
    assert.deepEqual(parseTrailArn('arn:aws:cloudtrail:eu-west-1:999999999999:trail/org'), { region: 'eu-west-1', accountId: '999999999999' });
    assert.deepEqual(parseTrailArn('not-an-arn'), {});
  });
});
