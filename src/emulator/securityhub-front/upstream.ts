/** moto behind the front: requests streamed through unchanged, or made and read whole when the front needs the answer. */
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';

/** Headers that describe one connection, not the message (RFC 9110 section 7.6.1); expect is answered by the front itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']);

export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
}

export interface UpstreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** moto answered with an error the front passes on as it is. */
export class UpstreamFailure extends Error {
  constructor(readonly reply: UpstreamReply) {
    super(`moto answered HTTP ${reply.status}`);
  }
}

export class Upstream {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly host: string;
  private readonly port: number;

  constructor(endpoint: string) {
    const url = new URL(endpoint);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  /** Streams the request to moto and moto's answer back, without reading either. */
  pipe(req: IncomingMessage, res: ServerResponse): void {
    const out = request({ host: this.host, port: this.port, agent: this.agent, method: req.method, path: req.url, headers: endToEnd(req.headers) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    out.on('error', (error) => {
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`the Security Hub front could not reach moto: ${error.message}`);
      }
    });
    // a client that goes away mid-request takes its request to moto with it
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  }

  /** Sends a whole request and reads the whole answer. */
  call(method: string, path: string, headers: IncomingHttpHeaders, body?: Buffer | string): Promise<UpstreamReply> {
    const sent = endToEnd(headers);
    delete sent['content-length'];
    if (body !== undefined) sent['content-length'] = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const out = request({ host: this.host, port: this.port, agent: this.agent, method, path, headers: sent }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  /** Writes a reply read whole back to the client. */
  static relay(res: ServerResponse, reply: UpstreamReply): void {
    const headers = endToEnd(reply.headers);
    headers['content-length'] = reply.body.length;
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }

  close(): void {
    this.agent.destroy();
  }
}
