/** The HTTP side of the fake: parsing both body encodings, the token, injected faults, and the recording. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, METHODS, type Params, type Reply } from './methods.js';
import type { FailSpec, FakeSlack, FakeSlackMessage, FakeSlackOptions, FakeSlackRequest, RateLimitSpec } from './types.js';
import { Workspace } from './workspace.js';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const METHOD_PATH = /^\/api\/([A-Za-z0-9_.]+)\/?$/;

interface Fault {
  remaining: number;
  method?: string;
  reply: Reply;
  kind: 'ratelimited' | 'http_error';
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The body's params, or the error Slack answers for a body it cannot read. */
function parseBody(contentType: string, body: string): { params: Params; json: boolean; error?: string } {
  if (body.trim().length === 0) return { params: {}, json: false };
  if (contentType === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { params: {}, json: true, error: 'invalid_json' };
      return { params: { ...(parsed as Params) }, json: true };
    } catch {
      return { params: {}, json: true, error: 'invalid_json' };
    }
  }
  if (contentType === 'application/x-www-form-urlencoded' || contentType === '') {
    return { params: Object.fromEntries(new URLSearchParams(body)), json: false };
  }
  return { params: {}, json: false, error: 'invalid_form_data' };
}

/** blocks and attachments arrive as JSON strings in form bodies (and sometimes in JSON bodies): parse them back. */
function decodeStructured(params: Params): void {
  for (const key of ['blocks', 'attachments']) {
    const value = params[key];
    if (typeof value !== 'string' || value.length === 0) continue;
    try {
      params[key] = JSON.parse(value) as unknown;
    } catch {
      // left as the string; the method answers invalid_blocks_format / invalid_attachments
    }
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

/** Starts the fake Slack Web API on 127.0.0.1. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const ws = new Workspace(options);
  let requests: FakeSlackRequest[] = [];
  let faults: Fault[] = [];

  let throttle = { every: 0, retryAfterSeconds: 0, seen: 0 };

  function takeFault(method: string): Fault | undefined {
    if (throttle.every > 0 && (throttle.seen += 1) % throttle.every === 0) {
      return { remaining: 0, method, kind: 'ratelimited', reply: { status: 429, headers: { 'Retry-After': String(throttle.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } } };
    }
    const fault = faults.find((f) => f.remaining > 0 && (f.method === undefined || f.method === method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = METHOD_PATH.exec(url.pathname)?.[1] ?? url.pathname;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let body = '';
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return send(res, { status: 413, body: { ok: false, error: 'request_too_large' } });
      throw error;
    }
    const parsed = parseBody(contentType, body);
    const params: Params = { ...Object.fromEntries(url.searchParams), ...parsed.params };
    // JSON bodies must carry the token in the Authorization header; form bodies and query strings may carry it as a field
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const fieldToken = parsed.json ? url.searchParams.get('token') ?? undefined : typeof params.token === 'string' ? params.token : undefined;
    const token = bearer ?? fieldToken;
    delete params.token;
    decodeStructured(params);
    const record: FakeSlackRequest = { method, httpMethod: req.method ?? 'GET', contentType, params, status: 0, ok: false };
    requests.push(record);

    const reply = answer(method, parsed.error, token, params, record);
    record.status = reply.status ?? 200;
    record.ok = reply.body.ok === true;
    if (typeof reply.body.error === 'string') record.error = reply.body.error;
    send(res, reply);
  }

  function answer(method: string, bodyError: string | undefined, token: string | undefined, params: Params, record: FakeSlackRequest): Reply {
    const fault = takeFault(method);
    if (fault) {
      record.fault = fault.kind;
      return fault.reply;
    }
    const handler = METHODS[method];
    if (!handler) return { status: 404, body: { ok: false, error: 'unknown_method', req_method: method } };
    if (bodyError) return fail(bodyError);
    if (token === undefined || token === '') return fail('not_authed');
    if (token !== ws.token) return fail('invalid_auth');
    return handler(params, ws);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { ok: false, error: 'fatal_error', detail: String(error) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    port,
    token: ws.token,
    get requests() {
      return requests;
    },
    get messages() {
      const byChannel: Record<string, FakeSlackMessage[]> = {};
      for (const channel of ws.channels.values()) byChannel[channel.id] = channel.messages;
      return byChannel;
    },
    message(channel, ts) {
      const found = ws.channel(channel);
      return found ? ws.findMessage(found, ts) : undefined;
    },
    rateLimitNext(spec: RateLimitSpec = {}) {
      const retryAfter = spec.retryAfterSeconds ?? 1;
      faults.push({
        remaining: spec.count ?? 1,
        method: spec.method,
        kind: 'ratelimited',
        reply: { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: { ok: false, error: 'ratelimited' } },
      });
    },
    failNext(spec: FailSpec = {}) {
      const status = spec.status ?? 503;
      faults.push({
        remaining: spec.count ?? 1,
        method: spec.method,
        kind: 'http_error',
        reply: { status, body: { ok: false, error: status === 503 ? 'service_unavailable' : 'internal_error' } },
      });
    },
    throttleEvery(n: number, retryAfterSeconds = 0) {
      throttle = { every: Math.max(0, Math.trunc(n)), retryAfterSeconds, seen: 0 };
    },
    reset() {
      ws.reset();
      requests = [];
      faults = [];
      throttle = { every: 0, retryAfterSeconds: 0, seen: 0 };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
