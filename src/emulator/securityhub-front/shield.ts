/**
 * Shield Advanced's subscription and the Shield Response Team's access, which
 * moto cannot show (its DescribeSubscription dates do not parse and it has no
 * DescribeDRTAccess): kept per account and answered in the service's wire
 * format (JSON 1.1, X-Amz-Target AWSShield_20160616.*, epoch-second times).
 * Protections stay moto's.
 */
import { ApiError, type JsonObject } from './wire.js';

const PREFIX = 'AWSShield_20160616.';
const YEAR_SECONDS = 365 * 24 * 3600;
const MAX_LOG_BUCKETS = 10;

interface Subscription {
  startTime: number;
  endTime: number;
  autoRenew: 'ENABLED' | 'DISABLED';
  drtRoleArn?: string;
  logBuckets: string[];
}

const stringMember = (input: JsonObject, key: string): string => {
  const value = input[key];
  if (typeof value !== 'string' || value === '') throw new ApiError('InvalidParameterException', `${key} is required`);
  return value;
};

export class ShieldState {
  private readonly subscriptions = new Map<string, Subscription>();

  clear(): void {
    this.subscriptions.clear();
  }

  /** Whether the front answers this target (the rest is moto's). */
  static serves(target: string | undefined): target is string {
    return target !== undefined && target.startsWith(PREFIX) && OPERATIONS.has(target.slice(PREFIX.length));
  }

  private subscribed(accountId: string): Subscription {
    const found = this.subscriptions.get(accountId);
    if (!found) throw new ApiError('ResourceNotFoundException', 'The subscription does not exist.');
    return found;
  }

  serve(accountId: string, target: string, input: JsonObject): JsonObject {
    const operation = target.slice(PREFIX.length);
    switch (operation) {
      case 'CreateSubscription': {
        if (this.subscriptions.has(accountId)) throw new ApiError('ResourceAlreadyExistsException', 'The subscription already exists.');
        const now = Math.floor(Date.now() / 1000);
        this.subscriptions.set(accountId, { startTime: now, endTime: now + YEAR_SECONDS, autoRenew: 'ENABLED', logBuckets: [] });
        return {};
      }
      case 'DescribeSubscription': {
        const s = this.subscribed(accountId);
        return {
          Subscription: {
            StartTime: s.startTime, EndTime: s.endTime, TimeCommitmentInSeconds: YEAR_SECONDS, AutoRenew: s.autoRenew, ProactiveEngagementStatus: 'DISABLED',
            SubscriptionLimits: { ProtectionLimits: { ProtectedResourceTypeLimits: [] }, ProtectionGroupLimits: { MaxProtectionGroups: 100, PatternTypeLimits: { ArbitraryPatternLimits: { MaxMembers: 1000 } } } },
          },
        };
      }
      case 'UpdateSubscription': {
        const s = this.subscribed(accountId);
        const autoRenew = input.AutoRenew;
        if (autoRenew !== undefined && autoRenew !== 'ENABLED' && autoRenew !== 'DISABLED') throw new ApiError('InvalidParameterException', 'AutoRenew must be ENABLED or DISABLED');
        if (autoRenew) s.autoRenew = autoRenew;
        return {};
      }
      case 'AssociateDRTRole':
        this.subscribed(accountId).drtRoleArn = stringMember(input, 'RoleArn');
        return {};
      case 'DisassociateDRTRole':
        delete this.subscribed(accountId).drtRoleArn;
        return {};
      case 'AssociateDRTLogBucket': {
        const s = this.subscribed(accountId);
        const bucket = stringMember(input, 'LogBucket');
        if (!s.drtRoleArn) throw new ApiError('InvalidParameterException', 'Authorize the Shield Response Team role (AssociateDRTRole) before its log buckets.');
        if (!s.logBuckets.includes(bucket)) {
          if (s.logBuckets.length >= MAX_LOG_BUCKETS) throw new ApiError('InvalidParameterException', `At most ${MAX_LOG_BUCKETS} log buckets.`);
          s.logBuckets.push(bucket);
        }
        return {};
      }
      case 'DisassociateDRTLogBucket': {
        const s = this.subscribed(accountId);
        const bucket = stringMember(input, 'LogBucket');
        s.logBuckets = s.logBuckets.filter((b) => b !== bucket);
        return {};
      }
      case 'DescribeDRTAccess': {
        const s = this.subscriptions.get(accountId);
        return { ...(s?.drtRoleArn ? { RoleArn: s.drtRoleArn } : {}), ...(s && s.logBuckets.length > 0 ? { LogBucketList: [...s.logBuckets] } : {}) };
      }
      default:
        throw new ApiError('InvalidParameterException', `the local emulator does not serve Shield ${operation}`);
    }
  }
}

const OPERATIONS = new Set(['CreateSubscription', 'DescribeSubscription', 'UpdateSubscription', 'AssociateDRTRole', 'DisassociateDRTRole', 'AssociateDRTLogBucket', 'DisassociateDRTLogBucket', 'DescribeDRTAccess']);

