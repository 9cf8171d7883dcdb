/**
 * ELBv2 inventory, per account and region: the Application, Network and
 * Gateway Load Balancers, each with its attributes and listeners (read once
 * per load balancer), its tags (read twenty load balancers at a time) and,
 * for the HTTP listeners of internet-facing Application Load Balancers only,
 * the listener rules, which tell whether the listener only redirects to HTTPS.
 * The SDK is loaded by fetch.ts (the pattern is described in auditors/sqs/collect.ts).
 */
import type { Collector, Fetched } from '../../src/core/collector.js';
import type { ResourceRef } from '../../src/core/resource.js';

export interface ListenerAction {
  /** forward, redirect, fixed-response, authenticate-oidc, authenticate-cognito. */
  type: string;
  /** The protocol a redirect sends to (HTTPS, HTTP, or #{protocol} to keep the request's). */
  redirectProtocol?: string;
}

export interface ListenerRule {
  priority: string;
  actions: ListenerAction[];
}

export interface Elbv2Listener {
  arn: string;
  port?: number;
  /** HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, QUIC, TCP_QUIC, GENEVE. */
  protocol?: string;
  sslPolicy?: string;
  defaultActions: ListenerAction[];
  /** The non-default rules; read only for HTTP listeners of internet-facing Application Load Balancers. */
  rules?: Fetched<ListenerRule[]>;
}

export interface Elbv2LoadBalancerItem {
  ref: ResourceRef;
  name: string;
  /** application, network or gateway. */
  type?: string;
  /** internet-facing or internal. */
  scheme?: string;
  /** The load balancer attributes by key (access_logs.s3.enabled, deletion_protection.enabled…). */
  attributes: Fetched<Record<string, string>>;
  listeners: Fetched<Elbv2Listener[]>;
  tags: Fetched<Record<string, string>>;
}

export interface Elbv2Inventory {
  loadBalancers: Elbv2LoadBalancerItem[];
}

export const elbv2Collector: Collector<Elbv2Inventory> = {
  id: 'elbv2',
  service: 'elbv2',
  global: false,
  permissions: [
    'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes', 'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeRules', 'elasticloadbalancing:DescribeTags',
  ],
  async collect(ctx) {
    const { fetchElbv2Inventory } = await import('./fetch.js');
    return fetchElbv2Inventory(ctx);
  },
};
