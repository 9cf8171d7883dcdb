/** Security Hub's restJson1 wire format: the SigV4 scope, JSON bodies, errors, input checks and page tokens. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type JsonObject = Record<string, unknown>;

export type ErrorCode =
  | 'InvalidInputException'
  | 'InvalidAccessException'
  | 'ResourceNotFoundException'
  | 'ResourceConflictException'
  | 'LimitExceededException'
  | 'ValidationException'
  | 'ResourceAlreadyExistsException'
  | 'InvalidParameterException'
  | 'InternalException';

/** The HTTP status of each error, as the SDK's model declares it. */
const ERROR_STATUS: Record<ErrorCode, number> = {
  InvalidInputException: 400,
  InvalidAccessException: 401,
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  LimitExceededException: 429,
  ValidationException: 400,
  ResourceAlreadyExistsException: 400,
  InvalidParameterException: 400,
  InternalException: 500,
};

export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = code;
  }
}

export const invalidInput = (message: string): ApiError => new ApiError('InvalidInputException', message);
export const notFound = (message: string): ApiError => new ApiError('ResourceNotFoundException', message);

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  const match = authorization ? CREDENTIAL.exec(authorization) : null;
  if (!match) return undefined;
  return { accessKeyId: match[1] as string, region: match[2] as string, service: match[3] as string };
}

/** The same Authorization header, scoped to another service (moto picks the backend by the scope). */
export function rescope(authorization: string, service: string): string {
  return authorization.replace(/(Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/)[^/,\s]+(\/aws4_request)/, `$1${service}$2`);
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonObject(body: Buffer): JsonObject {
  const text = body.toString('utf8').trim();
  if (text.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidInput('The request body is not valid JSON');
  }
  if (!isObject(parsed)) throw invalidInput('The request body must be a JSON object');
  return parsed;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

/** The SDK reads the error name from x-amzn-ErrorType (or `__type`/`code` in the body) and the message from Message. */
export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, ERROR_STATUS[error.code], { __type: error.code, Code: error.code, Message: error.message }, { 'x-amzn-ErrorType': error.code });
}

// Input checks: each names the member the way the real API's messages do.

export function optionalString(input: JsonObject, key: string, max?: number): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidInput(`Invalid parameter '${key}': must be a string`);
  if (max !== undefined && value.length > max) throw invalidInput(`Invalid parameter '${key}': must be at most ${max} characters`);
  return value;
}

export function requiredString(input: JsonObject, key: string, max?: number): string {
  const value = optionalString(input, key, max);
  if (value === undefined || value.trim().length === 0) throw invalidInput(`Missing required parameter '${key}'`);
  return value;
}

export function optionalInteger(input: JsonObject, key: string, min: number, max: number): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(`Invalid parameter '${key}': must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalStringList(input: JsonObject, key: string, maxItems?: number): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidInput(`Invalid parameter '${key}': must be a list of strings`);
  if (maxItems !== undefined && value.length > maxItems) throw invalidInput(`Invalid parameter '${key}': must have at most ${maxItems} items`);
  return value as string[];
}

export function optionalEnum<T extends string>(value: unknown, key: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`Invalid parameter '${key}': must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export interface PageRequest {
  max: number;
  offset: number;
}

/** MaxResults (1 to 100) and NextToken, an opaque offset; a token that does not decode is an InvalidInputException, as in the real API. */
export function pageRequest(input: JsonObject, defaultMax = 100): PageRequest {
  const max = optionalInteger(input, 'MaxResults', 1, 100) ?? defaultMax;
  const token = optionalString(input, 'NextToken');
  if (token === undefined || token === '') return { max, offset: 0 };
  const decoded = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!decoded) throw invalidInput(`Invalid parameter 'NextToken': the token is not valid`);
  return { max, offset: Number(decoded[1]) };
}

export function pageOf<T>(all: readonly T[], { max, offset }: PageRequest): { items: T[]; nextToken?: string } {
  const items = all.slice(offset, offset + max);
  const next = offset + max;
  return next < all.length ? { items, nextToken: Buffer.from(`o${next}`).toString('base64url') } : { items };
}
