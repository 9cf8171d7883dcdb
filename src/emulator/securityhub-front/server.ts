/** The HTTP side of the front: telling Security Hub calls apart, the caller's account, routing, and the pass-through. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActionTarget, createInsight, deleteActionTarget, deleteInsight, describeActionTargets, getInsightResults, getInsights, updateActionTarget, updateInsight } from './custom.js';
import { afterImport, batchUpdateFindings, getFindings, type OperationContext } from './findings.js';
import { FrontState } from './state.js';
import { BackupState } from './backup.js';
import { appStreamAnswer } from './appstream.js';
import { AccessAnalyzerState } from './access-analyzer.js';
import { SSM_REGISTER_PATH, SSM_TARGETS, SsmState, type ManagedInstanceSeed } from './ssm.js';
import { withUtcTimes } from './kafka.js';
import { ShieldState } from './shield.js';
import { Upstream, UpstreamFailure } from './upstream.js';
import { ApiError, credentialScope, invalidInput, isObject, parseJsonObject, partitionOf, readBody, rescope, sendError, sendJson, type CredentialScope, type JsonObject } from './wire.js';

export interface SecurityHubFrontOptions {
  /** moto's endpoint, e.g. http://127.0.0.1:5000. */
  upstream: string;
  /** 0 (a free port) unless given. */
  port?: number;
}

export interface SecurityHubFront {
  /** http://127.0.0.1:<port>: the endpoint every client uses instead of moto's. */
  readonly url: string;
  readonly port: number;
  /** Forgets overlays, action targets, insights and known accounts; POST /moto-api/reset does it too. */
  reset(): void;
  close(): Promise<void>;
}

type Operation = (ctx: OperationContext) => JsonObject | Promise<JsonObject>;

interface Route {
  method: string;
  path: string;
  /** The rest of the path after `path` is the operation's ARN ({ActionTargetArn+}, {InsightArn+}). */
  greedy?: boolean;
  operation: Operation;
}

/** The operations moto lacks (and GetFindings, whose filters and overlay the front applies), as the SDK's model routes them. */
const ROUTES: readonly Route[] = [
  { method: 'PATCH', path: '/findings/batchupdate', operation: batchUpdateFindings },
  { method: 'POST', path: '/findings', operation: getFindings },
  { method: 'POST', path: '/actionTargets', operation: createActionTarget },
  { method: 'POST', path: '/actionTargets/get', operation: describeActionTargets },
  { method: 'PATCH', path: '/actionTargets/', greedy: true, operation: updateActionTarget },
  { method: 'DELETE', path: '/actionTargets/', greedy: true, operation: deleteActionTarget },
  { method: 'POST', path: '/insights', operation: createInsight },
  { method: 'POST', path: '/insights/get', operation: getInsights },
  { method: 'GET', path: '/insights/results/', greedy: true, operation: getInsightResults },
  { method: 'PATCH', path: '/insights/', greedy: true, operation: updateInsight },
  { method: 'DELETE', path: '/insights/', greedy: true, operation: deleteInsight },
];

function route(method: string, pathname: string): { operation: Operation; arn: string } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    if (!candidate.greedy && pathname === candidate.path) return { operation: candidate.operation, arn: '' };
    if (candidate.greedy && pathname.startsWith(candidate.path) && pathname.length > candidate.path.length) {
      try {
        return { operation: candidate.operation, arn: decodeURIComponent(pathname.slice(candidate.path.length)) };
      } catch {
        return { operation: () => Promise.reject(invalidInput('The ARN in the path is not validly encoded')), arn: '' };
      }
    }
  }
  return undefined;
}

const STS_CALLER_IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15';

export async function startSecurityHubFront(options: SecurityHubFrontOptions): Promise<SecurityHubFront> {
  const upstream = new Upstream(options.upstream);
  const state = new FrontState();
  const backup = new BackupState();
  const accessAnalyzer = new AccessAnalyzerState();
  const ssm = new SsmState();
  const shield = new ShieldState();
  /** Account per access key id: moto maps keys to accounts (assumed-role keys to the role's account) until it is reset. */
  let accounts = new Map<string, Promise<string>>();

  function reset(): void {
    state.clear();
    backup.clear();
    accessAnalyzer.clear();
    ssm.clear();
    shield.clear();
    accounts = new Map();
  }

  async function lookUpAccount(authorization: string): Promise<string> {
    // moto does not check signatures, so the caller's own Authorization header, scoped to sts, asks moto who the caller is
    const reply = await upstream.call('POST', '/', { authorization: rescope(authorization, 'sts'), 'content-type': 'application/x-www-form-urlencoded' }, STS_CALLER_IDENTITY);
    const account = /<Account>(\d{12})<\/Account>/.exec(reply.body.toString('utf8'))?.[1];
    if (reply.status !== 200 || account === undefined) throw new ApiError('InternalException', `the local Security Hub front could not learn the caller's account from moto's STS (HTTP ${reply.status})`);
    return account;
  }

  function accountOf(credential: CredentialScope, authorization: string): Promise<string> {
    let known = accounts.get(credential.accessKeyId);
    if (!known) {
      const lookups = accounts;
      known = lookUpAccount(authorization);
      lookups.set(credential.accessKeyId, known);
      known.catch(() => lookups.delete(credential.accessKeyId));
    }
    return known;
  }

  async function motoFindings(headers: IncomingHttpHeaders): Promise<JsonObject[]> {
    const asked = { ...headers, 'content-type': 'application/json' };
    const all: JsonObject[] = [];
    let token: string | undefined;
    do {
      const reply = await upstream.call('POST', '/findings', asked, JSON.stringify(token === undefined ? { MaxResults: 100 } : { MaxResults: 100, NextToken: token }));
      if (reply.status !== 200) throw new UpstreamFailure(reply);
      const page = parseJsonObject(reply.body);
      if (Array.isArray(page.Findings)) all.push(...page.Findings.filter(isObject));
      token = typeof page.NextToken === 'string' && page.NextToken !== '' ? page.NextToken : undefined;
    } while (token !== undefined);
    return all;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, credential: CredentialScope, authorization: string, matched: { operation: Operation; arn: string }): Promise<void> {
    try {
      const input = parseJsonObject(await readBody(req));
      const accountId = await accountOf(credential, authorization);
      const ctx: OperationContext = {
        scope: state.scope(accountId, credential.region, partitionOf(credential.region)),
        input,
        arn: matched.arn,
        motoFindings: () => motoFindings(req.headers),
      };
      sendJson(res, 200, await matched.operation(ctx));
    } catch (error) {
      if (error instanceof ApiError) sendError(res, error);
      else if (error instanceof UpstreamFailure) Upstream.relay(res, error.reply);
      else throw error;
    }
  }

  /** BatchImportFindings goes to moto as sent; the front only watches it for findings it must reopen. */
  async function importFindings(req: IncomingMessage, res: ServerResponse, credential: CredentialScope, authorization: string): Promise<void> {
    const body = await readBody(req);
    const accountId = await accountOf(credential, authorization);
    const reply = await upstream.call(req.method ?? 'POST', req.url ?? '/findings/import', req.headers, body);
    if (reply.status === 200) {
      try {
        afterImport(state.scope(accountId, credential.region, partitionOf(credential.region)), parseJsonObject(body), parseJsonObject(reply.body));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
    }
    Upstream.relay(res, reply);
  }

  /** The Backup operations moto lacks (selections, region settings, protected resources); the rest goes to moto. */
  async function serveBackup(req: IncomingMessage, res: ServerResponse, credential: CredentialScope, authorization: string, method: string, pathname: string): Promise<void> {
    const body = await readBody(req);
    try {
      const accountId = await accountOf(credential, authorization);
      const answer = backup.serve(`${accountId}/${credential.region}`, method, pathname, parseJsonObject(body));
      if (answer !== undefined) return sendJson(res, 200, answer);
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      throw error;
    }
    Upstream.relay(res, await upstream.call(method, req.url ?? pathname, req.headers, body));
  }

  /** The instance information SSM Agent would report (the front's own seeding route, not an AWS API). */
  async function registerManagedInstances(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const input = parseJsonObject(await readBody(req));
      const { accountId, region, instances } = input;
      if (typeof accountId !== 'string' || typeof region !== 'string' || !Array.isArray(instances)) throw invalidInput('expected { accountId, region, instances: [...] }');
      ssm.register(accountId, region, instances.filter(isObject) as unknown as ManagedInstanceSeed[]);
      sendJson(res, 200, { registered: instances.length });
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      throw error;
    }
  }

  /** DescribeInstanceInformation and DescribeInstancePatchStates from what was registered; every other SSM call goes to moto. */
  async function serveSsm(req: IncomingMessage, res: ServerResponse, credential: CredentialScope, authorization: string, method: string, pathname: string): Promise<void> {
    const body = await readBody(req);
    const target = req.headers['x-amz-target'];
    try {
      if (typeof target === 'string' && SSM_TARGETS.has(target)) {
        const answer = ssm.serve(await accountOf(credential, authorization), credential.region, target, parseJsonObject(body));
        if (answer !== undefined) return sendJson(res, 200, answer, { 'Content-Type': 'application/x-amz-json-1.1' });
      }
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error);
      throw error;
    }
    Upstream.relay(res, await upstream.call(method, req.url ?? pathname, req.headers, body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (method === 'POST' && pathname === '/moto-api/reset') {
      const reply = await upstream.call(method, req.url ?? pathname, req.headers, await readBody(req));
      if (reply.status < 300) reset();
      Upstream.relay(res, reply);
      return;
    }
    if (method === 'POST' && pathname === SSM_REGISTER_PATH) return registerManagedInstances(req, res);
    const authorization = req.headers.authorization;
    const credential = credentialScope(authorization);
    if (credential?.service === 'ssm' && authorization !== undefined) return serveSsm(req, res, credential, authorization, method, pathname);
    if (credential?.service === 'shield' && authorization !== undefined) {
      const header = req.headers['x-amz-target'];
      const target = typeof header === 'string' ? header : undefined;
      const body = await readBody(req);
      if (!ShieldState.serves(target)) return Upstream.relay(res, await upstream.call(method, req.url ?? pathname, req.headers, body));
      try {
        return sendJson(res, 200, shield.serve(await accountOf(credential, authorization), target, parseJsonObject(body)), { 'Content-Type': 'application/x-amz-json-1.1' });
      } catch (error) {
        if (error instanceof ApiError) return sendError(res, error);
        throw error;
      }
    }
    if (credential?.service === 'kafka') {
      const reply = await upstream.call(method, req.url ?? pathname, req.headers, await readBody(req));
      return Upstream.relay(res, { ...reply, body: withUtcTimes(reply.body) });
    }
    if (credential?.service === 'backup' && authorization !== undefined) return serveBackup(req, res, credential, authorization, method, pathname);
    if (credential?.service === 'access-analyzer' && authorization !== undefined) {
      const body = await readBody(req);
      try {
        const accountId = await accountOf(credential, authorization);
        const answer = accessAnalyzer.serve(accountId, credential.region, partitionOf(credential.region), method, pathname, new URL(req.url ?? '/', 'http://127.0.0.1').searchParams, parseJsonObject(body));
        if (answer !== undefined) return sendJson(res, 200, answer);
        return sendError(res, new ApiError('InvalidInputException', `the local emulator serves only CreateAnalyzer and ListAnalyzers of IAM Access Analyzer (${method} ${pathname})`));
      } catch (error) {
        if (error instanceof ApiError) return sendError(res, error);
        throw error;
      }
    }
    if (credential?.service === 'appstream') {
      await readBody(req);
      const target = req.headers['x-amz-target'];
      const answer = appStreamAnswer(typeof target === 'string' ? target : undefined);
      if (answer !== undefined) return sendJson(res, 200, answer, { 'Content-Type': 'application/x-amz-json-1.1' });
      return sendJson(res, 400, { __type: 'UnknownOperationException', message: `the local emulator does not serve AppStream ${String(target)}` }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
    }
    if (credential?.service !== 'securityhub' || authorization === undefined) return upstream.pipe(req, res);
    if (method === 'POST' && pathname === '/findings/import') {
      return state.hasOverlays() ? importFindings(req, res, credential, authorization) : upstream.pipe(req, res);
    }
    const matched = route(method, pathname);
    if (!matched) return upstream.pipe(req, res);
    return serve(req, res, credential, authorization, matched);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, new ApiError('InternalException', `the local Security Hub front failed: ${String(error)}`));
      else res.destroy();
    });
  });
  // clients keep connections to the front open; it must not close one just as a request starts on it
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    reset,
    close() {
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => {
          upstream.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
