/**
 * Whether a service is offered in a region at all. A service that has no
 * endpoint in a region (not launched there) or whose region is an opt-in
 * region the account has not enabled is not a finding and not an error: its
 * inventory is empty. A denied call is neither of those: it stays an error.
 */
import { describeAwsError } from './errors.js';

/** Network codes of an endpoint that does not exist (DNS has no name for it). */
const NO_ENDPOINT = new Set(['ENOTFOUND', 'UnknownEndpoint', 'EndpointError']);

export function notOfferedInRegion(error: unknown): boolean {
  const info = describeAwsError(error);
  if (info.kind === 'access-denied') return false;
  if (info.kind === 'region-disabled' && info.code === 'OptInRequired') return true;
  const networkCode = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return NO_ENDPOINT.has(info.code) || (typeof networkCode === 'string' && NO_ENDPOINT.has(networkCode)) || /getaddrinfo ENOTFOUND/.test(info.message);
}

/**
 * The inventory, or the empty inventory when the service is not offered in the
 * collector's region (said at debug level); every other failure is thrown on.
 */
export async function unlessNotOffered<T>(collect: () => Promise<T>, empty: () => T, onSkip?: (why: string) => void): Promise<T> {
  try {
    return await collect();
  } catch (error) {
    if (!notOfferedInRegion(error)) throw error;
    onSkip?.(describeAwsError(error).message);
    return empty();
  }
}
