/** Classifies AWS SDK errors into the few kinds rampart reacts to differently. */
import { redact } from '../util/redact.js';

export type AwsErrorKind = 'access-denied' | 'region-disabled' | 'unsupported' | 'throttling' | 'server' | 'not-found' | 'credentials' | 'unreachable' | 'other';

export interface AwsErrorInfo {
  code: string;
  message: string;
  status?: number;
  kind: AwsErrorKind;
}

const ACCESS_DENIED = new Set([
  'AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden',
  'InvalidAccessException', 'AccessDeniedForDependencyException', 'NotAuthorized',
]);
const REGION_DISABLED = new Set(['OptInRequired', 'AuthFailure', 'InvalidClientTokenId', 'UnrecognizedClientException']);
const UNSUPPORTED = new Set(['UnsupportedOperation', 'UnsupportedOperationException', 'NotImplemented', 'InvalidAction', 'UnknownOperationException']);
const THROTTLING = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
  'LimitExceededException', 'RequestLimitExceeded', 'ProvisionedThroughputExceededException', 'SlowDown',
  'RequestThrottled', 'EC2ThrottledException', 'BandwidthLimitExceeded',
]);
/** The request never reached an endpoint: refused, no such host, no answer. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CREDENTIALS = new Set(['CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'InvalidIdentityToken', 'SignatureDoesNotMatch']);

interface ErrorShape {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  [ENDPOINT_OF_ERROR]?: unknown;
}

/** Where a failed request was sent, put on the error by the clients' middleware (clients.ts). */
export const ENDPOINT_OF_ERROR = Symbol('rampart.endpoint');

/** Marks a network error with the URL it failed to reach (called by the client middleware). */
export function noteEndpoint(error: unknown, request: { protocol?: string; hostname?: string; port?: number } | undefined): void {
  if (typeof error !== 'object' || error === null || !request?.hostname) return;
  const code = (error as ErrorShape).code;
  if (typeof code !== 'string' || !UNREACHABLE.has(code)) return;
  (error as ErrorShape)[ENDPOINT_OF_ERROR] = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
}

export function describeAwsError(error: unknown): AwsErrorInfo {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const code = redact(String(shape.Code ?? shape.code ?? shape.name ?? 'UnknownError'));
  const rawMessage = typeof shape.message === 'string' && shape.message.length > 0 ? shape.message : String(error);
  const statusValue = shape.$metadata?.httpStatusCode;
  const status = typeof statusValue === 'number' ? statusValue : undefined;
  let kind: AwsErrorKind = 'other';
  if (ACCESS_DENIED.has(code) || status === 403) kind = 'access-denied';
  if (REGION_DISABLED.has(code)) kind = 'region-disabled';
  if (UNSUPPORTED.has(code) || status === 501) kind = 'unsupported';
  if (THROTTLING.has(code) || status === 429) kind = 'throttling';
  if (CREDENTIALS.has(code)) kind = 'credentials';
  if (kind === 'other' && status !== undefined && status >= 500) kind = 'server';
  if (kind === 'other' && /NotFound|NoSuch/.test(code)) kind = 'not-found';
  if (UNREACHABLE.has(code)) {
    const endpoint = shape[ENDPOINT_OF_ERROR];
    return { code, message: `cannot reach ${typeof endpoint === 'string' ? redact(endpoint) : 'the endpoint'}: ${code}`, kind: 'unreachable' };
  }
  // A body the SDK could not parse: the endpoint answered something that is not an AWS response.
  // The message is redacted whole, before it is cut: a cut secret would no longer be recognised.
  const detail = code === 'SyntaxError' && status !== undefined
    ? `the endpoint answered HTTP ${status} with a body that is not an AWS response (does it support this operation?)`
    : redact(rawMessage).replace(/\s+/g, ' ').trim();
  const message = `${code}: ${detail}`.slice(0, 500);
  return { code, message, status, kind };
}

export function isRetryableAwsError(error: unknown): boolean {
  const { kind } = describeAwsError(error);
  return kind === 'throttling' || kind === 'server';
}
