/** HTTP plumbing of the fake Jira: Jira's error shape, JSON responses, request bodies, Basic auth. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answered as Jira does: { errorMessages: string[], errors: { field: message } }. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[] = [],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${[...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; ')}`);
    this.name = 'JiraHttpError';
  }

  body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export function badRequest(errors: Record<string, string>, errorMessages: string[] = []): JiraHttpError {
  return new JiraHttpError(400, errorMessages, errors);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

export async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; undefined when there is none. */
export function parseJsonBody(raw: string, contentType: string | undefined): unknown {
  if (raw.trim() === '') return undefined;
  if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
    throw new JiraHttpError(415, ['Unsupported Media Type: send Content-Type: application/json']);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new JiraHttpError(400, [`Unexpected character in the JSON body: ${(error as Error).message}`]);
  }
}

/** The email and token of a Basic Authorization header, or undefined. */
export function basicCredentials(header: string | undefined): { email: string; token: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
