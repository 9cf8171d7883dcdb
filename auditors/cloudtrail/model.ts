/** The CloudTrail settings the checks read, as plain records made from the SDK answers. */
import type { AdvancedEventSelector, EventSelector, GetTrailStatusCommandOutput } from '@aws-sdk/client-cloudtrail';

/** Which management events a trail records. */
export type ManagementEvents = 'All' | 'ReadOnly' | 'WriteOnly' | 'None';

export interface TrailStatus {
  /** Undefined when the service did not say. */
  isLogging?: boolean;
  latestDeliveryError?: string;
  latestDeliveryAttemptTime?: string;
  /** The last successful delivery to S3. */
  latestDeliveryTime?: string;
  latestNotificationError?: string;
  latestCloudWatchLogsDeliveryError?: string;
  latestDigestDeliveryError?: string;
  stopLoggingTime?: string;
}

const text = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

export function toTrailStatus(answer: GetTrailStatusCommandOutput): TrailStatus {
  const fields: Record<keyof TrailStatus, string | boolean | undefined> = {
    isLogging: answer.IsLogging,
    latestDeliveryError: text(answer.LatestDeliveryError),
    latestDeliveryAttemptTime: text(answer.LatestDeliveryAttemptTime),
    latestDeliveryTime: answer.LatestDeliveryTime?.toISOString(),
    latestNotificationError: text(answer.LatestNotificationError),
    latestCloudWatchLogsDeliveryError: text(answer.LatestCloudWatchLogsDeliveryError),
    latestDigestDeliveryError: text(answer.LatestDigestDeliveryError),
    stopLoggingTime: answer.StopLoggingTime?.toISOString(),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as TrailStatus;
}

type Coverage = { read: boolean; write: boolean };

function basicCoverage(selector: EventSelector): Coverage {
  // IncludeManagementEvents and ReadWriteType default to true and All.
  if (selector.IncludeManagementEvents === false) return { read: false, write: false };
  const type = selector.ReadWriteType ?? 'All';
  return { read: type !== 'WriteOnly', write: type !== 'ReadOnly' };
}

function advancedCoverage(selector: AdvancedEventSelector): Coverage {
  const fields = selector.FieldSelectors ?? [];
  const category = fields.find((f) => f.Field === 'eventCategory');
  if (!category?.Equals?.includes('Management')) return { read: false, write: false };
  const readOnly = fields.find((f) => f.Field === 'readOnly')?.Equals;
  if (!readOnly || readOnly.length === 0) return { read: true, write: true };
  return { read: readOnly.includes('true'), write: readOnly.includes('false') };
}

/**
 * The management events a trail's selectors record. No selectors at all is
 * the default configuration (every management event) unless DescribeTrails
 * said the trail has custom selectors.
 */
export function managementEventsOf(
  answer: { EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] },
  hasCustomEventSelectors: boolean | undefined,
): ManagementEvents {
  const basic = answer.EventSelectors ?? [];
  const advanced = answer.AdvancedEventSelectors ?? [];
  if (basic.length === 0 && advanced.length === 0) return hasCustomEventSelectors === true ? 'None' : 'All';
  const coverage = [...basic.map(basicCoverage), ...advanced.map(advancedCoverage)];
  const read = coverage.some((c) => c.read);
  const write = coverage.some((c) => c.write);
  if (read && write) return 'All';
  if (read) return 'ReadOnly';
  if (write) return 'WriteOnly';
  return 'None';
}

/** The region and account of a trail ARN (arn:partition:cloudtrail:region:account:trail/name). */
export function parseTrailArn(arn: string): { region?: string; accountId?: string } {
  const [, , , region, accountId] = arn.split(':');
  return { ...(region ? { region } : {}), ...(accountId ? { accountId } : {}) };
}
