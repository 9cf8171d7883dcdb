/** What a listener does with a client's traffic, as the secure-listener check judges it. */
import { need } from '../../src/core/collector.js';
import { reported } from '../../src/core/check.js';
import type { Elbv2Listener, ListenerAction } from './collect.js';

/**
 * secure: the load balancer speaks TLS with the client (HTTPS, TLS) or the protocol is always encrypted (QUIC);
 * redirect-only: an HTTP listener whose every action redirects to HTTPS;
 * plaintext: an HTTP listener that forwards, answers or authenticates over HTTP;
 * opaque: TCP, UDP or GENEVE, whose payload the load balancer does not see (TLS may pass through to the targets).
 */
export type ListenerTraffic = 'secure' | 'redirect-only' | 'plaintext' | 'opaque';

const SECURE = new Set(['HTTPS', 'TLS', 'QUIC', 'TCP_QUIC']);
const OPAQUE = new Set(['TCP', 'UDP', 'TCP_UDP', 'GENEVE']);

const redirectsToHttps = (action: ListenerAction): boolean => action.type === 'redirect' && action.redirectProtocol?.toUpperCase() === 'HTTPS';

export function listenerTraffic(listener: Elbv2Listener): { traffic: ListenerTraffic; why: string } {
  const protocol = reported(listener.protocol, 'the listener protocol', listener.arn);
  if (SECURE.has(protocol)) return { traffic: 'secure', why: `${protocol} is encrypted` };
  if (OPAQUE.has(protocol)) return { traffic: 'opaque', why: `${protocol}: the load balancer does not see whether the payload is encrypted` };
  if (protocol !== 'HTTP') throw new Error(`the listener protocol ${protocol} is not one rampart knows`);
  const rules = listener.rules === undefined ? [] : need(listener.rules, `the rules of listener ${listener.arn}`);
  const offending = [
    ...(listener.defaultActions.every(redirectsToHttps) && listener.defaultActions.length > 0 ? [] : [`default action ${listener.defaultActions.map((a) => a.type).join('+') || 'none'}`]),
    ...rules.filter((r) => r.actions.length === 0 || !r.actions.every(redirectsToHttps)).map((r) => `rule ${r.priority} ${r.actions.map((a) => a.type).join('+')}`),
  ];
  if (offending.length === 0) return { traffic: 'redirect-only', why: 'every action redirects to HTTPS' };
  return { traffic: 'plaintext', why: `serves HTTP: ${offending.join(', ')}` };
}
